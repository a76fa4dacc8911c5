package dev.corvid.fsm;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.fsm.open.Negotiated;
import dev.corvid.fsm.open.OpenVerdict;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Sessions, events and actions shared by the FSM tests. */
final class FsmFixture {
    private FsmFixture() {}

    static final Inet4Address LOCAL_ID = ipv4("10.0.0.1");
    static final Inet4Address PEER_ID = ipv4("10.0.0.2");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** nextDouble() == 0, so every RFC 4271 §10 jitter factor is 0.75. */
    static final RandomGenerator LOWEST_JITTER = () -> 0L;

    static final SessionConfig DELAY_OPEN_CONFIG = new SessionConfig(Duration.ofSeconds(120), Duration.ofSeconds(5),
            true, PeerOscillationDamping.DEFAULT);

    /** A clock the test moves by hand. */
    static final class FakeClock implements InstantSource {
        private Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    static Negotiated negotiated(int holdTime) {
        return new Negotiated(64512, PEER_ID, holdTime, holdTime / 3, true, Set.of(Family.IPV4_UNICAST), Set.of(),
                Set.of(), false, Set.of(), true, false, Optional.empty());
    }

    static SessionFsm fsm(SessionConfig config, OpenVerdict verdict, InstantSource clock) {
        return new SessionFsm(config, open -> verdict, clock, LOWEST_JITTER);
    }

    static SessionFsm fsm(SessionConfig config) {
        return fsm(config, new OpenVerdict.Accepted(negotiated(90)), InstantSource.fixed(T0));
    }

    // Sessions in each state, with the timers that state runs

    static Session in(SessionState state, Timer... running) {
        Set<Timer> timers = running.length == 0 ? Set.of() : EnumSet.of(running[0], running);
        Session s = Session.IDLE.withState(state).withTimers(timers);
        return switch (state) {
            case OPEN_CONFIRM -> s.withNegotiated(Optional.of(negotiated(90)));
            case ESTABLISHED -> s.withNegotiated(Optional.of(negotiated(90))).withEstablishedAt(Optional.of(T0));
            default -> s;
        };
    }

    // Events

    static final Open PEER_OPEN = Open.of(64512, 90, PEER_ID, List.of());
    static final Update UPDATE = Update.endOfRib(Family.IPV4_UNICAST);
    static final RouteRefresh ROUTE_REFRESH = RouteRefresh.request(Family.IPV4_UNICAST);
    static final Event.MessageError HEADER_ERROR = new Event.MessageError(1, 2, Bytes.of((byte) 0, (byte) 17));
    static final Event.NotificationReceived CEASE_RECEIVED =
            new Event.NotificationReceived(new Notification(Notification.CEASE, 2));

    /** One of each event record, in RFC 4271 §8.1 order. */
    static List<Event> everyEvent() {
        return List.of(new Event.ManualStart(), new Event.ManualStop(""), new Event.AutomaticStart(),
                new Event.ManualStartWithPassiveTcpEstablishment(),
                new Event.AutomaticStartWithPassiveTcpEstablishment(),
                new Event.AutomaticStop(1, Bytes.EMPTY), new Event.ConnectRetryTimerExpires(),
                new Event.HoldTimerExpires(), new Event.KeepaliveTimerExpires(), new Event.DelayOpenTimerExpires(),
                new Event.IdleHoldTimerExpires(), new Event.TcpCrAcked(), new Event.TcpConnectionConfirmed(),
                new Event.TcpConnectionFails(), new Event.OpenReceived(PEER_OPEN), HEADER_ERROR,
                new Event.OpenCollisionDump(), CEASE_RECEIVED, new Event.KeepaliveReceived(),
                new Event.UpdateReceived(UPDATE), new Event.RouteRefreshReceived(ROUTE_REFRESH));
    }

    // Actions

    static final Action DROP = new Action.DropTcp();
    static final Action CONNECT = new Action.ConnectTcp();
    static final Action OPEN = new Action.SendOpen();
    static final Action KEEPALIVE = new Action.SendKeepalive();
    /** 120 s × 0.75. */
    static final Action START_CONNECT_RETRY = start(Timer.CONNECT_RETRY, Duration.ofSeconds(90));
    static final Action START_OPEN_SENT_HOLD = start(Timer.HOLD, Duration.ofMinutes(4));
    static final Action START_HOLD = start(Timer.HOLD, Duration.ofSeconds(90));
    /** 30 s × 0.75. */
    static final Action START_KEEPALIVE = start(Timer.KEEPALIVE, Duration.ofMillis(22_500));
    static final Action IDLE_HOLD_1S = start(Timer.IDLE_HOLD, Duration.ofSeconds(1));

    static Action start(Timer timer, Duration duration) {
        return new Action.StartTimer(timer, duration);
    }

    static Action stop(Timer timer) {
        return new Action.StopTimer(timer);
    }

    static Action notification(int code, int subcode, int... data) {
        byte[] octets = new byte[data.length];
        for (int i = 0; i < data.length; i++) octets[i] = (byte) data[i];
        return new Action.SendNotification(code, subcode, Bytes.of(octets));
    }

    static Inet4Address ipv4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
