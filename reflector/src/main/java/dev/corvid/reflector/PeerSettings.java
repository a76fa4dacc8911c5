package dev.corvid.reflector;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules need to know about one configured peer (the daemon maps its configuration to this).
 *
 * @param address      the peer's address, which also identifies it for split horizon
 * @param asn          the peer's AS
 * @param role         mesh, rr-client, non-client or ebgp
 * @param nextHopSelf  iBGP: put our own address as next hop on every route sent to this peer (eBGP always does)
 * @param allowLocalAs eBGP: how many times our own AS may appear in a received AS_PATH before RFC 4271 §9.1.2
 *                     loop detection drops the route (0: never; for top-of-rack designs that reuse one AS)
 * @param importPolicy the configured import policy; empty means the RFC 8212 default
 * @param exportPolicy the configured export policy; empty means the RFC 8212 default
 */
public record PeerSettings(InetAddress address, long asn, PeerRole role, boolean nextHopSelf, int allowLocalAs,
                           Optional<Policy> importPolicy, Optional<Policy> exportPolicy) {

    public static final int MAX_ALLOW_LOCAL_AS = 255;

    public PeerSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(importPolicy, "importPolicy");
        Objects.requireNonNull(exportPolicy, "exportPolicy");
        if (asn < 1 || asn > 0xFFFF_FFFFL) throw new IllegalArgumentException("AS " + asn + " is not 1..4294967295");
        if (allowLocalAs < 0 || allowLocalAs > MAX_ALLOW_LOCAL_AS) {
            throw new IllegalArgumentException("allow-local-as " + allowLocalAs + " is not 0.." + MAX_ALLOW_LOCAL_AS);
        }
    }

    /** A peer of {@code role} with no options and no policies (RFC 8212 defaults). */
    public static PeerSettings of(InetAddress address, long asn, PeerRole role) {
        return new PeerSettings(address, asn, role, false, 0, Optional.empty(), Optional.empty());
    }

    public PeerSettings withNextHopSelf(boolean on) {
        return new PeerSettings(address, asn, role, on, allowLocalAs, importPolicy, exportPolicy);
    }

    public PeerSettings withAllowLocalAs(int count) {
        return new PeerSettings(address, asn, role, nextHopSelf, count, importPolicy, exportPolicy);
    }

    public PeerSettings withImport(Policy policy) {
        return new PeerSettings(address, asn, role, nextHopSelf, allowLocalAs, Optional.of(policy), exportPolicy);
    }

    public PeerSettings withExport(Policy policy) {
        return new PeerSettings(address, asn, role, nextHopSelf, allowLocalAs, importPolicy, Optional.of(policy));
    }

    /** The import policy in force: the configured one, else RFC 8212's default for the role. */
    public Policy effectiveImport() {
        return importPolicy.orElseGet(() -> Policy.rfc8212Default(role));
    }

    /** The export policy in force: the configured one, else RFC 8212's default for the role. */
    public Policy effectiveExport() {
        return exportPolicy.orElseGet(() -> Policy.rfc8212Default(role));
    }
}
