package dev.corvid.fsm;

import java.time.Duration;

/**
 * RFC 4271 §8.1.1 DampPeerOscillations: "the BGP peer oscillation damping ... used to prevent BGP peer
 * oscillation" — how long a session waits in Idle (the IdleHoldTime) before it starts again by itself.
 * The wait starts at {@code initial}, doubles with each consecutive flap up to {@code max}, and starts over
 * once a session has stayed Established for {@code stablePeriod} (as BIRD's "error forget time" does).
 */
public record PeerOscillationDamping(Duration initial, Duration max, Duration stablePeriod) {
    /** 1 s, doubling up to 2 min; forgotten after 5 min Established. */
    public static final PeerOscillationDamping DEFAULT =
            new PeerOscillationDamping(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(5));

    public PeerOscillationDamping {
        if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial must be > 0");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max must be >= initial");
        if (stablePeriod.isNegative()) throw new IllegalArgumentException("stablePeriod must be >= 0");
    }

    /** The IdleHoldTime after the {@code oscillations}-th consecutive flap (1 for the first). */
    public Duration idleHoldTime(int oscillations) {
        Duration wait = initial;
        for (int i = 1; i < oscillations && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) < 0 ? wait : max;
    }
}
