package dev.corvid.fsm;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * RFC 4271 §6.8 BGP connection collision detection, as a decision over two connections to the same peer. The
 * transport asks it when one connection receives the peer's OPEN while another connection to that peer exists,
 * and feeds {@link Event.OpenCollisionDump} to the loser, which sends Cease / Connection Collision Resolution
 * (RFC 4486 subcode 7). With {@link Resolution#DUMP_THIS} the OPEN is not given to this connection's FSM at all;
 * with {@link Resolution#DUMP_OTHER} it is, after the other FSM got its dump. RFC 4724 §4.2 overrides the rule for
 * an Established session on which the peer announced Graceful Restart: {@link Resolution#PEER_RESTARTED}.
 *
 * @param localIdentifier our BGP Identifier
 * @param localAs         our AS, for the RFC 6286 §2.3 tie-break
 */
public record CollisionDetection(Inet4Address localIdentifier, long localAs) {

    /** Who started a TCP connection. */
    public enum Direction {
        /** We connected to the peer. */
        OUTBOUND,
        /** The peer connected to us. */
        INBOUND
    }

    /**
     * The other connection to the same peer, as the transport sees it.
     *
     * @param gracefulRestart the connection is Established and both sides announced Graceful Restart (RFC 4724) in
     *                        the OPENs of its session
     */
    public record Connection(Direction direction, SessionState state, boolean gracefulRestart) {}

    /** Which connection to close. */
    public enum Resolution {
        /** No collision: the other connection has exchanged no OPEN. */
        NONE,
        /** Close the connection whose OPEN just arrived. */
        DUMP_THIS,
        /** Close the other connection. */
        DUMP_OTHER,
        /**
         * RFC 4724 §4.2: the peer restarted without our seeing its old connection end. Close the other (Established)
         * connection without a NOTIFICATION, keep its routes as stale, and go on with this one.
         */
        PEER_RESTARTED
    }

    /**
     * @param thisDirection    direction of the connection that just received the peer's OPEN
     * @param other            the other connection to the same peer
     * @param remoteIdentifier the BGP Identifier in that OPEN
     * @param remoteAs         the AS in that OPEN
     */
    public Resolution resolve(Direction thisDirection, Connection other, Inet4Address remoteIdentifier,
                              long remoteAs) {
        return switch (other.state()) {
            // No OPEN was exchanged on the other connection: nothing collides.
            case IDLE, CONNECT, ACTIVE -> Resolution.NONE;
            // RFC 4724 §4.2: "In case it does not detect the termination of the old TCP session and still
            // considers the BGP session as being established, it MUST treat the subsequent open connection from
            // the peer as an indication of the termination of the old TCP session and act accordingly (when the
            // Graceful Restart Capability has been received from the peer). 'Acting accordingly' in this context
            // means that the previous TCP session MUST be closed, and the new one retained."
            // Otherwise RFC 4271 §6.8: "Unless allowed via configuration, a connection collision with an existing
            // BGP connection that is in the Established state causes closing of the newly created connection."
            case ESTABLISHED -> other.gracefulRestart() && thisDirection == Direction.INBOUND
                    ? Resolution.PEER_RESTARTED : Resolution.DUMP_THIS;
            // "a BGP speaker may detect collisions with OpenSent if it knows the BGP Identifier of the peer by
            // means outside of the protocol" — the OPEN that just arrived on this connection tells it.
            case OPEN_SENT, OPEN_CONFIRM -> {
                // Two connections the same side started: the peer gave up on the older one.
                if (thisDirection == other.direction()) yield Resolution.DUMP_OTHER;
                Direction survivor = survivor(remoteIdentifier, remoteAs);
                yield thisDirection == survivor ? Resolution.DUMP_OTHER : Resolution.DUMP_THIS;
            }
        };
    }

    /**
     * "the BGP Identifier of the local system is compared to the BGP Identifier of the remote system ... as
     * 4-octet unsigned integers": the connection initiated by the higher Identifier is retained. RFC 6286 §2.3:
     * "If the BGP Identifiers of the peers involved in the connection collision are identical, then the
     * connection initiated by the BGP speaker with the larger AS number is preserved."
     */
    private Direction survivor(Inet4Address remoteIdentifier, long remoteAs) {
        int byId = Integer.compareUnsigned(asInt(localIdentifier), asInt(remoteIdentifier));
        int order = byId != 0 ? byId : Long.compare(localAs, remoteAs);
        return order > 0 ? Direction.OUTBOUND : Direction.INBOUND;
    }

    private static int asInt(Inet4Address address) {
        return ByteBuffer.wrap(address.getAddress()).getInt();
    }
}
