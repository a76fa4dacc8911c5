package dev.corvid.fsm;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * RFC 4271 §6.8 BGP connection collision detection, as a decision over two connections to the same peer. The
 * transport asks it when one connection receives the peer's OPEN while another connection to that peer exists,
 * and feeds {@link Event.OpenCollisionDump} to the loser, which sends Cease / Connection Collision Resolution
 * (RFC 4486 subcode 7). With {@link Resolution#DUMP_THIS} the OPEN is not given to this connection's FSM at all;
 * with {@link Resolution#DUMP_OTHER} it is, after the other FSM got its dump.
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

    /** The other connection to the same peer, as the transport sees it. */
    public record Connection(Direction direction, SessionState state) {}

    /** Which connection to close. */
    public enum Resolution {
        /** No collision: the other connection has exchanged no OPEN. */
        NONE,
        /** Close the connection whose OPEN just arrived. */
        DUMP_THIS,
        /** Close the other connection. */
        DUMP_OTHER
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
            // "Unless allowed via configuration, a connection collision with an existing BGP connection that is
            // in the Established state causes closing of the newly created connection."
            case ESTABLISHED -> Resolution.DUMP_THIS;
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
