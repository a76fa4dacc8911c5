package dev.corvid.config;

import dev.corvid.codec.nlri.Prefix;
import java.util.List;

/**
 * An import or export policy of a peer: {@code accept}, {@code reject}, {@code originated} or a prefix list.
 * RFC 8212: an eBGP peer without a policy gets {@link Reject} both ways.
 */
public sealed interface Policy {

    /**
     * Whether a route for {@code prefix} passes.
     *
     * @param originated the route is one this node originates (from {@code originate} or {@code kernel.learn})
     */
    boolean permits(Prefix prefix, boolean originated);

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
                if (rule.matches(prefix)) return rule.accept();
            }
            return false;
        }
    }
}
