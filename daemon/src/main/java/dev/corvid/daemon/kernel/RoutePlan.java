package dev.corvid.daemon.kernel;

import dev.corvid.codec.nlri.Ipv6Prefix;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.KernelConfig;
import dev.corvid.daemon.routing.FibRoute;
import dev.corvid.netlink.KernelRoute;
import dev.corvid.netlink.Link;
import dev.corvid.netlink.NextHop;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the Loc-RIB's next hops become a kernel route under {@code kernel.encapsulation}:
 * <ul>
 *   <li>{@code none}: via the BGP next hop (the kernel finds the device);
 *   <li>{@code ipip}: via the next hop, {@code onlink}, out of {@code tunnel-device} (Calico's tunl0 routes);
 *   <li>{@code cross-subnet}: directly when the next hop is in the subnet of one of this host's addresses, through
 *       the tunnel otherwise.
 * </ul>
 * IPIP carries IPv4 only, so IPv6 routes are always direct. With {@code kernel.mtu} set, a tunnelled route's MTU is
 * lowered by {@code tunnel-overhead}.
 */
final class RoutePlan {

    /** What to do for one prefix. */
    sealed interface Outcome {
        /**
         * Install this route; {@code leftOut} says why next hops of the ECMP set are not in it (the route uses the
         * others).
         */
        record Install(KernelRoute route, Optional<String> leftOut) implements Outcome {
            Install(KernelRoute route) {
                this(route, Optional.empty());
            }
        }

        /** corvid installs nothing for the prefix. */
        record Nothing() implements Outcome {}

        /** corvid would install a route but cannot, and says why. */
        record Refused(String reason) implements Outcome {}
    }

    private static final Outcome NOTHING = new Outcome.Nothing();
    /** Distinct next-hop lists remembered at most (there are about as many as peers). */
    private static final int CACHE_LIMIT = 4096;

    private final KernelConfig config;
    private final Map<List<InetAddress>, Hops> cache = new HashMap<>();
    private Interfaces cachedFor;

    RoutePlan(KernelConfig config) {
        this.config = config;
    }

    Outcome plan(FibRoute wanted, Interfaces interfaces) {
        return plan(wanted.prefix(), wanted.nextHops(), interfaces);
    }

    /** What to install for {@code prefix} with BGP next hops {@code nextHops} (empty: nothing). */
    Outcome plan(Prefix prefix, List<InetAddress> nextHops, Interfaces interfaces) {
        if (nextHops.isEmpty()) return NOTHING;
        if (interfaces != cachedFor || cache.size() >= CACHE_LIMIT) {
            cache.clear();
            cachedFor = interfaces;
        }
        Hops planned = cache.computeIfAbsent(nextHops, hops -> hops(hops, interfaces));
        if (planned.hops().isEmpty()) return new Outcome.Refused(planned.refusal());
        int mtu = config.mtu() == 0 ? 0 : planned.tunnelled() ? config.mtu() - config.tunnelOverhead() : config.mtu();
        return new Outcome.Install(KernelRoute.unicast(prefix, planned.hops(), config.table(), config.protocol(),
                metric(config, prefix), mtu),
                Optional.ofNullable(planned.refusal()).map(r -> "a next hop is left out: " + r));
    }

    /**
     * The kernel next hops for one list of BGP next hops: the same for every route with that list (a peer's routes
     * share its address), so it is worked out once per list and {@link Interfaces} snapshot, and the routes share
     * the result. {@code refusal}: why a next hop is left out (all of them when {@code hops} is empty).
     */
    private record Hops(List<NextHop> hops, boolean tunnelled, String refusal) {}

    private Hops hops(List<InetAddress> nextHops, Interfaces interfaces) {
        List<NextHop> hops = new ArrayList<>();
        boolean tunnelled = false;
        String refusal = null;
        for (InetAddress gateway : nextHops) {
            if (gateway.isAnyLocalAddress()) {
                refusal = "the next hop " + gateway.getHostAddress() + " is unspecified";
            } else if (interfaces.isLocal(gateway)) {
                refusal = "the next hop " + gateway.getHostAddress() + " is an address of this host";
            } else if (!tunnels(gateway, interfaces)) {
                hops.add(NextHop.via(gateway));
            } else {
                Optional<Link> tunnel = interfaces.link(config.tunnelDevice());
                if (tunnel.isEmpty()) {
                    refusal = "the tunnel device " + config.tunnelDevice() + " does not exist; create it (Calico's"
                            + " IPIP pools create tunl0) or set kernel.tunnel-device";
                } else if (!tunnel.get().up()) {
                    refusal = "the tunnel device " + config.tunnelDevice() + " is down; bring it up with"
                            + " ip link set " + config.tunnelDevice() + " up";
                } else {
                    hops.add(NextHop.onlink(gateway, tunnel.get().index()));
                    tunnelled = true;
                }
            }
        }
        return new Hops(List.copyOf(hops), tunnelled, refusal);
    }

    /** {@code kernel.metric} as the kernel reports it: IPv6 turns metric 0 into 1024 (IP6_RT_PRIO_USER). */
    static int metric(KernelConfig config, Prefix prefix) {
        return config.metric() == 0 && prefix instanceof Ipv6Prefix ? 1024 : config.metric();
    }

    private boolean tunnels(InetAddress gateway, Interfaces interfaces) {
        if (!(gateway instanceof Inet4Address)) return false;
        return switch (config.encapsulation()) {
            case NONE -> false;
            case IPIP -> true;
            case CROSS_SUBNET -> !interfaces.onLocalSubnet(gateway);
        };
    }

    /**
     * Whether the kernel's {@code have} is the route {@code want}. A next hop that corvid gave no device has the one
     * the kernel chose in a dump, so devices are compared only where {@code want} names one.
     */
    static boolean same(KernelRoute want, KernelRoute have) {
        if (want.type() != have.type() || want.metric() != have.metric() || want.mtu() != have.mtu()
                || want.table() != have.table() || want.protocol() != have.protocol()
                || !want.destination().equals(have.destination()) || want.nextHops().size() != have.nextHops().size()) {
            return false;
        }
        for (NextHop w : want.nextHops()) {
            if (have.nextHops().stream().noneMatch(h -> h.gateway().equals(w.gateway()) && h.onlink() == w.onlink()
                    && (w.device().isEmpty() || w.device().equals(h.device())))) {
                return false;
            }
        }
        return true;
    }
}
