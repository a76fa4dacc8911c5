package dev.corvid.it.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.GoBgp;

/**
 * What each daemon says it holds, from its own CLI, in one shape to compare: prefix → the next hop of each of its
 * paths (sorted), {@link #SELF} for a route the daemon originates itself. Only prefixes under {@code 10.244.0.0/16}
 * (the pod blocks of the scenarios) and the default route are kept.
 */
final class Holdings {

    /** The next hop shown for a daemon's own route. */
    static final String SELF = "self";

    private Holdings() {
    }

    /** {@code corvid show route --json}: the Loc-RIB's candidate paths; {@code from = local} is {@link #SELF}. */
    static Map<String, List<String>> of(CorvidProcess corvid) {
        Map<String, List<String>> held = new TreeMap<>();
        for (JsonNode route : corvid.routes()) {
            for (JsonNode path : route.path("paths")) {
                add(held, route.path("prefix").asText(),
                        "local".equals(path.path("from").asText()) ? SELF : path.path("next_hop").asText());
            }
        }
        return sorted(held);
    }

    /** {@code birdc show route all}: BGP routes by {@code BGP.next_hop}, any other (static) is {@link #SELF}. */
    static Map<String, List<String>> of(Bird bird) {
        Map<String, List<String>> held = new TreeMap<>();
        for (Bird.Route route : bird.routes()) {
            add(held, route.prefix(), route.attribute("BGP.next_hop").orElse(SELF));
        }
        return sorted(held);
    }

    /** {@code show bgp ipv4 unicast json}: a path whose peer is unspecified (a {@code network}) is {@link #SELF}. */
    static Map<String, List<String>> of(Frr frr) {
        Map<String, List<String>> held = new TreeMap<>();
        frr.routes("ipv4").fields().forEachRemaining(entry -> {
            for (JsonNode path : entry.getValue()) {
                String peer = path.path("peerId").asText();
                add(held, entry.getKey(), "(unspec)".equals(peer) ? SELF : path.path("nexthops").path(0).path("ip").asText());
            }
        });
        return sorted(held);
    }

    /** {@code gobgp -j global rib}: NEXT_HOP (type 3) of each path; a locally added path (no neighbor) is {@link #SELF}. */
    static Map<String, List<String>> of(GoBgp gobgp) {
        Map<String, List<String>> held = new TreeMap<>();
        gobgp.rib("ipv4").fields().forEachRemaining(entry -> {
            for (JsonNode path : entry.getValue()) {
                String neighbor = path.path("neighbor-ip").asText("");
                add(held, entry.getKey(), neighbor.isEmpty() || "<nil>".equals(neighbor) ? SELF : nextHop(path));
            }
        });
        return sorted(held);
    }

    /** The NEXT_HOP attribute (type 3) of one path of {@code gobgp -j global rib}. */
    static String nextHop(JsonNode gobgpPath) {
        for (JsonNode attribute : gobgpPath.path("attrs")) {
            if (attribute.path("type").asInt() == 3) {
                return attribute.path("nexthop").asText();
            }
        }
        return "";
    }

    /**
     * Waits until every view shows what {@code expected} says (by view name), printing the time it took and the last
     * views seen; fails with both when they do not match within a minute.
     */
    static void await(Map<String, Supplier<Map<String, List<String>>>> views,
            Map<String, Map<String, List<String>>> expected, String what) {
        Map<String, Map<String, List<String>>> seen = new LinkedHashMap<>();
        long start = System.nanoTime();
        try {
            Await.condition(Duration.ofSeconds(60), what, () -> {
                views.forEach((name, view) -> seen.put(name, view.get()));
                return seen.equals(expected);
            });
        } finally {
            System.out.println(what + ": after " + (System.nanoTime() - start) / 1_000_000 + " ms, seen " + seen);
        }
    }

    private static void add(Map<String, List<String>> held, String prefix, String nextHop) {
        if (prefix.startsWith("10.244.") || prefix.equals("0.0.0.0/0")) {
            held.computeIfAbsent(prefix, p -> new ArrayList<>()).add(nextHop);
        }
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> held) {
        held.values().forEach(hops -> hops.sort(null));
        return held;
    }
}
