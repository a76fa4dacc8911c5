package dev.corvid.codec.message;

import dev.corvid.codec.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * RFC 4271 §4.5 NOTIFICATION: error code, subcode, and data kept as received. A NOTIFICATION is never answered
 * with another one, so data that does not match what its code promises is just kept.
 */
public record Notification(int code, int subcode, Bytes data) implements BgpMessage {
    public static final int MESSAGE_HEADER_ERROR = 1;
    public static final int OPEN_MESSAGE_ERROR = 2;
    public static final int UPDATE_MESSAGE_ERROR = 3;
    public static final int HOLD_TIMER_EXPIRED = 4;
    public static final int FSM_ERROR = 5;
    public static final int CEASE = 6;
    public static final int ROUTE_REFRESH_MESSAGE_ERROR = 7;
    /** RFC 9687. */
    public static final int SEND_HOLD_TIMER_EXPIRED = 8;

    /** RFC 4486 §4 Cease subcodes that RFC 8203/9003 give a Shutdown Communication. */
    public static final int ADMINISTRATIVE_SHUTDOWN = 2;
    public static final int ADMINISTRATIVE_RESET = 4;
    /** RFC 8538 §3 Cease subcode: the session ends without Graceful Restart. */
    public static final int HARD_RESET = 9;

    /** RFC 9003 §2: the Shutdown Communication "can be up to 255 octets" of UTF-8. */
    public static final int MAX_SHUTDOWN_COMMUNICATION = 255;

    private static final List<String> CODES = List.of("", "Message Header Error", "OPEN Message Error",
            "UPDATE Message Error", "Hold Timer Expired", "Finite State Machine Error", "Cease",
            "ROUTE-REFRESH Message Error", "Send Hold Timer Expired");

    /** Subcode names per code, index = subcode (IANA "BGP Error Subcodes"); {@code null} = unassigned. */
    private static final List<List<String>> SUBCODES = List.of(
            List.of(),
            // RFC 4271 §6.1; 0 from RFC Errata 4493.
            List.of("Unspecific", "Connection Not Synchronized", "Bad Message Length", "Bad Message Type"),
            // RFC 4271 §6.2, RFC 5492 (7), RFC 9234 (11); 5 and 8-10 are deprecated.
            Arrays.asList("Unspecific", "Unsupported Version Number", "Bad Peer AS", "Bad BGP Identifier",
                    "Unsupported Optional Parameter", "Authentication Failure (deprecated)", "Unacceptable Hold Time",
                    "Unsupported Capability", "Deprecated", "Deprecated", "Deprecated", "Role Mismatch"),
            // RFC 4271 §6.3; 7 is deprecated.
            List.of("Unspecific", "Malformed Attribute List", "Unrecognized Well-known Attribute",
                    "Missing Well-known Attribute", "Attribute Flags Error", "Attribute Length Error",
                    "Invalid ORIGIN Attribute", "AS Routing Loop (deprecated)", "Invalid NEXT_HOP Attribute",
                    "Optional Attribute Error", "Invalid Network Field", "Malformed AS_PATH"),
            List.of(),
            // RFC 6608 §4.
            List.of("Unspecified Error", "Receive Unexpected Message in OpenSent State",
                    "Receive Unexpected Message in OpenConfirm State",
                    "Receive Unexpected Message in Established State"),
            // RFC 4486 §4, RFC 8538 (9), RFC 9384 (10).
            Arrays.asList(null, "Maximum Number of Prefixes Reached", "Administrative Shutdown", "Peer De-configured",
                    "Administrative Reset", "Connection Rejected", "Other Configuration Change",
                    "Connection Collision Resolution", "Out of Resources", "Hard Reset", "BFD Down"),
            // RFC 7313 §5.
            Arrays.asList(null, "Invalid Message Length"),
            List.of());

    public Notification {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("NOTIFICATION code " + code + "/" + subcode + " out of range");
        }
    }

    public Notification(int code, int subcode) {
        this(code, subcode, Bytes.EMPTY);
    }

    /**
     * A Cease with an RFC 9003 Shutdown Communication: {@code text} as UTF-8 after a 1-octet length, cut at 255
     * octets on a character boundary (RFC 9003 §2 allows up to 255 octets; a cut inside a character would send
     * invalid UTF-8, which the receiver must then treat as malformed).
     *
     * @param subcode {@link #ADMINISTRATIVE_SHUTDOWN} or {@link #ADMINISTRATIVE_RESET}
     */
    public static Notification shutdown(int subcode, String text) {
        if (subcode != ADMINISTRATIVE_SHUTDOWN && subcode != ADMINISTRATIVE_RESET) {
            throw new IllegalArgumentException("a Shutdown Communication goes with Cease subcode 2 or 4, not "
                    + subcode);
        }
        byte[] data = new byte[1 + MAX_SHUTDOWN_COMMUNICATION];
        int length = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            byte[] octets = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
            if (length + octets.length > MAX_SHUTDOWN_COMMUNICATION) break;
            System.arraycopy(octets, 0, data, 1 + length, octets.length);
            length += octets.length;
            i += Character.charCount(codePoint);
        }
        data[0] = (byte) length;
        return new Notification(CEASE, subcode, Bytes.of(Arrays.copyOf(data, 1 + length)));
    }

    /**
     * The RFC 8203/9003 Shutdown Communication of a Cease / Administrative Shutdown or Reset: present when the data
     * is a non-zero length octet followed by at least that many octets of valid UTF-8 (octets after it are
     * ignored, as FRR does). Empty for every other NOTIFICATION, for a zero length, and for malformed data, which
     * RFC 9003 §2 says to log rather than show.
     */
    public Optional<String> shutdownCommunication() {
        if (code != CEASE || subcode != ADMINISTRATIVE_SHUTDOWN && subcode != ADMINISTRATIVE_RESET) {
            return Optional.empty();
        }
        if (data.length() < 1) return Optional.empty();
        int length = data.get(0) & 0xFF;
        if (length == 0 || length > data.length() - 1) return Optional.empty();
        byte[] octets = Arrays.copyOfRange(data.toArray(), 1, 1 + length);
        String text = new String(octets, StandardCharsets.UTF_8);
        // Malformed sequences decode to U+FFFD, so only valid UTF-8 re-encodes to the same octets.
        return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), octets) ? Optional.of(text) : Optional.empty();
    }

    /** The name of the error code, e.g. {@code Cease}, or {@code code 42} for one IANA has not assigned. */
    public String codeName() {
        return code > 0 && code < CODES.size() ? CODES.get(code) : "code " + code;
    }

    /**
     * The code and subcode for people: {@code Cease / Administrative Shutdown}, {@code Hold Timer Expired} (codes
     * without subcodes, when the subcode is 0), {@code Cease / subcode 42} for an unassigned subcode.
     */
    public String description() {
        List<String> names = code < SUBCODES.size() ? SUBCODES.get(code) : List.of();
        String name = subcode < names.size() ? names.get(subcode) : null;
        if (name != null) return codeName() + " / " + name;
        // Codes without subcodes (Hold Timer Expired) and the reserved subcode 0 of Cease and ROUTE-REFRESH.
        if (subcode == 0) return codeName();
        return codeName() + " / subcode " + subcode;
    }

    @Override
    public MessageType type() {
        return MessageType.NOTIFICATION;
    }
}
