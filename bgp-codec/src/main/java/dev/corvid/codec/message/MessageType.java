package dev.corvid.codec.message;

/** RFC 4271 §4.1 message type codes, with the minimum total length of each (header included). */
public enum MessageType {
    OPEN(1, 29),
    UPDATE(2, 23),
    NOTIFICATION(3, 21),
    KEEPALIVE(4, 19),
    ROUTE_REFRESH(5, 23);

    private final int code;
    private final int minLength;

    MessageType(int code, int minLength) {
        this.code = code;
        this.minLength = minLength;
    }

    public int code() {
        return code;
    }

    /** RFC 4271 §6.1: a message shorter than this is a Bad Message Length. */
    public int minLength() {
        return minLength;
    }

    /** The type for {@code code}, or {@code null} for a type corvid does not know (RFC 4271 §6.1 Bad Message Type). */
    public static MessageType of(int code) {
        return switch (code) {
            case 1 -> OPEN;
            case 2 -> UPDATE;
            case 3 -> NOTIFICATION;
            case 4 -> KEEPALIVE;
            case 5 -> ROUTE_REFRESH;
            default -> null;
        };
    }
}
