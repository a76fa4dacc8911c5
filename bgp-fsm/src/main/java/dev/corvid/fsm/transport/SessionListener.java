package dev.corvid.fsm.transport;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.fsm.open.Negotiated;
import java.net.InetAddress;
import java.util.List;

/** Callbacks from the session event loops (called on the peer's event loop thread; must not block). */
public interface SessionListener {

    /**
     * The session with {@code peer} reached Established with these capabilities; {@code local} is our address on
     * its connection (the next hop of the routes we send it when the next hop is ourselves).
     */
    default void established(InetAddress peer, InetAddress local, Negotiated negotiated) {}

    /**
     * The session with {@code peer} left Established; {@code reason} is a sentence. {@code graceful}: RFC 4724 §4.2,
     * both sides announced Graceful Restart and the session ended without a NOTIFICATION (its TCP connection closed
     * or failed): the peer is restarting, and its routes should be kept as stale for its Restart Time rather than
     * withdrawn.
     */
    default void down(InetAddress peer, String reason, boolean graceful) {}

    /**
     * An UPDATE from {@code peer}, with the RFC 7606 errors that did not reset the session. Returns false to stop
     * reading from the peer until {@link BgpSpeaker#resumeReading} (the listener is behind).
     */
    default boolean update(InetAddress peer, Update update, List<AttributeError> errors) {
        return true;
    }

    /** A ROUTE-REFRESH from {@code peer} (RFC 2918, RFC 7313): it asks for our routes again. */
    default void routeRefresh(InetAddress peer, RouteRefresh routeRefresh) {}
}
