package dev.corvid.codec.capability;

/** RFC 8654 §3 Extended Message: no value; both sides must announce it before messages may exceed 4096 octets. */
public record ExtendedMessage() implements Capability {
    @Override
    public int code() {
        return EXTENDED_MESSAGE;
    }
}
