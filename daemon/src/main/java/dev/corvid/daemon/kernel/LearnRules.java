package dev.corvid.daemon.kernel;

import dev.corvid.config.KernelLearnRule;
import dev.corvid.netlink.KernelRoute;
import java.util.List;

/**
 * {@code kernel.learn}: a kernel route is announced when it matches every condition of one rule (type, protocol,
 * table, within a prefix) — e.g. the blackhole routes a CNI's IPAM creates for the node's blocks. Routes with corvid's
 * own protocol are never learned: corvid would announce what it learned from its peers.
 */
final class LearnRules {
    private final List<KernelLearnRule> rules;
    private final int ownProtocol;

    LearnRules(List<KernelLearnRule> rules, int ownProtocol) {
        this.rules = List.copyOf(rules);
        this.ownProtocol = ownProtocol;
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    boolean matches(KernelRoute route) {
        if (route.protocol() == ownProtocol) return false;
        for (KernelLearnRule r : rules) {
            if (r.type().isPresent() && !r.type().get().equals(route.typeName())) continue;
            if (r.protocol().isPresent() && r.protocol().getAsInt() != route.protocol()) continue;
            if (r.table().isPresent() && r.table().getAsInt() != route.table()) continue;
            if (r.within().isPresent() && !(r.within().get().afi() == route.destination().afi()
                    && r.within().get().length() <= route.destination().length()
                    && r.within().get().contains(route.destination().address()))) {
                continue;
            }
            return true;
        }
        return false;
    }
}
