package dev.corvid.daemon.routing;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.rib.Delta;
import dev.corvid.rib.Path;
import dev.corvid.rib.PathSource;
import dev.corvid.rib.Route;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the kernel's FIB should hold for one prefix, as the Loc-RIB says: the BGP next hops of the ECMP set, best
 * first. No next hops: corvid installs nothing — the prefix was withdrawn, or this node itself originates it (its own
 * pod block, a learned kernel route), which is never overwritten.
 */
public record FibRoute(Prefix prefix, List<InetAddress> nextHops) {
    public FibRoute {
        Objects.requireNonNull(prefix, "prefix");
        nextHops = List.copyOf(nextHops);
    }

    /** The FIB's view of a Loc-RIB change. */
    public static FibRoute of(Delta delta) {
        return delta.current().map(FibRoute::of).orElseGet(() -> new FibRoute(delta.prefix(), List.of()));
    }

    static FibRoute of(Route route) {
        // Whether or not this node's own path won, the prefix is this node's: it is never installed over.
        for (Path p : route.paths()) if (p.source() instanceof PathSource.Local) return new FibRoute(route.prefix(), List.of());
        List<InetAddress> hops = new ArrayList<>(route.multipathCount());
        for (Path p : route.multipath()) {
            InetAddress hop = p.attributes().nextHop();
            if (!hops.contains(hop)) hops.add(hop);
        }
        return new FibRoute(route.prefix(), hops);
    }
}
