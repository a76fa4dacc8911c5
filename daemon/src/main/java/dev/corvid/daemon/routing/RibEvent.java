package dev.corvid.daemon.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.AttributeError;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.fsm.open.Negotiated;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** What the session event loops and the control socket hand to the RIB thread, in the order they happened. */
sealed interface RibEvent {

    /** The session with {@code peer} reached Established. */
    record PeerUp(InetAddress peer, InetAddress local, Negotiated negotiated) implements RibEvent {}

    /**
     * The session with {@code peer} left Established; {@code graceful}: RFC 4724 §4.2, without a NOTIFICATION and
     * with Graceful Restart announced by both sides, so its routes are kept as stale.
     */
    record PeerDown(InetAddress peer, String reason, boolean graceful) implements RibEvent {}

    /** An UPDATE from {@code peer} with the RFC 7606 errors that did not reset the session. */
    record Received(InetAddress peer, Update update, List<AttributeError> errors) implements RibEvent {}

    /** A ROUTE-REFRESH from {@code peer}: a request for our routes (RFC 2918), or RFC 7313 BoRR / EoRR. */
    record RefreshReceived(InetAddress peer, RouteRefresh message) implements RibEvent {}

    /** A question about the routing state, answered on the RIB thread (e.g. {@code show route}). */
    record Query<T>(Function<RoutingState, T> question, CompletableFuture<T> answer) implements RibEvent {
        void run(RoutingState state) {
            try {
                answer.complete(question.apply(state));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }
    }

    /** {@code show route}: answered by a budgeted walk over the following turns. */
    record ShowRoute(RouteQuery query, CompletableFuture<JsonNode> answer) implements RibEvent {}

    /** Kernel routes that {@code kernel.learn} matches appeared ({@code added}) or all went ({@code removed}). */
    record Learned(List<Prefix> added, List<Prefix> removed) implements RibEvent {}

    /** A reload: the new routing settings. */
    record Reconfigure(RoutingSettings settings) implements RibEvent {}

    /** The daemon stops: the RIB thread ends. */
    record Stop() implements RibEvent {}
}
