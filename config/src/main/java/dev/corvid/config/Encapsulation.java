package dev.corvid.config;

/** How routes to other nodes are installed: plainly, or on-link through the tunnel device (as Calico does). */
public enum Encapsulation {
    /** A plain route via the BGP next hop. */
    NONE("none"),
    /** Every route on-link via the tunnel device. */
    IPIP("ipip"),
    /** Through the tunnel device only when the next hop is outside the node's own subnet. */
    CROSS_SUBNET("cross-subnet");

    private final String label;

    Encapsulation(String label) {
        this.label = label;
    }

    /** The word used in the configuration file. */
    public String label() {
        return label;
    }
}
