package dev.corvid.fsm;

import java.time.Duration;

/**
 * RFC 4271 §8.1.1: the session attributes the FSM reads (the hold time we offer and the other OPEN contents
 * belong to {@link dev.corvid.fsm.open.OpenCheck}).
 *
 * @param connectRetryTime    RFC 4271 §10 ConnectRetryTime, "suggested value ... 120 seconds"; jittered per start
 * @param delayOpenTime       RFC 4271 §8.1.1 DelayOpen: wait this long for the peer's OPEN before sending ours;
 *                            {@link Duration#ZERO} turns DelayOpen off
 * @param allowAutomaticStart RFC 4271 §8.1.1 AllowAutomaticStart: after a failure, start again by itself once
 *                            the IdleHoldTimer runs out
 * @param damping             the IdleHoldTime back-off for a flapping peer
 */
public record SessionConfig(Duration connectRetryTime, Duration delayOpenTime, boolean allowAutomaticStart,
                            PeerOscillationDamping damping) {

    /**
     * RFC 4271 §8.2.2 (OpenSent): "sets the HoldTimer to a large value ... A HoldTimer value of 4 minutes is
     * suggested."
     */
    public static final Duration OPEN_SENT_HOLD_TIME = Duration.ofMinutes(4);

    public static final SessionConfig DEFAULT =
            new SessionConfig(Duration.ofSeconds(120), Duration.ZERO, true, PeerOscillationDamping.DEFAULT);

    public SessionConfig {
        if (!connectRetryTime.isPositive()) throw new IllegalArgumentException("connectRetryTime must be > 0");
        if (delayOpenTime.isNegative()) throw new IllegalArgumentException("delayOpenTime must be >= 0");
    }

    public boolean delayOpen() {
        return delayOpenTime.isPositive();
    }
}
