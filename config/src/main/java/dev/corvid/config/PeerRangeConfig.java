package dev.corvid.config;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Ipv6Prefix;
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
        byte[] raw = address.getAddress();
        if (raw.length != prefix.afi().addressLength()) return false;
        // The address cut to the range's length (host bits cleared) is the range itself exactly when it lies inside.
        int length = prefix.length();
        return prefix.equals(raw.length == 4 ? Ipv4Prefix.of(raw, length) : Ipv6Prefix.of(raw, length));
    }
}
