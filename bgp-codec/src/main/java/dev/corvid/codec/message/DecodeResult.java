package dev.corvid.codec.message;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.Severity;
import java.util.List;

/**
 * What decoding one framed message produced: a message (perhaps with RFC 7606 findings that do not reset the
 * session), or the NOTIFICATION that must be sent before the session is reset.
 */
public sealed interface DecodeResult {

    Severity severity();

    /**
     * A decoded message. For an UPDATE, {@code errors} lists RFC 7606 findings: attributes already removed from
     * the message (attribute discard), or an instruction to treat its NLRI as withdrawn or to disable a family.
     */
    record Decoded(BgpMessage message, List<AttributeError> errors) implements DecodeResult {
        public Decoded {
            errors = List.copyOf(errors);
        }

        public Decoded(BgpMessage message) {
            this(message, List.of());
        }

        @Override
        public Severity severity() {
            Severity s = Severity.NONE;
            for (AttributeError e : errors) s = s.max(e.action());
            return s;
        }
    }

    /** RFC 4271 §6 / RFC 7606 session reset: send {@code notification}, then close. */
    record Malformed(Notification notification, String reason) implements DecodeResult {
        @Override
        public Severity severity() {
            return Severity.SESSION_RESET;
        }
    }
}
