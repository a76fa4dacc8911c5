package dev.corvid.it.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.GoBgp;

/**
 * Every path a daemon says it holds for the pod blocks of the reflection scenarios ({@code 10.244.0.0/16} and
 * {@code fd00:244::/32}), from its own CLI, with what RFC 4456 adds to a reflected route: who sent it, its next hop,
 * ORIGINATOR_ID and CLUSTER_LIST, and whether the daemon chose it as best. The peer a path came from is shown by name
 * ({@code names}: address → name; BIRD's protocols are named after their peer already). A route the daemon
 * originates itself is {@link #SELF}.
 */
record PathsSeen(List<Seen> paths) {

    /** A daemon's own route, whatever its attributes. */
    static final String SELF = "self";

    PathsSeen {
        paths = List.copyOf(paths);
    }

    /** One path: {@code from} is the peer's name or {@link #SELF}; "-" and [] where the attribute is absent. */
    record Seen(String prefix, String from, String nextHop, String originatorId, List<String> clusterList,
            boolean best) {
        Seen {
            clusterList = List.copyOf(clusterList);
        }

        /**
         * {@code self}, or {@code from r1, next hop 10.77.0.2, originator 10.77.0.2, cluster list [10.77.0.100]}
         * followed by {@code , best} when {@code markBest} and the daemon chose this path.
         */
        String describe(boolean markBest) {
            return from.equals(SELF) ? SELF : "from " + from + ", next hop " + nextHop + ", originator " + originatorId
                    + ", cluster list " + clusterList + (markBest && best ? ", best" : "");
        }
    }

    /**
     * Prefix → the description of each of its paths, sorted: what {@link Holdings#await} compares. With
     * {@code markBest}, the path the daemon chose says so: where a prefix has a single path, that proves the daemon
     * found it usable (FRR and BIRD choose no path whose next hop they cannot resolve).
     */
    Map<String, List<String>> described(boolean markBest) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Seen seen : paths) {
            out.computeIfAbsent(seen.prefix(), p -> new ArrayList<>()).add(seen.describe(markBest));
        }
        out.values().forEach(list -> list.sort(null));
        return out;
    }

    /** Prefix → how many of its paths the daemon marks as best. */
    Map<String, Integer> bestCounts() {
        Map<String, Integer> out = new TreeMap<>();
        for (Seen seen : paths) {
            out.merge(seen.prefix(), seen.best() ? 1 : 0, Integer::sum);
        }
        return out;
    }

    /** {@code corvid show route --json}: the Loc-RIB's candidate paths; {@code from = local} is {@link #SELF}. */
    static PathsSeen of(CorvidProcess corvid, Map<String, String> names) {
        List<Seen> seen = new ArrayList<>();
        for (JsonNode route : corvid.routes()) {
            String prefix = route.path("prefix").asText();
            for (JsonNode path : route.path("paths")) {
                String from = path.path("from").asText();
                List<String> clusters = new ArrayList<>();
                path.path("cluster_list").forEach(id -> clusters.add(id.asText()));
                seen.add(new Seen(prefix, "local".equals(from) ? SELF : names.getOrDefault(from, from),
                        path.path("next_hop").asText(), path.path("originator_id").asText("-"), clusters,
                        path.path("best").asBoolean()));
            }
        }
        return kept(seen);
    }

    /**
     * {@code birdc show route all}: a BGP route is from its protocol; {@code BGP.next_hop} lists the global next hop
     * first (then the link-local one, for IPv6); any other route (static) is {@link #SELF}.
     */
    static PathsSeen of(Bird bird) {
        List<Seen> seen = new ArrayList<>();
        for (Bird.Route route : bird.routes()) {
            boolean bgp = route.attribute("BGP.next_hop").isPresent();
            seen.add(new Seen(route.prefix(), bgp ? route.protocol() : SELF,
                    route.attribute("BGP.next_hop").map(hops -> hops.split("\\s+")[0]).orElse("-"),
                    route.attribute("BGP.originator_id").orElse("-"),
                    route.attribute("BGP.cluster_list").map(ids -> Arrays.asList(ids.strip().split("\\s+")))
                            .orElse(List.of()),
                    route.primary()));
        }
        return kept(seen);
    }

    /**
     * {@code show bgp ipv4|ipv6 unicast json} for the prefixes, then {@code show bgp ... PREFIX json} for each: the
     * peer of each path (a {@code network} of FRR's own is {@code "local": true} and {@link #SELF}), its global next
     * hop, {@code originatorId} and {@code clusterList}, {@code bestpath.overall}.
     */
    static PathsSeen of(Frr frr, String afi, Map<String, String> names) {
        List<Seen> seen = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        frr.routes(afi).fieldNames().forEachRemaining(prefixes::add);
        for (String prefix : prefixes.stream().filter(PathsSeen::isPodBlock).toList()) {
            for (JsonNode path : frr.paths(prefix)) {
                String peer = path.path("peer").path("peerId").asText();
                String nextHop = "-";
                for (JsonNode hop : path.path("nexthops")) {
                    if (!"link-local".equals(hop.path("scope").asText())) {
                        nextHop = hop.path("ip").asText();
                        break;
                    }
                }
                List<String> clusters = new ArrayList<>();
                path.path("clusterList").path("list").forEach(id -> clusters.add(id.asText()));
                String from = path.path("local").asBoolean() ? SELF : names.getOrDefault(peer, peer);
                seen.add(new Seen(prefix, from, nextHop, path.path("originatorId").asText("-"), clusters,
                        path.path("bestpath").path("overall").asBoolean()));
            }
        }
        return kept(seen);
    }

    /**
     * {@code gobgp -j global rib -a ipv4|ipv6}: a path without a neighbor was added locally ({@link #SELF}); the next
     * hop is NEXT_HOP (type 3) or the one of MP_REACH_NLRI (type 14).
     */
    static PathsSeen of(GoBgp gobgp, String afi, Map<String, String> names) {
        List<Seen> seen = new ArrayList<>();
        gobgp.rib(afi).fields().forEachRemaining(entry -> {
            for (JsonNode path : entry.getValue()) {
                String neighbor = path.path("neighbor-ip").asText("");
                boolean own = neighbor.isEmpty();
                JsonNode nextHop = GoBgp.attribute(path, PathAttribute.NEXT_HOP);
                if (nextHop.isMissingNode()) {
                    nextHop = GoBgp.attribute(path, PathAttribute.MP_REACH_NLRI);
                }
                List<String> clusters = new ArrayList<>();
                GoBgp.attribute(path, PathAttribute.CLUSTER_LIST).path("value")
                        .forEach(id -> clusters.add(id.asText()));
                seen.add(new Seen(entry.getKey(), own ? SELF : names.getOrDefault(neighbor, neighbor),
                        nextHop.path("nexthop").asText("-"),
                        GoBgp.attribute(path, PathAttribute.ORIGINATOR_ID).path("value").asText("-"), clusters,
                        path.path("best").asBoolean()));
            }
        });
        return kept(seen);
    }

    private static PathsSeen kept(List<Seen> seen) {
        return new PathsSeen(seen.stream().filter(s -> isPodBlock(s.prefix())).toList());
    }

    private static boolean isPodBlock(String prefix) {
        return prefix.startsWith("10.244.") || prefix.startsWith("fd00:244:");
    }
}
