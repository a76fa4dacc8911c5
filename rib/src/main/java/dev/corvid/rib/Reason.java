package dev.corvid.rib;

/**
 * Why one path was preferred over another: the first step of the decision process (RFC 4271 §9.1.2.2 with the
 * RFC 4456 §9 additions) at which they differ, in the order the steps run. Shown to operators next to each route.
 */
public enum Reason {
    /** RFC 4271 §9.1.2.1: the other path is not eligible (treat-as-withdraw or unreachable next hop). */
    ELIGIBLE("eligible"),
    /** RFC 4271 §9.1.1: higher degree of preference (LOCAL_PREF; eBGP paths get the configured default). */
    HIGHER_LOCAL_PREF("higher local-pref"),
    /** Not in the RFC: a path this node originates wins over learned ones of equal preference, as in most BGP stacks. */
    LOCALLY_ORIGINATED("locally originated"),
    /** RFC 4271 §9.1.2.2 a. */
    SHORTER_AS_PATH("shorter AS path"),
    /** RFC 4271 §9.1.2.2 b. */
    LOWER_ORIGIN("lower origin"),
    /** RFC 4271 §9.1.2.2 c, between paths from the same neighbouring AS only. */
    LOWER_MED("lower MED"),
    /** RFC 4271 §9.1.2.2 d. Step e (interior cost) is skipped: corvid has no IGP. */
    EBGP_OVER_IBGP("eBGP over iBGP"),
    /** RFC 4271 §9.1.2.2 f, with ORIGINATOR_ID in place of the BGP Identifier (RFC 4456 §9). */
    LOWER_ORIGINATOR_OR_ROUTER_ID("lower originator/router id"),
    /** RFC 4456 §9, inserted between steps f and g. */
    SHORTER_CLUSTER_LIST("shorter cluster list"),
    /** RFC 4271 §9.1.2.2 g. */
    LOWER_PEER_ADDRESS("lower peer address"),
    /** Not in the RFC: two RFC 7911 ADD-PATH paths from the same peer, ordered so the result is deterministic. */
    LOWER_PATH_ID("lower path id");

    private final String label;

    Reason(String label) {
        this.label = label;
    }

    /** The words operators see, e.g. {@code shorter AS path}. */
    public String label() {
        return label;
    }

    /** True when two paths that first differ at this step are still equal enough for ECMP (equal up to step f). */
    boolean multipathEqual() {
        return ordinal() >= LOWER_ORIGINATOR_OR_ROUTER_ID.ordinal();
    }
}
