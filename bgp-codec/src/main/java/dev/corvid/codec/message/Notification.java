package dev.corvid.codec.message;

import dev.corvid.codec.Bytes;

/**
 * RFC 4271 §4.5 NOTIFICATION: error code, subcode, and data kept as received.
 */
public record Notification(int code, int subcode, Bytes data) implements BgpMessage {
    public static final int MESSAGE_HEADER_ERROR = 1;
    public static final int OPEN_MESSAGE_ERROR = 2;
    public static final int UPDATE_MESSAGE_ERROR = 3;
    public static final int HOLD_TIMER_EXPIRED = 4;
    public static final int FSM_ERROR = 5;
    public static final int CEASE = 6;
    public static final int ROUTE_REFRESH_MESSAGE_ERROR = 7;

    public Notification {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("NOTIFICATION code " + code + "/" + subcode + " out of range");
        }
    }

    public Notification(int code, int subcode) {
        this(code, subcode, Bytes.EMPTY);
    }

    @Override
    public MessageType type() {
        return MessageType.NOTIFICATION;
    }
}
