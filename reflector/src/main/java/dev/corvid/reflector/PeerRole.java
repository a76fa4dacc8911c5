package dev.corvid.reflector;

/**
 * What a peer is to this speaker; it decides which routes the peer is sent (RFC 4456 §6 for the iBGP roles).
 *
 * <p>{@link #MESH} and {@link #NON_CLIENT} follow the same rules: both are iBGP peers that are not reflection
 * clients. They are kept apart because an operator means different things by them (a node-to-node mesh versus
 * the other reflectors of a cluster) and {@code show} output names the role as configured.
 */
public enum PeerRole {
    /** iBGP, full mesh: RFC 4271 §9.2, routes learned over iBGP are not advertised to it unless reflected. */
    MESH("mesh"),
    /** iBGP, RFC 4456 client: routes from it are reflected to every iBGP peer; it gets every route. */
    RR_CLIENT("rr-client"),
    /** iBGP, RFC 4456 non-client: routes from it are reflected to clients only. */
    NON_CLIENT("non-client"),
    /** eBGP: RFC 8212, nothing is imported or exported until a policy says so. */
    EBGP("ebgp");

    private final String label;

    PeerRole(String label) {
        this.label = label;
    }

    /** The word used in the configuration and in {@code show} output: {@code mesh}, {@code rr-client}, ... */
    public String label() {
        return label;
    }

    /** True for the roles of a peer in the local AS. */
    public boolean isInternal() {
        return this != EBGP;
    }
}
