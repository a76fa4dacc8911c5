package dev.corvid.rib;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Where a path came from: a BGP peer, or this node itself (originated prefixes, kernel routes). */
public sealed interface PathSource permits PathSource.Peer, PathSource.Local {

    /** The source of every path this node originates. */
    Local LOCAL = new Local();

    /**
     * A BGP peer as its session came up.
     *
     * @param address               the peer's address (RFC 4271 §9.1.2.2 g compares it last)
     * @param asn                   the peer's AS
     * @param routerId              the BGP Identifier from its OPEN (RFC 4271 §9.1.2.2 f)
     * @param internal              iBGP (same AS) rather than eBGP
     * @param routeReflectorClient  the peer is a client of this node as route reflector (RFC 4456 §6)
     */
    record Peer(InetAddress address, long asn, Inet4Address routerId, boolean internal, boolean routeReflectorClient)
            implements PathSource {
        @Override
        public String toString() {
            return "peer " + address.getHostAddress() + " AS" + asn;
        }
    }

    /** This node. */
    record Local() implements PathSource {
        @Override
        public String toString() {
            return "local";
        }
    }
}
