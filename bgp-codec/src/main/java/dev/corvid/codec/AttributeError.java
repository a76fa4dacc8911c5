package dev.corvid.codec;

/**
 * One RFC 7606 finding in an UPDATE that did not reset the session.
 *
 * @param action        what RFC 7606 says to do about it
 * @param attributeType the path attribute type code concerned, or -1 for the message as a whole
 * @param family        the family to disable for {@link Severity#AFI_SAFI_DISABLE}, otherwise {@code null}
 * @param reason        a sentence for logs and {@code corvid decode}, citing the rule
 */
public record AttributeError(Severity action, int attributeType, Family family, String reason) {
    public AttributeError {
        if (action == Severity.NONE || action == Severity.SESSION_RESET) {
            throw new IllegalArgumentException("an AttributeError is discard, withdraw or AFI/SAFI disable, not " + action);
        }
        if ((action == Severity.AFI_SAFI_DISABLE) != (family != null)) {
            throw new IllegalArgumentException("a family is named exactly for AFI/SAFI disable");
        }
    }

    public static AttributeError discard(int type, String reason) {
        return new AttributeError(Severity.ATTRIBUTE_DISCARD, type, null, reason);
    }

    public static AttributeError withdraw(int type, String reason) {
        return new AttributeError(Severity.TREAT_AS_WITHDRAW, type, null, reason);
    }

    public static AttributeError disable(int type, Family family, String reason) {
        return new AttributeError(Severity.AFI_SAFI_DISABLE, type, family, reason);
    }
}
