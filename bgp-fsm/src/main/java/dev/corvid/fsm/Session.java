package dev.corvid.fsm;

import dev.corvid.fsm.open.Negotiated;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The state variables of one session (RFC 4271 §8: "the BGP FSM ... session attributes"): immutable, replaced
 * on every event by {@link SessionFsm#next}.
 *
 * @param passive             started with PassiveTcpEstablishment: never initiates a connection
 * @param connectRetryCounter RFC 4271 §8: "the number of times a BGP peer has tried to establish a session"
 * @param oscillations        consecutive flaps, for the IdleHoldTime back-off ({@link PeerOscillationDamping})
 * @param establishedAt       when the session last entered Established, while it is there
 * @param negotiated          what the OPEN exchange settled, from OpenConfirm on
 * @param timers              the timers running now
 */
public record Session(SessionState state, boolean passive, int connectRetryCounter, int oscillations,
                      Optional<Instant> establishedAt, Optional<Negotiated> negotiated, Set<Timer> timers) {

    /** A new session: Idle, nothing running. */
    public static final Session IDLE = new Session(SessionState.IDLE, false, 0, 0, Optional.empty(),
            Optional.empty(), Set.of());

    public Session {
        timers = Set.copyOf(timers);
    }

    public boolean running(Timer timer) {
        return timers.contains(timer);
    }

    public Session withState(SessionState next) {
        return new Session(next, passive, connectRetryCounter, oscillations, establishedAt, negotiated, timers);
    }

    public Session withPassive(boolean on) {
        return new Session(state, on, connectRetryCounter, oscillations, establishedAt, negotiated, timers);
    }

    public Session withConnectRetryCounter(int count) {
        return new Session(state, passive, count, oscillations, establishedAt, negotiated, timers);
    }

    public Session withOscillations(int count) {
        return new Session(state, passive, connectRetryCounter, count, establishedAt, negotiated, timers);
    }

    public Session withEstablishedAt(Optional<Instant> at) {
        return new Session(state, passive, connectRetryCounter, oscillations, at, negotiated, timers);
    }

    public Session withNegotiated(Optional<Negotiated> n) {
        return new Session(state, passive, connectRetryCounter, oscillations, establishedAt, n, timers);
    }

    public Session withTimers(Set<Timer> running) {
        return new Session(state, passive, connectRetryCounter, oscillations, establishedAt, negotiated, running);
    }
}
