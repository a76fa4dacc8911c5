package dev.corvid.netlink;

/** One route request of a batch ({@link RtNetlink#apply}). */
public sealed interface RouteRequest {
    KernelRoute route();

    /** Verb and route for messages: "adding 10.244.1.0/26 via 10.0.0.2 table 254 proto 201". */
    String describe();

    /**
     * RTM_NEWROUTE with NLM_F_CREATE | NLM_F_EXCL: fails with EEXIST when a route with the same key (prefix, table,
     * metric) exists, so that another program's route is never overwritten.
     */
    record Add(KernelRoute route) implements RouteRequest {
        @Override
        public String describe() {
            return "adding " + route;
        }
    }

    /** RTM_NEWROUTE with NLM_F_CREATE | NLM_F_REPLACE: installs the route, replacing the one with the same key. */
    record Replace(KernelRoute route) implements RouteRequest {
        @Override
        public String describe() {
            return "installing " + route;
        }
    }

    /**
     * RTM_DELROUTE naming the prefix, table, protocol, metric and type (not the next hops), so that it matches only
     * a route of that protocol: never another program's route with the same prefix. ESRCH when there is none.
     */
    record Remove(KernelRoute route) implements RouteRequest {
        @Override
        public String describe() {
            return "removing " + route;
        }
    }
}
