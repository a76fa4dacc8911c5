package dev.corvid.rib;

import java.net.InetAddress;

/**
 * Whether a next hop can be reached (RFC 4271 §9.1.2.1: "If the NEXT_HOP attribute of a BGP route depicts an address
 * that is not resolvable, or if it would become unresolvable if the route was installed in the routing table, the
 * BGP route MUST be excluded from the Phase 2 decision function."). The daemon plugs in the kernel's view; when that
 * view changes it calls {@link Rib#nextHopsChanged()}. Called on the RIB thread only.
 */
@FunctionalInterface
public interface NextHopResolver {
    /** Every next hop is reachable (directly connected peers, tests). */
    NextHopResolver ALL_REACHABLE = nextHop -> true;

    boolean reachable(InetAddress nextHop);
}
