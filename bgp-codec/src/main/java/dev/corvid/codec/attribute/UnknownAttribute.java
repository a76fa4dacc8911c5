package dev.corvid.codec.attribute;

import dev.corvid.codec.Bytes;

/**
 * An attribute corvid does not interpret, kept with the flags it arrived with (RFC 4271 §5: unrecognized
 * optional transitive attributes are passed on with the Partial bit set; unrecognized non-transitive ones are
 * dropped by the decoder and never reach this record).
 */
public record UnknownAttribute(int flags, int typeCode, Bytes value) implements PathAttribute {
    /** The attribute as passed on to another peer: RFC 4271 §5 sets the Partial bit. */
    public UnknownAttribute withPartial() {
        return new UnknownAttribute(flags | FLAG_PARTIAL, typeCode, value);
    }
}
