package dev.corvid.fsm.open;

import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.capability.ExtendedNextHop;
import dev.corvid.codec.capability.GracefulRestart;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What one session runs with once both OPENs are known: the result of {@link OpenCheck}.
 *
 * @param peerAs               the peer's AS (from its 4-octet AS capability when present, RFC 6793 §4.1)
 * @param peerIdentifier       the peer's BGP Identifier
 * @param holdTime             RFC 4271 §4.2: the smaller of the two Hold Times, in seconds; 0 = no keepalives
 * @param keepaliveTime        RFC 4271 §10: "one third of the HoldTime", in seconds; 0 with a 0 hold time
 * @param fourOctetAs          RFC 6793 §4: both sides sent the 4-octet AS capability
 * @param families             RFC 4760 §8: the AFI/SAFIs both sides announced (IPv4 unicast when neither sent
 *                             a Multiprotocol capability, RFC 4760 §1)
 * @param addPathReceive       RFC 7911 §4: families whose NLRI we receive with Path Identifiers
 * @param addPathSend          RFC 7911 §4: families whose NLRI we send with Path Identifiers
 * @param extendedMessage      RFC 8654 §3: both sides announced Extended Message
 * @param extendedNextHop      RFC 8950 §4: the (NLRI family, next hop AFI) pairs both sides announced
 * @param routeRefresh         RFC 2918 §3: both sides announced Route Refresh (or Cisco's pre-standard code)
 * @param enhancedRouteRefresh RFC 7313 §3: both sides announced Enhanced Route Refresh
 * @param peerGracefulRestart  RFC 4724 §3: the peer's Graceful Restart capability, if it sent one
 */
public record Negotiated(long peerAs, Inet4Address peerIdentifier, int holdTime, int keepaliveTime,
                         boolean fourOctetAs, Set<Family> families, Set<Family> addPathReceive,
                         Set<Family> addPathSend, boolean extendedMessage, Set<ExtendedNextHop.Tuple> extendedNextHop,
                         boolean routeRefresh, boolean enhancedRouteRefresh,
                         Optional<GracefulRestart> peerGracefulRestart) {

    public Negotiated {
        families = Set.copyOf(families);
        addPathReceive = Set.copyOf(addPathReceive);
        addPathSend = Set.copyOf(addPathSend);
        extendedNextHop = Set.copyOf(extendedNextHop);
    }

    /** The context the codec reads and writes this session's messages with. */
    public WireContext wireContext() {
        return new WireContext(fourOctetAs, addPathReceive, addPathSend, extendedMessage);
    }

    public Duration holdTimer() {
        return Duration.ofSeconds(holdTime);
    }

    public Duration keepaliveTimer() {
        return Duration.ofSeconds(keepaliveTime);
    }
}
