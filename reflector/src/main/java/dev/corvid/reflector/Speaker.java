package dev.corvid.reflector;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * This BGP speaker as the rules see it.
 *
 * @param asn       the local AS, an unsigned 32-bit value
 * @param routerId  the BGP Identifier (RFC 4271 §4.2), compared with ORIGINATOR_ID (RFC 4456 §8)
 * @param clusterId the CLUSTER_ID (RFC 4456 §7); reflectors of one cluster share it, by default the router id
 */
public record Speaker(long asn, Inet4Address routerId, Inet4Address clusterId) {

    public Speaker {
        if (asn < 1 || asn > 0xFFFF_FFFFL) throw new IllegalArgumentException("AS " + asn + " is not 1..4294967295");
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(clusterId, "clusterId");
    }

    /**
     * RFC 4456 §7: "Usually, a cluster of clients will have a single RR. In that case, the cluster will be
     * identified by the BGP Identifier of the RR."
     */
    public static Speaker of(long asn, Inet4Address routerId) {
        return new Speaker(asn, routerId, routerId);
    }
}
