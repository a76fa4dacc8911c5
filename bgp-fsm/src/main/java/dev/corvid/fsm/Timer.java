package dev.corvid.fsm;

/** RFC 4271 §8: the timers of one session. The FSM starts and stops them by action; the transport runs them. */
public enum Timer {
    /** RFC 4271 §8.1.3 Event 9 ConnectRetryTimer_Expires. */
    CONNECT_RETRY,
    /** RFC 4271 §8.1.3 Event 10 HoldTimer_Expires. */
    HOLD,
    /** RFC 4271 §8.1.3 Event 11 KeepaliveTimer_Expires. */
    KEEPALIVE,
    /** RFC 4271 §8.1.3 Event 12 DelayOpenTimer_Expires. */
    DELAY_OPEN,
    /** RFC 4271 §8.1.3 Event 13 IdleHoldTimer_Expires. */
    IDLE_HOLD
}
