package dev.corvid.config;

import java.util.List;

/**
 * An import or export policy of a peer as configured: {@code accept}, {@code reject}, {@code originated} or a prefix
 * list. RFC 8212: an eBGP peer without a policy gets {@link Reject} both ways. Applying a policy to routes is the
 * reflector's business ({@code dev.corvid.reflector.Policy}); the daemon maps one to the other.
 */
public sealed interface Policy {

    /** Every route passes. */
    record Accept() implements Policy {}

    /** No route passes. */
    record Reject() implements Policy {}

    /** Only the routes this node originates pass (the usual export policy towards a top-of-rack switch). */
    record Originated() implements Policy {}

    /** The first matching rule decides; a route no rule matches is rejected. */
    record PrefixList(List<PrefixRule> rules) implements Policy {
        public PrefixList {
            rules = List.copyOf(rules);
        }
    }
}
