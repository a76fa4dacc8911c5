package dev.corvid.fsm;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.fsm.open.Negotiated;
import java.time.Duration;

/** What the transport does for the FSM, in the order given by a {@link Transition}. */
public sealed interface Action {

    /** RFC 4271 §8.2.2: "initiates a TCP connection to the other BGP peer". */
    record ConnectTcp() implements Action {}

    /** RFC 4271 §8.2.2: "drops the TCP connection" (after flushing anything sent before it). */
    record DropTcp() implements Action {}

    /** Send our OPEN (the transport builds it from the peer's configuration). */
    record SendOpen() implements Action {}

    record SendKeepalive() implements Action {}

    /** RFC 4271 §4.5 NOTIFICATION: Error Code, Error Subcode, Data. The connection is dropped right after. */
    record SendNotification(int code, int subcode, Bytes data) implements Action {
        public SendNotification(int code, int subcode) {
            this(code, subcode, Bytes.EMPTY);
        }

        public static SendNotification of(Notification notification) {
            return new SendNotification(notification.code(), notification.subcode(), notification.data());
        }
    }

    /** Start {@code timer} to fire after {@code duration}, restarting it if it runs. */
    record StartTimer(Timer timer, Duration duration) implements Action {}

    /** Stop {@code timer}; an expiry already on its way is ignored by the FSM. */
    record StopTimer(Timer timer) implements Action {}

    /** Hand a received UPDATE to the RIB. */
    record DeliverUpdate(Update update) implements Action {}

    /** Hand a received ROUTE-REFRESH to the Adj-RIB-Out. */
    record DeliverRouteRefresh(RouteRefresh routeRefresh) implements Action {}

    /** The session reached Established with these capabilities; switch the codec to its wire context. */
    record SessionEstablished(Negotiated negotiated) implements Action {}

    /** The session left Established: withdraw what it announced. {@code reason} is a sentence for the log. */
    record SessionDown(String reason) implements Action {}
}
