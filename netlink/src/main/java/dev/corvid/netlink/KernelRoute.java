package dev.corvid.netlink;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Prefix;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;

/**
 * One route of the kernel's FIB as rtnetlink carries it: {@code struct rtmsg} and its attributes ({@code man 7
 * rtnetlink}, {@code linux/rtnetlink.h}).
 *
 * <p>A dumped route equals the route that was installed when the installer named each next hop's device. The kernel
 * fills in what was left out: the device of a next hop given only by its gateway, and for IPv6 the metric (1024 when
 * none was given). Blackhole, unreachable and prohibit routes are read without next hops (IPv6 reports them on
 * {@code lo}). Next-hop weights are not modelled: corvid installs equal weights.
 *
 * @param destination the prefix ({@code RTA_DST} and {@code rtm_dst_len})
 * @param type        {@code rtm_type}: {@link #UNICAST}, {@link #BLACKHOLE}, ... ({@link #typeName()})
 * @param nextHops    none for blackhole-like routes, one for a plain route, several for ECMP ({@code RTA_MULTIPATH})
 * @param table       the routing table ({@code RTA_TABLE}; {@link #MAIN_TABLE} is main)
 * @param protocol    who installed it ({@code rtm_protocol}; corvid uses its own number)
 * @param metric      {@code RTA_PRIORITY}; 0 = none
 * @param mtu         {@code RTAX_MTU} inside {@code RTA_METRICS}; 0 = none (the device's MTU applies)
 */
public record KernelRoute(Prefix destination, int type, List<NextHop> nextHops, int table, int protocol, int metric,
                          int mtu) {
    public static final int UNICAST = 1, LOCAL = 2, BROADCAST = 3, ANYCAST = 4, MULTICAST = 5, BLACKHOLE = 6,
            UNREACHABLE = 7, PROHIBIT = 8, THROW = 9, NAT = 10;
    public static final int MAIN_TABLE = 254;

    // rtm_type names as iproute2 prints them (lib/rt_names.c), indexed by type
    private static final List<String> TYPE_NAMES = List.of("none", "unicast", "local", "broadcast", "anycast",
            "multicast", "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve");

    public KernelRoute {
        Objects.requireNonNull(destination, "destination");
        nextHops = List.copyOf(nextHops);
        if (type < 0 || type > 255) throw new IllegalArgumentException("route type " + type + " is not 0..255");
        if (table < 1) throw new IllegalArgumentException("table " + table + " is not 1 or more");
        if (protocol < 0 || protocol > 255) throw new IllegalArgumentException("protocol " + protocol + " is not 0..255");
        if (metric < 0) throw new IllegalArgumentException("metric " + metric + " is negative");
        if (mtu < 0) throw new IllegalArgumentException("mtu " + mtu + " is negative");
        boolean v4 = destination instanceof Ipv4Prefix;
        for (NextHop hop : nextHops) {
            hop.gateway().filter(g -> (g instanceof Inet4Address) != v4).ifPresent(g -> {
                throw new IllegalArgumentException("route " + destination + ": next hop " + NextHop.text(g)
                        + " is not of the route's address family");
            });
        }
    }

    /** A unicast route through {@code nextHops} (several: ECMP). */
    public static KernelRoute unicast(Prefix destination, List<NextHop> nextHops, int table, int protocol, int metric,
                                      int mtu) {
        if (nextHops.isEmpty()) throw new IllegalArgumentException("unicast route " + destination + " has no next hop");
        return new KernelRoute(destination, UNICAST, nextHops, table, protocol, metric, mtu);
    }

    /** A route of a type without next hops: {@link #BLACKHOLE}, {@link #UNREACHABLE} or {@link #PROHIBIT}. */
    public static KernelRoute discard(Prefix destination, int type, int table, int protocol, int metric) {
        if (!discards(type)) throw new IllegalArgumentException("type " + type + " is not blackhole, unreachable or prohibit");
        return new KernelRoute(destination, type, List.of(), table, protocol, metric, 0);
    }

    /** This route with {@code nextHops} instead of its own (e.g. a replacement's new next hop). */
    public KernelRoute withNextHops(List<NextHop> nextHops) {
        return new KernelRoute(destination, type, nextHops, table, protocol, metric, mtu);
    }

    static boolean discards(int type) {
        return type == BLACKHOLE || type == UNREACHABLE || type == PROHIBIT;
    }

    /** The type as {@code ip route} names it: "unicast", "blackhole", "unreachable", "prohibit", "local", ... */
    public String typeName() {
        return type < TYPE_NAMES.size() ? TYPE_NAMES.get(type) : String.valueOf(type);
    }

    /** Like {@code ip route}: {@code 10.244.1.0/26 via 10.0.0.2 dev #3 onlink table 254 proto 201 metric 32 mtu 1480}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (type != UNICAST) s.append(typeName()).append(' ');
        s.append(destination);
        if (nextHops.size() == 1) {
            s.append(' ').append(nextHops.getFirst());
        } else {
            for (NextHop hop : nextHops) s.append(" nexthop ").append(hop);
        }
        s.append(" table ").append(table).append(" proto ").append(protocol);
        if (metric != 0) s.append(" metric ").append(metric);
        if (mtu != 0) s.append(" mtu ").append(mtu);
        return s.toString();
    }
}
