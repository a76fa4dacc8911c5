package dev.corvid.codec.attribute;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.Family;

/**
 * What a value decoder made of the octets of one attribute: the record, an RFC 7606 finding that does not reset
 * the session, nothing at all, or a session reset. Outcomes are values so that {@link AttributeCodec} applies them
 * in one place.
 */
sealed interface ValueOutcome {

    /** The attribute, decoded. */
    record Value(PathAttribute attribute) implements ValueOutcome {}

    /** RFC 7606: the attribute is discarded, the UPDATE treated as withdraw, or a family disabled. */
    record Failed(AttributeError error) implements ValueOutcome {}

    /** Dropped without a finding (RFC 4271 §5: an unrecognized optional non-transitive attribute). */
    record Ignored() implements ValueOutcome {}

    /** UPDATE Message Error with {@code subcode}; the NOTIFICATION data is the attribute as received. */
    record Reset(int subcode, String reason) implements ValueOutcome {}

    static ValueOutcome of(PathAttribute attribute) {
        return new Value(attribute);
    }

    static ValueOutcome withdraw(int type, String reason) {
        return new Failed(AttributeError.withdraw(type, reason));
    }

    static ValueOutcome discard(int type, String reason) {
        return new Failed(AttributeError.discard(type, reason));
    }

    static ValueOutcome disable(int type, Family family, String reason) {
        return new Failed(AttributeError.disable(type, family, reason));
    }
}
