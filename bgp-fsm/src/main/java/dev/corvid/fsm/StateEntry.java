package dev.corvid.fsm;

import dev.corvid.fsm.Action.ConnectTcp;
import dev.corvid.fsm.Action.DropTcp;
import dev.corvid.fsm.Action.SendKeepalive;
import dev.corvid.fsm.Action.SendOpen;
import dev.corvid.fsm.Action.SessionDown;
import dev.corvid.fsm.Action.SessionEstablished;
import dev.corvid.fsm.Action.StartTimer;
import dev.corvid.fsm.Action.StopTimer;
import dev.corvid.fsm.open.Negotiated;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * DOC: the entry actions of every state, in one place (holo's layout): what the session does on entering
 * Connect, Active, OpenSent, OpenConfirm, Established and Idle, whichever state and event brought it there,
 * and the bookkeeping of running timers.
 */
final class StateEntry {
    private final SessionConfig config;
    private final InstantSource clock;
    private final RandomGenerator random;

    StateEntry(SessionConfig config, InstantSource clock, RandomGenerator random) {
        this.config = config;
        this.clock = clock;
        this.random = random;
    }

    /** The transition a {@link Step} leads to. */
    Transition apply(Step step) {
        return switch (step) {
            case Step.Stay stay -> finish(stay.session(), stay.actions());
            case Step.Move move -> enter(move);
            case Step.Down down -> down(down);
        };
    }

    /** Entering Connect, Active, OpenSent, OpenConfirm or Established, after the actions of the step. */
    private Transition enter(Step.Move move) {
        Session s = move.session();
        List<Action> actions = new ArrayList<>(move.actions());
        Session next = s.withState(move.target());
        switch (move.target()) {
            case CONNECT -> {
                actions.add(new StartTimer(Timer.CONNECT_RETRY, jittered(config.connectRetryTime())));
                actions.add(new ConnectTcp());
            }
            case ACTIVE -> {
                // Only the ConnectRetryTimer runs in Active, and not at all for a passive session.
                for (Timer t : Timer.values()) {
                    if (s.running(t) && (t != Timer.CONNECT_RETRY || s.passive())) actions.add(new StopTimer(t));
                }
                if (!s.passive()) {
                    actions.add(new StartTimer(Timer.CONNECT_RETRY, jittered(config.connectRetryTime())));
                }
            }
            case OPEN_SENT -> {
                // "stops the ConnectRetryTimer to zero, ... sends an OPEN message to its peer, sets the HoldTimer
                // to a large value".
                actions.addAll(stopIfRunning(s, Timer.CONNECT_RETRY));
                actions.add(new SendOpen());
                actions.add(new StartTimer(Timer.HOLD, SessionConfig.OPEN_SENT_HOLD_TIME));
            }
            case OPEN_CONFIRM -> {
                Negotiated n = negotiated(next);
                actions.addAll(stopIfRunning(s, Timer.CONNECT_RETRY));
                actions.addAll(stopIfRunning(s, Timer.DELAY_OPEN));
                // Event 20 (OPEN while the DelayOpenTimer runs): ours has not been sent yet.
                if (s.state() != SessionState.OPEN_SENT) actions.add(new SendOpen());
                actions.add(new SendKeepalive());
                // RFC 4271 §4.2: "If the Hold Time is zero, ... the HoldTimer and KeepaliveTimer are not
                // started"; otherwise the HoldTimer runs with the negotiated value.
                if (n.holdTime() == 0) {
                    actions.addAll(stopIfRunning(s, Timer.HOLD));
                } else {
                    actions.add(keepaliveTimer(n));
                    actions.add(new StartTimer(Timer.HOLD, n.holdTimer()));
                }
            }
            case ESTABLISHED -> {
                actions.addAll(restartHoldTimer(s));
                actions.add(new SessionEstablished(negotiated(s)));
                next = next.withEstablishedAt(Optional.of(clock.instant()));
            }
            case IDLE -> throw new AssertionError("Step.Move never targets Idle");
        }
        return finish(next, actions);
    }

    /** Idle entry: "releases all BGP resources, drops the TCP connection", then maybe the IdleHoldTimer. */
    private Transition down(Step.Down d) {
        Session s = d.session();
        List<Action> actions = new ArrayList<>();
        d.notification().ifPresent(actions::add);
        for (Timer t : Timer.values()) {
            if (s.running(t)) actions.add(new StopTimer(t));
        }
        actions.add(new DropTcp());
        if (s.state() == SessionState.ESTABLISHED) actions.add(new SessionDown(d.reason()));
        int counter = switch (d.counter()) {
            case INCREMENT -> s.connectRetryCounter() + 1;
            case KEEP -> s.connectRetryCounter();
            case RESET -> 0;
        };
        Session next = s.withState(SessionState.IDLE).withConnectRetryCounter(counter)
                .withNegotiated(Optional.empty()).withEstablishedAt(Optional.empty());
        if (!d.restart()) {
            next = next.withOscillations(0);
        } else if (config.allowAutomaticStart()) {
            // RFC 4271 §8.1.1 DampPeerOscillations: the wait grows with each flap; a session that stayed up for
            // the stable period starts the count over.
            boolean stable = s.establishedAt()
                    .map(at -> !at.plus(config.damping().stablePeriod()).isAfter(clock.instant()))
                    .orElse(false);
            int oscillations = stable ? 1 : s.oscillations() + 1;
            next = next.withOscillations(oscillations);
            actions.add(new StartTimer(Timer.IDLE_HOLD, config.damping().idleHoldTime(oscillations)));
        }
        return finish(next, actions);
    }

    /** The session with its running timers updated by {@code actions}. */
    private static Transition finish(Session s, List<Action> actions) {
        Set<Timer> running = s.timers().isEmpty() ? EnumSet.noneOf(Timer.class) : EnumSet.copyOf(s.timers());
        for (Action a : actions) {
            if (a instanceof StartTimer start) running.add(start.timer());
            if (a instanceof StopTimer stop) running.remove(stop.timer());
        }
        return new Transition(s.withTimers(running), actions);
    }

    List<Action> restartHoldTimer(Session s) {
        Negotiated n = negotiated(s);
        return n.holdTime() == 0 ? List.of() : List.of(new StartTimer(Timer.HOLD, n.holdTimer()));
    }

    StartTimer keepaliveTimer(Negotiated n) {
        return new StartTimer(Timer.KEEPALIVE, jittered(n.keepaliveTimer()));
    }

    static List<Action> stopIfRunning(Session s, Timer timer) {
        return s.running(timer) ? List.of(new StopTimer(timer)) : List.of();
    }

    static Negotiated negotiated(Session s) {
        return s.negotiated().orElseThrow(() -> new IllegalStateException(s.state() + " without an OPEN"));
    }

    /**
     * RFC 4271 §10: "the jitter ... SHOULD be determined by multiplying the base value of the appropriate timer
     * by a random factor, which is uniformly distributed in the range from 0.75 to 1.0."
     */
    private Duration jittered(Duration base) {
        return Duration.ofMillis(Math.round(base.toMillis() * random.nextDouble(0.75, 1.0)));
    }
}
