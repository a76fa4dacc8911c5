package dev.corvid.reflector;

import dev.corvid.codec.nlri.Prefix;
import java.util.List;

/**
 * An import or export policy of a peer: {@code accept}, {@code reject}, {@code originated} or a prefix list.
 * A peer without one gets {@link #rfc8212Default(PeerRole)}.
 */
public sealed interface Policy {

    /**
     * Whether a route for {@code prefix} passes.
     *
     * @param originated the route is one this node originates (its pod blocks)
     */
    boolean permits(Prefix prefix, boolean originated);

    /**
     * RFC 8212 §3.1: "Routes contained in an Adj-RIB-In associated with an EBGP peer SHALL NOT be considered
     * eligible in the Decision Process if no explicit Import Policy has been applied." §3.2: "Routes SHALL NOT be
     * added to the Adj-RIBs-Out associated with an EBGP peer if no explicit Export Policy has been applied."
     * iBGP peers, which RFC 8212 does not touch, accept everything.
     */
    static Policy rfc8212Default(PeerRole role) {
        return role == PeerRole.EBGP ? new Reject() : new Accept();
    }

    /** Every route passes. */
    record Accept() implements Policy {
        @Override
        public boolean permits(Prefix prefix, boolean originated) {
            return true;
        }
    }

    /** No route passes. */
    record Reject() implements Policy {
        @Override
        public boolean permits(Prefix prefix, boolean originated) {
            return false;
        }
    }

    /** Only the routes this node originates pass (the usual export policy towards a top-of-rack switch). */
    record Originated() implements Policy {
        @Override
        public boolean permits(Prefix prefix, boolean originated) {
            return originated;
        }
    }

    /** The first matching rule decides; a route no rule matches is rejected. */
    record PrefixList(List<PrefixRule> rules) implements Policy {
        public PrefixList {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean permits(Prefix prefix, boolean originated) {
            for (PrefixRule rule : rules) {
                if (rule.matches(prefix)) return rule.action() == PrefixRule.Action.ACCEPT;
            }
            return false;
        }
    }
}
