package dev.corvid.config;

import java.net.InetAddress;
import java.util.Objects;

/** One configured peer ({@code corvid.peers[i]}). */
public record PeerConfig(InetAddress address, long asn, PeerRole role, boolean nextHopSelf, int allowLocalAs,
        Policy importPolicy,
        Policy exportPolicy, SessionOptions session) {

    public PeerConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(importPolicy, "importPolicy");
        Objects.requireNonNull(exportPolicy, "exportPolicy");
        Objects.requireNonNull(session, "session");
    }
}
