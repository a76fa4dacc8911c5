package dev.corvid.fsm;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;

/**
 * RFC 4271 §8.1: what happens to a session. Each record names the RFC event it stands for. Events 14 and 15
 * (TcpConnection_Valid, Tcp_CR_Invalid) are the transport's business: it only reports connections it accepted.
 * Events 6 and 7 (AutomaticStart_with_DampPeerOscillations...) are {@link SessionConfig#allowAutomaticStart()}
 * plus {@link IdleHoldTimerExpires}.
 */
public sealed interface Event {

    // RFC 4271 §8.1.2 Administrative Events

    /** Event 1 ManualStart. */
    record ManualStart() implements Event {}

    /**
     * Event 2 ManualStop, with the RFC 8203 / RFC 9003 Shutdown Communication to send in the Cease
     * NOTIFICATION ("" for none).
     */
    record ManualStop(String shutdownCommunication) implements Event {
        public ManualStop {
            if (shutdownCommunication == null) shutdownCommunication = "";
        }
    }

    /** Event 3 AutomaticStart. */
    record AutomaticStart() implements Event {}

    /** Event 4 ManualStart_with_PassiveTcpEstablishment. */
    record ManualStartWithPassiveTcpEstablishment() implements Event {}

    /** Event 5 AutomaticStart_with_PassiveTcpEstablishment. */
    record AutomaticStartWithPassiveTcpEstablishment() implements Event {}

    /**
     * Event 8 AutomaticStop: the local system stops the session by itself, e.g. RFC 4486 subcode 1 (Maximum
     * Number of Prefixes Reached). The Cease NOTIFICATION carries {@code ceaseSubcode} and {@code data}.
     */
    record AutomaticStop(int ceaseSubcode, Bytes data) implements Event {}

    // RFC 4271 §8.1.3 Timer Events

    /** A timer the FSM started has run out. */
    sealed interface TimerExpires extends Event {
        Timer timer();
    }

    /** Event 9 ConnectRetryTimer_Expires. */
    record ConnectRetryTimerExpires() implements TimerExpires {
        @Override
        public Timer timer() {
            return Timer.CONNECT_RETRY;
        }
    }

    /** Event 10 HoldTimer_Expires. */
    record HoldTimerExpires() implements TimerExpires {
        @Override
        public Timer timer() {
            return Timer.HOLD;
        }
    }

    /** Event 11 KeepaliveTimer_Expires. */
    record KeepaliveTimerExpires() implements TimerExpires {
        @Override
        public Timer timer() {
            return Timer.KEEPALIVE;
        }
    }

    /** Event 12 DelayOpenTimer_Expires. */
    record DelayOpenTimerExpires() implements TimerExpires {
        @Override
        public Timer timer() {
            return Timer.DELAY_OPEN;
        }
    }

    /** Event 13 IdleHoldTimer_Expires. */
    record IdleHoldTimerExpires() implements TimerExpires {
        @Override
        public Timer timer() {
            return Timer.IDLE_HOLD;
        }
    }

    // RFC 4271 §8.1.4 TCP Connection-Based Events

    /** Event 16 Tcp_CR_Acked: the connection we initiated is up. */
    record TcpCrAcked() implements Event {}

    /** Event 17 TcpConnectionConfirmed: the connection the peer initiated is up. */
    record TcpConnectionConfirmed() implements Event {}

    /** Event 18 TcpConnectionFails. */
    record TcpConnectionFails() implements Event {}

    // RFC 4271 §8.1.5 BGP Message-Based Events

    /** Events 19 BGPOpen and 20 BGPOpen with DelayOpenTimer running: an OPEN the codec decoded. */
    record OpenReceived(Open open) implements Event {}

    /**
     * Events 21 BGPHeaderErr, 22 BGPOpenMsgErr and 28 UpdateMsgErr: the codec found an error that resets the
     * session (RFC 7606 session-reset) and says which NOTIFICATION to send.
     */
    record MessageError(int code, int subcode, Bytes data) implements Event {}

    /** Event 23 OpenCollisionDump: {@link CollisionDetection} chose this connection to close. */
    record OpenCollisionDump() implements Event {}

    /** Events 24 NotifMsgVerErr and 25 NotifMsg. */
    record NotificationReceived(Notification notification) implements Event {}

    /** Event 26 KeepAliveMsg. */
    record KeepaliveReceived() implements Event {}

    /** Event 27 UpdateMsg. */
    record UpdateReceived(Update update) implements Event {}

    /** A ROUTE-REFRESH (RFC 2918); not an RFC 4271 event, but unexpected outside Established (RFC 6608). */
    record RouteRefreshReceived(RouteRefresh routeRefresh) implements Event {}
}
