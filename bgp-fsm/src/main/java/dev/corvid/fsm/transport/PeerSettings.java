package dev.corvid.fsm.transport;

import dev.corvid.codec.Family;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * One configured peer's session settings.
 *
 * @param address             the peer's address; inbound connections from it belong to this peer
 * @param port                the TCP port we connect to (179)
 * @param peerAs              the AS the peer must announce in its OPEN (RFC 4271 §6.2 Bad Peer AS otherwise)
 * @param localAddress        the address we connect from, if not the kernel's choice
 * @param passive             RFC 4271 §8.1.1 PassiveTcpEstablishment: never connect, only accept
 * @param holdTime            the Hold Time we offer, in seconds (0 or at least 3)
 * @param connectRetrySeconds RFC 4271 §10 ConnectRetryTime, jittered by the FSM
 * @param md5Password         RFC 2385 TCP MD5 signature key
 * @param ttlSecurityHops     RFC 5082 GTSM: the peer is at most this many hops away; 0 = off
 * @param families            RFC 4760 Multiprotocol capabilities we announce
 * @param addPathReceive      RFC 7911 families we ask to receive with Path Identifiers
 * @param addPathSend         RFC 7911 families we offer to send with Path Identifiers
 * @param role                shown only: "mesh", "rr-client", "ebgp", ...
 * @param gracefulRestart     RFC 4724: we announce Graceful Restart (Restart Time 120 s, F bit set); a
 *                            session on which the peer did too is closed without a NOTIFICATION when we stop, and
 *                            the peer's routes are kept as stale when its session ends without one
 */
public record PeerSettings(InetAddress address, int port, long peerAs, Optional<InetAddress> localAddress,
                           boolean passive, int holdTime, int connectRetrySeconds, Optional<String> md5Password,
                           int ttlSecurityHops, Set<Family> families, Set<Family> addPathReceive,
                           Set<Family> addPathSend, String role, boolean gracefulRestart) {

    public PeerSettings {
        families = Set.copyOf(families);
        addPathReceive = Set.copyOf(addPathReceive);
        addPathSend = Set.copyOf(addPathSend);
    }
}
