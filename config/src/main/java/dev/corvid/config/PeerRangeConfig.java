package dev.corvid.config;

import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A range of addresses from which inbound sessions are accepted ({@code corvid.peer-ranges[i]}); every peer that
 * connects from inside it gets these settings. Its {@link SessionOptions#passive()} is always true.
 */
public record PeerRangeConfig(Prefix prefix, long asn, PeerRole role, boolean nextHopSelf, int allowLocalAs,
        Policy importPolicy,
        Policy exportPolicy, SessionOptions session) {

    public PeerRangeConfig {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(importPolicy, "importPolicy");
        Objects.requireNonNull(exportPolicy, "exportPolicy");
        Objects.requireNonNull(session, "session");
    }

    /** True when {@code address} lies within {@link #prefix()}. */
    public boolean contains(InetAddress address) {
        return prefix.contains(address);
    }
}
