package dev.corvid.config;

/**
 * What a peer is to this speaker; decides which routes it is sent (RFC 4456 §6 for the iBGP roles).
 */
public enum PeerRole {
    /** iBGP, full mesh: routes learned from it go to clients and eBGP peers, never to other mesh peers. */
    MESH("mesh"),
    /** iBGP, RFC 4456 client: we reflect routes to it and from it. */
    RR_CLIENT("rr-client"),
    /** iBGP, RFC 4456 non-client: routes from it are reflected to clients only. */
    NON_CLIENT("non-client"),
    /** eBGP: RFC 8212 applies, nothing is imported or exported until a policy says so. */
    EBGP("ebgp");

    private final String label;

    PeerRole(String label) {
        this.label = label;
    }

    /** The word used in the configuration file and in {@code show neighbors}: {@code mesh}, {@code rr-client}, ... */
    public String label() {
        return label;
    }

    /** True for the roles of a peer in the local AS. */
    public boolean isInternal() {
        return this != EBGP;
    }
}
