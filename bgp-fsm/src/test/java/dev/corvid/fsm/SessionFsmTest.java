package dev.corvid.fsm;

import static dev.corvid.fsm.FsmFixture.CONNECT;
import static dev.corvid.fsm.FsmFixture.DROP;
import static dev.corvid.fsm.FsmFixture.IDLE_HOLD_1S;
import static dev.corvid.fsm.FsmFixture.KEEPALIVE;
import static dev.corvid.fsm.FsmFixture.OPEN;
import static dev.corvid.fsm.FsmFixture.PEER_OPEN;
import static dev.corvid.fsm.FsmFixture.START_CONNECT_RETRY;
import static dev.corvid.fsm.FsmFixture.START_HOLD;
import static dev.corvid.fsm.FsmFixture.START_KEEPALIVE;
import static dev.corvid.fsm.FsmFixture.START_OPEN_SENT_HOLD;
import static dev.corvid.fsm.FsmFixture.T0;
import static dev.corvid.fsm.FsmFixture.UPDATE;
import static dev.corvid.fsm.FsmFixture.in;
import static dev.corvid.fsm.FsmFixture.negotiated;
import static dev.corvid.fsm.FsmFixture.notification;
import static dev.corvid.fsm.FsmFixture.start;
import static dev.corvid.fsm.FsmFixture.stop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.message.Notification;
import dev.corvid.fsm.FsmFixture.FakeClock;
import dev.corvid.fsm.open.OpenVerdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Runs of several events through {@link SessionFsm}, with a fake clock. */
class SessionFsmTest {
    final FakeClock clock = new FakeClock();
    final SessionFsm fsm = FsmFixture.fsm(SessionConfig.DEFAULT, new OpenVerdict.Accepted(negotiated(90)), clock);

    @Test
    void goesFromIdleToEstablishedAndExchangesKeepalivesAndUpdates() {
        Transition t = fsm.next(Session.IDLE, new Event.ManualStart());
        assertThat(t.state()).isEqualTo(SessionState.CONNECT);
        assertThat(t.actions()).containsExactly(START_CONNECT_RETRY, CONNECT);

        t = fsm.next(t.session(), new Event.TcpCrAcked());
        assertThat(t.state()).isEqualTo(SessionState.OPEN_SENT);
        assertThat(t.actions()).containsExactly(stop(Timer.CONNECT_RETRY), OPEN, START_OPEN_SENT_HOLD);

        clock.advance(Duration.ofMillis(20));
        t = fsm.next(t.session(), new Event.OpenReceived(PEER_OPEN));
        assertThat(t.state()).isEqualTo(SessionState.OPEN_CONFIRM);
        assertThat(t.actions()).containsExactly(KEEPALIVE, START_KEEPALIVE, START_HOLD);
        assertThat(t.session().negotiated()).contains(negotiated(90));

        clock.advance(Duration.ofMillis(20));
        t = fsm.next(t.session(), new Event.KeepaliveReceived());
        assertThat(t.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(t.actions()).containsExactly(START_HOLD, new Action.SessionEstablished(negotiated(90)));
        assertThat(t.session().establishedAt()).contains(T0.plusMillis(40));
        assertThat(t.session().timers()).containsExactlyInAnyOrder(Timer.HOLD, Timer.KEEPALIVE);

        t = fsm.next(t.session(), new Event.KeepaliveTimerExpires());
        assertThat(t.actions()).containsExactly(KEEPALIVE, START_KEEPALIVE);

        t = fsm.next(t.session(), new Event.UpdateReceived(UPDATE));
        assertThat(t.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(t.actions()).containsExactly(START_HOLD, new Action.DeliverUpdate(UPDATE));
        assertThat(t.session().connectRetryCounter()).isZero();
    }

    @Test
    void holdTimerExpirySendsHoldTimerExpiredAndRestartsAfterIdleHold() {
        Session established = in(SessionState.ESTABLISHED, Timer.HOLD, Timer.KEEPALIVE);

        Transition t = fsm.next(established, new Event.HoldTimerExpires());

        assertThat(t.state()).isEqualTo(SessionState.IDLE);
        assertThat(t.actions()).containsExactly(notification(Notification.HOLD_TIMER_EXPIRED, 0),
                stop(Timer.KEEPALIVE), DROP, new Action.SessionDown("hold timer expired"), IDLE_HOLD_1S);
        assertThat(t.session().connectRetryCounter()).isEqualTo(1);
        assertThat(t.session().negotiated()).isEmpty();

        t = fsm.next(t.session(), new Event.IdleHoldTimerExpires());
        assertThat(t.state()).isEqualTo(SessionState.CONNECT);
        assertThat(t.actions()).containsExactly(START_CONNECT_RETRY, CONNECT);
    }

    @Test
    void restartsPassiveSessionPassively() {
        Transition t = fsm.next(Session.IDLE, new Event.ManualStartWithPassiveTcpEstablishment());
        assertThat(t.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(t.actions()).isEmpty();

        t = fsm.next(t.session(), new Event.TcpConnectionConfirmed());
        t = fsm.next(t.session(), new Event.TcpConnectionFails());
        // OpenSent → Active without a ConnectRetryTimer: a passive session never connects.
        assertThat(t.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(t.actions()).containsExactly(DROP, stop(Timer.HOLD));
        assertThat(t.session().timers()).isEmpty();

        t = fsm.next(t.session(), new Event.OpenCollisionDump());
        t = fsm.next(t.session(), new Event.IdleHoldTimerExpires());
        assertThat(t.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(t.actions()).isEmpty();
    }

    @Test
    void ignoresExpiryOfTimerThatIsNotRunning() {
        Session openSent = in(SessionState.OPEN_SENT, Timer.HOLD);

        Transition t = fsm.next(openSent, new Event.KeepaliveTimerExpires());

        assertThat(t.session()).isEqualTo(openSent);
        assertThat(t.actions()).isEmpty();
    }

    @Test
    void runsNoHoldOrKeepaliveTimerWhenHoldTimeIsZero() {
        SessionFsm zero = FsmFixture.fsm(SessionConfig.DEFAULT, new OpenVerdict.Accepted(negotiated(0)), clock);

        Transition t = zero.next(in(SessionState.OPEN_SENT, Timer.HOLD), new Event.OpenReceived(PEER_OPEN));
        assertThat(t.state()).isEqualTo(SessionState.OPEN_CONFIRM);
        assertThat(t.actions()).containsExactly(KEEPALIVE, stop(Timer.HOLD));

        t = zero.next(t.session(), new Event.KeepaliveReceived());
        assertThat(t.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(t.actions()).containsExactly(new Action.SessionEstablished(negotiated(0)));

        t = zero.next(t.session(), new Event.UpdateReceived(UPDATE));
        assertThat(t.actions()).containsExactly(new Action.DeliverUpdate(UPDATE));
        assertThat(t.session().timers()).isEmpty();
    }

    @Test
    void rejectsOpenWithTheNotificationOfTheCheck() {
        Bytes data = Bytes.of((byte) 0xFD, (byte) 0xE8);
        SessionFsm rejecting = FsmFixture.fsm(SessionConfig.DEFAULT,
                new OpenVerdict.Rejected(Notification.OPEN_MESSAGE_ERROR, 2, data, "bad AS"), clock);

        Transition t = rejecting.next(in(SessionState.OPEN_SENT, Timer.HOLD), new Event.OpenReceived(PEER_OPEN));

        assertThat(t.state()).isEqualTo(SessionState.IDLE);
        assertThat(t.actions()).containsExactly(new Action.SendNotification(2, 2, data), stop(Timer.HOLD), DROP,
                IDLE_HOLD_1S);
        assertThat(t.session().connectRetryCounter()).isEqualTo(1);
    }

    @Test
    void doublesIdleHoldTimeWithEachFlapUpToTheMaximum() {
        List<Duration> waits = new ArrayList<>();
        Session s = fsm.next(Session.IDLE, new Event.ManualStart()).session();
        for (int flap = 0; flap < 10; flap++) {
            s = fsm.next(s, new Event.TcpCrAcked()).session();
            Transition down = fsm.next(s, new Event.TcpConnectionFails());
            down = fsm.next(down.session(), new Event.TcpConnectionFails());
            waits.add(idleHold(down));
            s = fsm.next(down.session(), new Event.IdleHoldTimerExpires()).session();
        }

        assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 120L, 120L,
                120L);
    }

    @Test
    void forgetsFlapsAfterStablePeriodInEstablished() {
        Session flapped = in(SessionState.ESTABLISHED, Timer.HOLD, Timer.KEEPALIVE).withOscillations(5);

        clock.advance(Duration.ofMinutes(4));
        assertThat(idleHold(fsm.next(flapped, new Event.TcpConnectionFails()))).hasSeconds(32);

        clock.advance(Duration.ofMinutes(1));
        Transition stable = fsm.next(flapped, new Event.TcpConnectionFails());
        assertThat(idleHold(stable)).hasSeconds(1);
        assertThat(stable.session().oscillations()).isEqualTo(1);
    }

    @Test
    void manualStopCancelsAutomaticRestartAndForgetsFlaps() {
        Transition down = fsm.next(in(SessionState.CONNECT, Timer.CONNECT_RETRY).withOscillations(3),
                new Event.TcpConnectionFails());
        assertThat(down.session().timers()).containsExactly(Timer.IDLE_HOLD);

        Transition stopped = fsm.next(down.session(), new Event.ManualStop(""));

        assertThat(stopped.actions()).containsExactly(stop(Timer.IDLE_HOLD));
        assertThat(stopped.session().timers()).isEmpty();
        assertThat(stopped.session().oscillations()).isZero();
        assertThat(fsm.next(stopped.session(), new Event.IdleHoldTimerExpires()).state())
                .isEqualTo(SessionState.IDLE);

        Transition manualStopEstablished = fsm.next(in(SessionState.ESTABLISHED, Timer.HOLD).withOscillations(3)
                .withConnectRetryCounter(4), new Event.ManualStop(""));
        assertThat(manualStopEstablished.session().oscillations()).isZero();
        assertThat(manualStopEstablished.session().connectRetryCounter()).isZero();
        assertThat(manualStopEstablished.session().timers()).isEmpty();
    }

    @Test
    void staysIdleAfterFailureWithoutAllowAutomaticStart() {
        SessionConfig manualOnly = new SessionConfig(Duration.ofSeconds(120), Duration.ZERO, false,
                PeerOscillationDamping.DEFAULT);
        SessionFsm manual = FsmFixture.fsm(manualOnly, new OpenVerdict.Accepted(negotiated(90)), clock);

        Transition t = manual.next(in(SessionState.ACTIVE, Timer.CONNECT_RETRY), new Event.TcpConnectionFails());

        assertThat(t.actions()).containsExactly(stop(Timer.CONNECT_RETRY), DROP);
        assertThat(t.session().timers()).isEmpty();
    }

    @Test
    void keepsConnectRetryCounterOnVersionErrorNotification() {
        Session openSent = in(SessionState.OPEN_SENT, Timer.HOLD).withConnectRetryCounter(2);
        Event versionError = new Event.NotificationReceived(new Notification(2, 1, Bytes.of((byte) 0, (byte) 4)));

        assertThat(fsm.next(openSent, versionError).session().connectRetryCounter()).isEqualTo(2);
        assertThat(fsm.next(openSent, FsmFixture.CEASE_RECEIVED).session().connectRetryCounter()).isEqualTo(3);
        // Established does not single out a version error.
        Session established = in(SessionState.ESTABLISHED, Timer.HOLD).withConnectRetryCounter(2);
        assertThat(fsm.next(established, versionError).session().connectRetryCounter()).isEqualTo(3);
    }

    @Test
    void sendsShutdownCommunicationCutAtCharacterBoundary() {
        String text = "maintenance ⚙".repeat(30);

        Transition t = fsm.next(in(SessionState.ESTABLISHED, Timer.HOLD), new Event.ManualStop(text));

        Action.SendNotification cease = (Action.SendNotification) t.actions().getFirst();
        assertThat(cease.code()).isEqualTo(Notification.CEASE);
        assertThat(cease.subcode()).isEqualTo(Notification.ADMINISTRATIVE_SHUTDOWN);
        byte[] data = cease.data().toArray();
        int length = data[0] & 0xFF;
        assertThat(length).isLessThanOrEqualTo(255).isEqualTo(data.length - 1);
        String sent = new String(data, 1, length, StandardCharsets.UTF_8);
        assertThat(text).startsWith(sent);
        assertThat(sent.getBytes(StandardCharsets.UTF_8)).hasSize(length);
        assertThat(t.actions()).contains(new Action.SessionDown("administrative shutdown: " + text));
    }

    @Test
    void jittersConnectRetryTimeBetweenThreeQuartersAndAll() {
        RandomGenerator seeded = new SplittableRandom(4271);
        SessionFsm jittering = new SessionFsm(SessionConfig.DEFAULT, open -> null, clock, seeded);

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Action first = jittering.next(Session.IDLE, new Event.ManualStart()).actions().getFirst();
            waits.add(((Action.StartTimer) first).duration());
        }

        assertThat(waits).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(120)));
        assertThat(waits.stream().distinct().count()).isGreaterThan(100);
    }

    @Test
    void delayOpenWaitsForPeerOpenThenSendsOurs() {
        FsmFixture.FakeClock c = new FakeClock();
        SessionFsm delay = FsmFixture.fsm(FsmFixture.DELAY_OPEN_CONFIG, new OpenVerdict.Accepted(negotiated(90)), c);

        Transition t = delay.next(Session.IDLE, new Event.ManualStart());
        t = delay.next(t.session(), new Event.TcpCrAcked());
        assertThat(t.state()).isEqualTo(SessionState.CONNECT);
        assertThat(t.actions()).containsExactly(stop(Timer.CONNECT_RETRY), start(Timer.DELAY_OPEN,
                Duration.ofSeconds(5)));

        // The peer stays silent: our OPEN goes out when the DelayOpenTimer runs out.
        Transition timeout = delay.next(t.session(), new Event.DelayOpenTimerExpires());
        assertThat(timeout.state()).isEqualTo(SessionState.OPEN_SENT);
        assertThat(timeout.actions()).containsExactly(OPEN, START_OPEN_SENT_HOLD);

        // The peer speaks first: we answer with OPEN and KEEPALIVE together.
        Transition early = delay.next(t.session(), new Event.OpenReceived(PEER_OPEN));
        assertThat(early.state()).isEqualTo(SessionState.OPEN_CONFIRM);
        assertThat(early.actions()).containsExactly(stop(Timer.DELAY_OPEN), OPEN, KEEPALIVE, START_KEEPALIVE,
                START_HOLD);
        assertThat(early.session().negotiated()).isEqualTo(Optional.of(negotiated(90)));
    }

    private static Duration idleHold(Transition t) {
        return t.actions().stream()
                .filter(a -> a instanceof Action.StartTimer s && s.timer() == Timer.IDLE_HOLD)
                .map(a -> ((Action.StartTimer) a).duration())
                .findFirst().orElseThrow();
    }
}
