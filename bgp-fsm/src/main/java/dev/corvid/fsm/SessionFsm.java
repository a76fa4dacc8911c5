package dev.corvid.fsm;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.message.MessageType;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import dev.corvid.fsm.Action.DeliverRouteRefresh;
import dev.corvid.fsm.Action.DeliverUpdate;
import dev.corvid.fsm.Action.DropTcp;
import dev.corvid.fsm.Action.SendKeepalive;
import dev.corvid.fsm.Action.SendNotification;
import dev.corvid.fsm.Action.StartTimer;
import dev.corvid.fsm.Event.AutomaticStart;
import dev.corvid.fsm.Event.AutomaticStartWithPassiveTcpEstablishment;
import dev.corvid.fsm.Event.AutomaticStop;
import dev.corvid.fsm.Event.ConnectRetryTimerExpires;
import dev.corvid.fsm.Event.DelayOpenTimerExpires;
import dev.corvid.fsm.Event.HoldTimerExpires;
import dev.corvid.fsm.Event.IdleHoldTimerExpires;
import dev.corvid.fsm.Event.KeepaliveReceived;
import dev.corvid.fsm.Event.KeepaliveTimerExpires;
import dev.corvid.fsm.Event.ManualStart;
import dev.corvid.fsm.Event.ManualStartWithPassiveTcpEstablishment;
import dev.corvid.fsm.Event.ManualStop;
import dev.corvid.fsm.Event.MessageError;
import dev.corvid.fsm.Event.NotificationReceived;
import dev.corvid.fsm.Event.OpenCollisionDump;
import dev.corvid.fsm.Event.OpenReceived;
import dev.corvid.fsm.Event.RouteRefreshReceived;
import dev.corvid.fsm.Event.TcpConnectionConfirmed;
import dev.corvid.fsm.Event.TcpConnectionFails;
import dev.corvid.fsm.Event.TcpCrAcked;
import dev.corvid.fsm.Event.UpdateReceived;
import dev.corvid.fsm.open.OpenVerdict;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * DOC: the RFC 4271 §8.2.2 state machine of one session, as a pure function {@link #next(Session, Event)}: one
 * exhaustive switch over the events per state, returning a {@link Step}; the entry actions of every state live
 * in {@link StateEntry}. The clock (for the stable-period reset of the damping) and the random
 * source (for RFC 4271 §10 jitter) are injected; nothing here sleeps or schedules.
 *
 * <p>Choices where RFC 4271 leaves room, or where corvid departs from its letter:
 * <ul>
 *   <li>SendNOTIFICATIONwithoutOPEN (§8.1.1) is on: with DelayOpen running, a stop, a message error or a
 *       collision still tells the peer why.</li>
 *   <li>A received NOTIFICATION is never answered with one (§8.2.2 would send an FSM Error from OpenSent):
 *       the peer has already closed the connection (§4.5).</li>
 *   <li>PassiveTcpEstablishment (§8.1.1: "passively wait for the remote BGP peer to establish the BGP TCP
 *       connection") means never connecting: Active runs no ConnectRetryTimer.</li>
 *   <li>An expiry of a timer that is not running (stopped while its expiry was on its way) is ignored.</li>
 *   <li>ManualStart and IdleHoldTimer expiry start the session; an AutomaticStart waits for a running
 *       IdleHoldTimer, so a flapping peer's back-off holds.</li>
 * </ul>
 * One FSM runs per TCP connection; a second connection to the same peer gets its own, and
 * {@link CollisionDetection} decides which one receives {@link OpenCollisionDump} (§6.8).
 */
public final class SessionFsm {

    /** RFC 4271 §6.2 / §4.5 OPEN Message Error: "Unsupported Version Number". */
    private static final int UNSUPPORTED_VERSION_NUMBER = 1;
    /**
     * RFC 6608 §3 FSM Error subcodes: Unspecified Error, and Receive Unexpected Message in OpenSent /
     * OpenConfirm / Established State.
     */
    private static final int UNSPECIFIED_ERROR = 0;
    private static final int IN_OPEN_SENT = 1;
    private static final int IN_OPEN_CONFIRM = 2;
    private static final int IN_ESTABLISHED = 3;
    /** RFC 4486 §4 Cease subcode "Connection Collision Resolution". */
    private static final int CONNECTION_COLLISION_RESOLUTION = 7;

    private final SessionConfig config;
    private final Function<Open, OpenVerdict> openCheck;
    private final StateEntry entry;

    /**
     * @param openCheck validates the peer's OPEN (normally {@link dev.corvid.fsm.open.OpenCheck#check})
     * @param clock     read when a session enters Established and when it leaves it
     * @param random    for the RFC 4271 §10 jitter of the ConnectRetryTimer and KeepaliveTimer
     */
    public SessionFsm(SessionConfig config, Function<Open, OpenVerdict> openCheck, InstantSource clock,
                      RandomGenerator random) {
        this.config = config;
        this.openCheck = openCheck;
        this.entry = new StateEntry(config, clock, random);
    }

    /** The session after {@code event}, and what the transport must do, in order. */
    public Transition next(Session session, Event event) {
        if (event instanceof Event.TimerExpires expiry) {
            if (!session.running(expiry.timer())) return new Transition(session, List.of());
            Set<Timer> running = EnumSet.copyOf(session.timers());
            running.remove(expiry.timer());
            session = session.withTimers(running);
        }
        Step step = switch (session.state()) {
            case IDLE -> idle(session, event);
            case CONNECT -> connect(session, event);
            case ACTIVE -> active(session, event);
            case OPEN_SENT -> openSent(session, event);
            case OPEN_CONFIRM -> openConfirm(session, event);
            case ESTABLISHED -> established(session, event);
        };
        return entry.apply(step);
    }

    // RFC 4271 §8.2.2 Idle state

    private Step idle(Session s, Event e) {
        return switch (e) {
            case ManualStart _ -> start(s, false);
            case ManualStartWithPassiveTcpEstablishment _ -> start(s, true);
            case AutomaticStart _ -> s.running(Timer.IDLE_HOLD) ? stay(s) : start(s, false);
            case AutomaticStartWithPassiveTcpEstablishment _ -> s.running(Timer.IDLE_HOLD) ? stay(s) : start(s, true);
            // RFC 4271 §8.1.1 IdleHoldTime: the back-off is over; start the way the session last started.
            case IdleHoldTimerExpires _ -> start(s, s.passive());
            // An operator's stop also cancels a pending automatic restart and forgets past flaps.
            case ManualStop _ -> stay(s.withOscillations(0), StateEntry.stopIfRunning(s, Timer.IDLE_HOLD));
            // "In this state, BGP FSM refuses all incoming BGP connections for this peer."
            case TcpCrAcked _, TcpConnectionConfirmed _ -> stay(s, new DropTcp());
            // "Any other event ... does not cause change in the state of the local system."
            case AutomaticStop _, ConnectRetryTimerExpires _, HoldTimerExpires _, KeepaliveTimerExpires _,
                 DelayOpenTimerExpires _, TcpConnectionFails _, OpenReceived _, MessageError _,
                 OpenCollisionDump _, NotificationReceived _, KeepaliveReceived _, UpdateReceived _,
                 RouteRefreshReceived _ -> stay(s);
        };
    }

    // RFC 4271 §8.2.2 Connect state

    private Step connect(Session s, Event e) {
        boolean delayOpen = s.running(Timer.DELAY_OPEN);
        return switch (e) {
            case ManualStart _, ManualStartWithPassiveTcpEstablishment _, AutomaticStart _,
                 AutomaticStartWithPassiveTcpEstablishment _ -> stay(s);
            case ManualStop m -> manualStop(s, m, delayOpen);
            case AutomaticStop a -> automaticStop(s, a, delayOpen);
            // "drops the TCP connection, restarts the ConnectRetryTimer, stops the DelayOpenTimer ...,
            // initiates a TCP connection to the other BGP peer, ... stays in the Connect state."
            case ConnectRetryTimerExpires _ -> new Step.Move(s, SessionState.CONNECT, List.of(new DropTcp()));
            case DelayOpenTimerExpires _ -> new Step.Move(s, SessionState.OPEN_SENT, List.of());
            case TcpCrAcked _, TcpConnectionConfirmed _ -> connected(s);
            // "If the DelayOpenTimer is running, ... restarts the ConnectRetryTimer, stops and clears the
            // DelayOpenTimer ..., continues to listen for a connection ..., and changes its state to Active.
            // If the DelayOpenTimer is not running, ... changes its state to Idle."
            case TcpConnectionFails _ -> delayOpen
                    ? new Step.Move(s, SessionState.ACTIVE, List.of())
                    : down(s, Step.Counter.KEEP, "TCP connection failed");
            case OpenReceived o -> delayOpen ? openReceived(s, o) : unexpectedBeforeOpen(s, "OPEN");
            case MessageError m -> messageError(s, m);
            case NotificationReceived n -> notificationReceived(s, n, delayOpen);
            case HoldTimerExpires _, KeepaliveTimerExpires _, IdleHoldTimerExpires _ ->
                    unexpectedBeforeOpen(s, "timer expiry");
            // With DelayOpen an OPEN can arrive here, so CollisionDetection may pick this connection.
            case OpenCollisionDump _ -> delayOpen ? collisionDump(s) : unexpectedBeforeOpen(s, "collision dump");
            case KeepaliveReceived _ -> unexpectedBeforeOpen(s, "KEEPALIVE");
            case UpdateReceived _ -> unexpectedBeforeOpen(s, "UPDATE");
            case RouteRefreshReceived _ -> unexpectedBeforeOpen(s, "ROUTE-REFRESH");
        };
    }

    // RFC 4271 §8.2.2 Active state

    private Step active(Session s, Event e) {
        boolean delayOpen = s.running(Timer.DELAY_OPEN);
        return switch (e) {
            case ManualStart _, ManualStartWithPassiveTcpEstablishment _, AutomaticStart _,
                 AutomaticStartWithPassiveTcpEstablishment _ -> stay(s);
            case ManualStop m -> manualStop(s, m, delayOpen);
            case AutomaticStop a -> automaticStop(s, a, delayOpen);
            // "restarts the ConnectRetryTimer ..., initiates a TCP connection ..., changes its state to Connect."
            case ConnectRetryTimerExpires _ -> new Step.Move(s, SessionState.CONNECT, List.of());
            case DelayOpenTimerExpires _ -> new Step.Move(s, SessionState.OPEN_SENT, List.of());
            case TcpCrAcked _, TcpConnectionConfirmed _ -> connected(s);
            // "increments the ConnectRetryCounter by 1, optionally performs peer oscillation damping, and
            // changes its state to Idle."
            case TcpConnectionFails _ -> down(s, Step.Counter.INCREMENT, "TCP connection failed");
            case OpenReceived o -> delayOpen ? openReceived(s, o) : unexpectedBeforeOpen(s, "OPEN");
            case MessageError m -> messageError(s, m);
            case NotificationReceived n -> notificationReceived(s, n, delayOpen);
            case HoldTimerExpires _, KeepaliveTimerExpires _, IdleHoldTimerExpires _ ->
                    unexpectedBeforeOpen(s, "timer expiry");
            // With DelayOpen an OPEN can arrive here, so CollisionDetection may pick this connection.
            case OpenCollisionDump _ -> delayOpen ? collisionDump(s) : unexpectedBeforeOpen(s, "collision dump");
            case KeepaliveReceived _ -> unexpectedBeforeOpen(s, "KEEPALIVE");
            case UpdateReceived _ -> unexpectedBeforeOpen(s, "UPDATE");
            case RouteRefreshReceived _ -> unexpectedBeforeOpen(s, "ROUTE-REFRESH");
        };
    }

    // RFC 4271 §8.2.2 OpenSent state

    private Step openSent(Session s, Event e) {
        return switch (e) {
            case ManualStart _, ManualStartWithPassiveTcpEstablishment _, AutomaticStart _,
                 AutomaticStartWithPassiveTcpEstablishment _ -> stay(s);
            case ManualStop m -> manualStop(s, m, true);
            case AutomaticStop a -> automaticStop(s, a, true);
            case HoldTimerExpires _ -> holdTimerExpired(s);
            // "a second TCP session may be in progress. This second TCP session is tracked per Connection
            // Collision processing (Section 6.8)" — by its own FSM.
            case TcpCrAcked _, TcpConnectionConfirmed _ -> stay(s);
            // "closes the BGP connection, restarts the ConnectRetryTimer, continues to listen for a connection
            // that may be initiated by the remote BGP peer, and changes its state to Active."
            case TcpConnectionFails _ -> new Step.Move(s, SessionState.ACTIVE, List.of(new DropTcp()));
            case OpenReceived o -> openReceived(s, o);
            case MessageError m -> messageError(s, m);
            case OpenCollisionDump _ -> collisionDump(s);
            case NotificationReceived n -> notificationReceived(s, n, true);
            case ConnectRetryTimerExpires _, KeepaliveTimerExpires _, DelayOpenTimerExpires _,
                 IdleHoldTimerExpires _ -> fsmError(s, UNSPECIFIED_ERROR, "unexpected timer expiry", Bytes.EMPTY);
            case KeepaliveReceived _ -> unexpectedMessage(s, IN_OPEN_SENT, MessageType.KEEPALIVE);
            case UpdateReceived _ -> unexpectedMessage(s, IN_OPEN_SENT, MessageType.UPDATE);
            case RouteRefreshReceived _ -> unexpectedMessage(s, IN_OPEN_SENT, MessageType.ROUTE_REFRESH);
        };
    }

    // RFC 4271 §8.2.2 OpenConfirm state

    private Step openConfirm(Session s, Event e) {
        return switch (e) {
            case ManualStart _, ManualStartWithPassiveTcpEstablishment _, AutomaticStart _,
                 AutomaticStartWithPassiveTcpEstablishment _ -> stay(s);
            case ManualStop m -> manualStop(s, m, true);
            case AutomaticStop a -> automaticStop(s, a, true);
            case HoldTimerExpires _ -> holdTimerExpired(s);
            case KeepaliveTimerExpires _ -> keepaliveTimerExpired(s);
            case TcpCrAcked _, TcpConnectionConfirmed _ -> stay(s);
            case TcpConnectionFails _ -> down(s, Step.Counter.INCREMENT, "TCP connection failed");
            case NotificationReceived n -> notificationReceived(s, n, true);
            // "If the local system receives a KEEPALIVE message ..., restarts the HoldTimer and changes its
            // state to Established."
            case KeepaliveReceived _ -> new Step.Move(s, SessionState.ESTABLISHED, List.of());
            case MessageError m -> messageError(s, m);
            case OpenCollisionDump _ -> collisionDump(s);
            case OpenReceived _ -> unexpectedMessage(s, IN_OPEN_CONFIRM, MessageType.OPEN);
            case UpdateReceived _ -> unexpectedMessage(s, IN_OPEN_CONFIRM, MessageType.UPDATE);
            case RouteRefreshReceived _ -> unexpectedMessage(s, IN_OPEN_CONFIRM, MessageType.ROUTE_REFRESH);
            case ConnectRetryTimerExpires _, DelayOpenTimerExpires _, IdleHoldTimerExpires _ ->
                    fsmError(s, UNSPECIFIED_ERROR, "unexpected timer expiry", Bytes.EMPTY);
        };
    }

    // RFC 4271 §8.2.2 Established state

    private Step established(Session s, Event e) {
        return switch (e) {
            case ManualStart _, ManualStartWithPassiveTcpEstablishment _, AutomaticStart _,
                 AutomaticStartWithPassiveTcpEstablishment _ -> stay(s);
            case ManualStop m -> manualStop(s, m, true);
            case AutomaticStop a -> automaticStop(s, a, true);
            case HoldTimerExpires _ -> holdTimerExpired(s);
            case KeepaliveTimerExpires _ -> keepaliveTimerExpired(s);
            case TcpCrAcked _, TcpConnectionConfirmed _ -> stay(s);
            case TcpConnectionFails _ -> down(s, Step.Counter.INCREMENT, "TCP connection failed");
            case NotificationReceived n -> notificationReceived(s, n, false);
            // "If the local system receives a KEEPALIVE message, it restarts its HoldTimer, if the negotiated
            // HoldTime value is non-zero."
            case KeepaliveReceived _ -> stay(s, entry.restartHoldTimer(s));
            // "If the local system receives an UPDATE message, ... restarts its HoldTimer, if the negotiated
            // HoldTime value is non-zero."
            case UpdateReceived u -> {
                List<Action> actions = new ArrayList<>(entry.restartHoldTimer(s));
                actions.add(new DeliverUpdate(u.update()));
                yield stay(s, actions);
            }
            case RouteRefreshReceived r -> stay(s, new DeliverRouteRefresh(r.routeRefresh()));
            case MessageError m -> messageError(s, m);
            // RFC 4271 §6.8: "a connection collision with an existing BGP connection that is in the Established
            // state causes closing of the newly created connection" — this one, when the transport allows it.
            case OpenCollisionDump _ -> collisionDump(s);
            case OpenReceived _ -> unexpectedMessage(s, IN_ESTABLISHED, MessageType.OPEN);
            case ConnectRetryTimerExpires _, DelayOpenTimerExpires _, IdleHoldTimerExpires _ ->
                    fsmError(s, UNSPECIFIED_ERROR, "unexpected timer expiry", Bytes.EMPTY);
        };
    }

    // Steps shared by several states

    private Step start(Session s, boolean passive) {
        // RFC 4271 §8.2.2 Idle: "initializes all BGP resources ..., sets ConnectRetryCounter to zero".
        Session started = s.withPassive(passive).withConnectRetryCounter(0);
        return new Step.Move(started, passive ? SessionState.ACTIVE : SessionState.CONNECT,
                StateEntry.stopIfRunning(s, Timer.IDLE_HOLD));
    }

    /** Tcp_CR_Acked / TcpConnectionConfirmed in Connect or Active. */
    private Step connected(Session s) {
        if (config.delayOpen()) {
            // "If the DelayOpen attribute is set to TRUE, ... stops the ConnectRetryTimer ..., sets the
            // DelayOpenTimer to the initial value, and stays in the Connect state."
            List<Action> actions = new ArrayList<>(StateEntry.stopIfRunning(s, Timer.CONNECT_RETRY));
            actions.add(new StartTimer(Timer.DELAY_OPEN, config.delayOpenTime()));
            return stay(s, actions);
        }
        return new Step.Move(s, SessionState.OPEN_SENT, List.of());
    }

    /** BGPOpen (Event 19 / 20): the OPEN is checked here; collisions are the transport's (§6.8). */
    private Step openReceived(Session s, OpenReceived o) {
        return switch (openCheck.apply(o.open())) {
            case OpenVerdict.Accepted accepted ->
                    new Step.Move(s.withNegotiated(Optional.of(accepted.negotiated())), SessionState.OPEN_CONFIRM,
                            List.of());
            // Event 22 BGPOpenMsgErr: "sends a NOTIFICATION message with the appropriate error code, ...
            // increments the ConnectRetryCounter by 1, ... changes its state to Idle."
            case OpenVerdict.Rejected r -> new Step.Down(s,
                    Optional.of(new SendNotification(r.code(), r.subcode(), r.data())), Step.Counter.INCREMENT, true,
                    "OPEN rejected: " + r.reason());
        };
    }

    /** Events 21, 22, 28: the codec asks for a session reset with this NOTIFICATION. */
    private Step messageError(Session s, MessageError m) {
        return new Step.Down(s, Optional.of(new SendNotification(m.code(), m.subcode(), m.data())),
                Step.Counter.INCREMENT, true, "message error " + m.code() + "/" + m.subcode());
    }

    private Step notificationReceived(Session s, NotificationReceived n, boolean versionErrorKeepsCounter) {
        Notification notification = n.notification();
        String reason = "NOTIFICATION received: " + notification.description()
                + notification.shutdownCommunication().map(text -> ": " + text).orElse("");
        // Event 24 NotifMsgVerErr: "changes its state to Idle" without incrementing the ConnectRetryCounter
        // (in Connect and Active only while the DelayOpenTimer runs; Established does not single it out).
        boolean versionError = notification.code() == Notification.OPEN_MESSAGE_ERROR
                && notification.subcode() == UNSUPPORTED_VERSION_NUMBER;
        return down(s, versionError && versionErrorKeepsCounter ? Step.Counter.KEEP : Step.Counter.INCREMENT, reason);
    }

    /**
     * RFC 4271 §8.2.2: "sends the NOTIFICATION with a Cease, ... sets the ConnectRetryCounter to zero" — RFC 4486
     * Administrative Shutdown with the operator's RFC 9003 Shutdown Communication (Length 0 when none).
     */
    private Step manualStop(Session s, ManualStop m, boolean connected) {
        Optional<SendNotification> cease = connected
                ? Optional.of(SendNotification.of(Notification.shutdown(Notification.ADMINISTRATIVE_SHUTDOWN,
                        m.shutdownCommunication())))
                : Optional.empty();
        return new Step.Down(s, cease, Step.Counter.RESET, false, m.shutdownCommunication().isEmpty()
                ? "administrative shutdown" : "administrative shutdown: " + m.shutdownCommunication());
    }

    /** Event 8: "sends the NOTIFICATION with a Cease, ... increments the ConnectRetryCounter by 1". */
    private Step automaticStop(Session s, AutomaticStop a, boolean connected) {
        Optional<SendNotification> cease = connected
                ? Optional.of(new SendNotification(Notification.CEASE, a.ceaseSubcode(), a.data()))
                : Optional.empty();
        return new Step.Down(s, cease, Step.Counter.INCREMENT, true, "automatic stop (Cease " + a.ceaseSubcode() + ")");
    }

    /** RFC 4271 §6.5: "the NOTIFICATION message with the Hold Timer Expired Error Code is sent". */
    private Step holdTimerExpired(Session s) {
        return new Step.Down(s, Optional.of(new SendNotification(Notification.HOLD_TIMER_EXPIRED, 0)),
                Step.Counter.INCREMENT, true, "hold timer expired");
    }

    /** "If the KeepaliveTimer expires, the local system sends a KEEPALIVE message [and] restarts [it]". */
    private Step keepaliveTimerExpired(Session s) {
        return stay(s, new SendKeepalive(), entry.keepaliveTimer(StateEntry.negotiated(s)));
    }

    /** RFC 4486 §4: "Connection Collision Resolution" for the connection {@link CollisionDetection} drops. */
    private Step collisionDump(Session s) {
        return new Step.Down(s,
                Optional.of(new SendNotification(Notification.CEASE, CONNECTION_COLLISION_RESOLUTION)),
                Step.Counter.INCREMENT, true, "connection collision resolution");
    }

    /**
     * RFC 6608 §4: an unexpected message in OpenSent, OpenConfirm or Established gets an FSM Error with the
     * subcode of the state, and "the Data field ... MUST contain the message type" (1 octet).
     */
    private Step unexpectedMessage(Session s, int subcode, MessageType type) {
        return fsmError(s, subcode, "unexpected " + type, Bytes.of((byte) type.code()));
    }

    /** RFC 4271 §8.2.2: "sends the NOTIFICATION with the Error Code Finite State Machine Error". */
    private Step fsmError(Session s, int subcode, String reason, Bytes data) {
        return new Step.Down(s, Optional.of(new SendNotification(Notification.FSM_ERROR, subcode, data)),
                Step.Counter.INCREMENT, true, reason + " in " + s.state());
    }

    /**
     * Connect and Active, "any other event": no OPEN was exchanged, so RFC 4271 sends no NOTIFICATION; it
     * "drops the TCP connection, ... increments the ConnectRetryCounter by 1, ... changes its state to Idle."
     */
    private Step unexpectedBeforeOpen(Session s, String what) {
        return down(s, Step.Counter.INCREMENT, "unexpected " + what + " in " + s.state());
    }

    private static Step down(Session s, Step.Counter counter, String reason) {
        return new Step.Down(s, Optional.empty(), counter, true, reason);
    }

    private static Step stay(Session s, Action... actions) {
        return new Step.Stay(s, List.of(actions));
    }

    private static Step stay(Session s, List<Action> actions) {
        return new Step.Stay(s, actions);
    }

}
