package dev.corvid.codec.capability;

import dev.corvid.codec.Family;
import java.util.List;

/**
 * RFC 8950 §3 Extended Next Hop Encoding: tuples of NLRI AFI (2 octets), NLRI SAFI (2 octets) and Nexthop AFI
 * (2 octets), e.g. IPv4 unicast NLRI with IPv6 next hops.
 */
public record ExtendedNextHop(List<Tuple> tuples) implements Capability {
    public ExtendedNextHop {
        tuples = List.copyOf(tuples);
    }

    @Override
    public int code() {
        return EXTENDED_NEXT_HOP;
    }

    /** NLRI of {@code family} may carry a next hop of address family {@code nextHopAfi}. */
    public record Tuple(Family family, int nextHopAfi) {
        public Tuple {
            if (nextHopAfi < 0 || nextHopAfi > 0xFFFF) throw new IllegalArgumentException("Nexthop AFI is 2 octets");
        }
    }
}
