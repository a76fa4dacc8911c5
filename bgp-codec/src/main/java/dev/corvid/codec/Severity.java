package dev.corvid.codec;

/**
 * RFC 7606 outcomes of an error in an UPDATE, ordered from mildest to harshest. RFC 7606 §3.h: when
 * several errors are found, the harshest one applies.
 */
public enum Severity {
    /** No error. */
    NONE,
    /** RFC 7606 §2 "attribute discard": the attribute is dropped, the rest of the UPDATE is used. */
    ATTRIBUTE_DISCARD,
    /** RFC 7606 §2 "treat-as-withdraw": every NLRI in the UPDATE is withdrawn. */
    TREAT_AS_WITHDRAW,
    /** RFC 4760 §7 "AFI/SAFI disable": the family is disabled on the session. */
    AFI_SAFI_DISABLE,
    /** RFC 4271 §6 "session reset": a NOTIFICATION is sent and the session closed. */
    SESSION_RESET;

    public Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** {@code attribute-discard}, {@code treat-as-withdraw}, ... as shown to operators. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
