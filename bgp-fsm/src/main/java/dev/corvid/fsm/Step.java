package dev.corvid.fsm;

import dev.corvid.fsm.Action.SendNotification;
import java.util.List;
import java.util.Optional;

/** What one state makes of one event, before {@link StateEntry} adds the entry actions of the next state. */
sealed interface Step {

    /** Stay in the state, carrying out {@code actions}. */
    record Stay(Session session, List<Action> actions) implements Step {}

    /** Carry out {@code actions}, then enter {@code target} (never Idle: see {@link Down}). */
    record Move(Session session, SessionState target, List<Action> actions) implements Step {
        public Move {
            if (target == SessionState.IDLE) throw new IllegalArgumentException("Idle is entered through Down");
        }
    }

    /**
     * Fall back to Idle: send {@code notification} if any, release everything, and, when {@code restart}, start
     * again after the IdleHoldTimer (RFC 4271 §8.1.1 AllowAutomaticStart, DampPeerOscillations).
     */
    record Down(Session session, Optional<SendNotification> notification, Counter counter, boolean restart,
                String reason) implements Step {}

    /** What falling to Idle does to the ConnectRetryCounter. */
    enum Counter { INCREMENT, KEEP, RESET }
}
