package dev.corvid.fsm.open;

import dev.corvid.codec.Bytes;

/** What {@link OpenCheck} made of the peer's OPEN. */
public sealed interface OpenVerdict {

    /** The OPEN is acceptable; the session runs with {@code negotiated}. */
    record Accepted(Negotiated negotiated) implements OpenVerdict {}

    /**
     * RFC 4271 §6.2: the OPEN is not acceptable; send this NOTIFICATION and close. {@code reason} is a sentence
     * for the log.
     */
    record Rejected(int code, int subcode, Bytes data, String reason) implements OpenVerdict {}
}
