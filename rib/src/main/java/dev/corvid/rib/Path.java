package dev.corvid.rib;

import dev.corvid.codec.nlri.Nlri;

/**
 * One path to a prefix, as an Adj-RIB-In holds it.
 *
 * @param source      where it came from
 * @param nlri        the prefix and, with RFC 7911 ADD-PATH, the path identifier (otherwise 0)
 * @param attributes  its interned attributes
 * @param eligibility whether the decision process may select it, and if not why
 * @param receivedAt  when it was first received, in the Rib clock's milliseconds
 */
public record Path(PathSource source, Nlri nlri, PathAttributes attributes, Eligibility eligibility, long receivedAt) {

    /** Why a path may or may not take part in the decision. */
    public enum Eligibility {
        ELIGIBLE,
        /** RFC 7606 §2 treat-as-withdraw: kept visible to operators, never selected. */
        TREAT_AS_WITHDRAW,
        /** RFC 4271 §9.1.2.1: the next hop does not resolve. */
        NEXT_HOP_UNREACHABLE
    }

    public boolean eligible() {
        return eligibility == Eligibility.ELIGIBLE;
    }

    Path withEligibility(Eligibility e) {
        return e == eligibility ? this : new Path(source, nlri, attributes, e, receivedAt);
    }
}
