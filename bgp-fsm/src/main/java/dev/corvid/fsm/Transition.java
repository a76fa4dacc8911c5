package dev.corvid.fsm;

import java.util.List;

/** The answer of {@link SessionFsm#next}: the session after the event and the actions to carry out, in order. */
public record Transition(Session session, List<Action> actions) {
    public Transition {
        actions = List.copyOf(actions);
    }

    public SessionState state() {
        return session.state();
    }
}
