package dev.corvid.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One row of the RFC 4271 §8.2.2 table: in {@code from}, {@code event} leads to {@code to} with exactly
 * {@code actions}. A timer event is given with its timer running (a stale expiry is tested on its own).
 */
record FsmTableRow(SessionFsm fsm, Session from, Event event, SessionState to, List<Action> actions) {

    static FsmTableRow row(SessionFsm fsm, Session from, Event event, SessionState to, Action... actions) {
        Session start = from;
        if (event instanceof Event.TimerExpires expiry && !from.running(expiry.timer())) {
            Set<Timer> timers = EnumSet.noneOf(Timer.class);
            timers.addAll(from.timers());
            timers.add(expiry.timer());
            start = from.withTimers(timers);
        }
        return new FsmTableRow(fsm, start, event, to, List.of(actions));
    }

    /** Runs the row: next state, exact actions, and the running timers those actions leave. */
    void check() {
        Transition t = fsm.next(from, event);

        assertThat(t.state()).isEqualTo(to);
        assertThat(t.actions()).containsExactlyElementsOf(actions);
        Set<Timer> running = EnumSet.noneOf(Timer.class);
        running.addAll(from.timers());
        if (event instanceof Event.TimerExpires expiry) running.remove(expiry.timer());
        for (Action a : actions) {
            if (a instanceof Action.StartTimer start) running.add(start.timer());
            if (a instanceof Action.StopTimer stop) running.remove(stop.timer());
        }
        assertThat(t.session().timers()).containsExactlyInAnyOrderElementsOf(running);
        // Idle runs nothing but the IdleHoldTimer.
        if (to == SessionState.IDLE) assertThat(t.session().timers()).isSubsetOf(Timer.IDLE_HOLD);
    }

    @Override
    public String toString() {
        return from.state() + " " + from.timers() + " + " + event.getClass().getSimpleName() + " -> " + to;
    }
}
