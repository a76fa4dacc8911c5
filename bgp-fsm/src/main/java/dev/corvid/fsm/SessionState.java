package dev.corvid.fsm;

/**
 * RFC 4271 §8.2.2: the six states of the BGP FSM. {@link #rfcName()} is what operators see
 * ({@code corvid show neighbors}: "Idle" ... "Established").
 */
public enum SessionState {
    IDLE("Idle"),
    CONNECT("Connect"),
    ACTIVE("Active"),
    OPEN_SENT("OpenSent"),
    OPEN_CONFIRM("OpenConfirm"),
    ESTABLISHED("Established");

    private final String rfcName;

    SessionState(String rfcName) {
        this.rfcName = rfcName;
    }

    public String rfcName() {
        return rfcName;
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
