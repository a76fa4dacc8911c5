package dev.corvid.daemon.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.codec.attribute.AsPathSegment;
import dev.corvid.codec.attribute.LargeCommunity;
import dev.corvid.codec.nlri.Ipv6Text;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.daemon.decode.ExtendedCommunityText;
import dev.corvid.rib.AdjRibIn;
import dev.corvid.rib.Comparison;
import dev.corvid.rib.Cursor;
import dev.corvid.rib.Decision;
import dev.corvid.rib.Path;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import dev.corvid.rib.Rib;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DOC: {@code show route} as JSON, with the field names of PRODUCT.md: a list of {@code {prefix, paths}}, each path
 * with {@code from}, {@code next_hop}, {@code as_path}, {@code origin}, {@code local_pref}, {@code med},
 * {@code communities}, {@code large_communities}, {@code extended_communities}, {@code originator_id},
 * {@code cluster_list}, {@code best} and {@code reason} (why the best won, or why this one lost, from
 * {@link Rib#explain}); adj-out paths add {@code to}. Runs on the RIB thread. The walk is one piece, not budgeted:
 * a {@code show route} of a very large table holds the RIB thread for its duration.
 */
final class RouteJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RouteJson() {}

    static JsonNode routes(RoutingState state, RouteQuery query) {
        Map<Prefix, ArrayNode> out = new TreeMap<>();
        switch (query.table()) {
            case LOC -> loc(state.rib(), query, out);
            case ADJ_IN -> adjIn(state, query, out);
            case ADJ_OUT -> adjOut(state, query, out);
        }
        ArrayNode list = JSON.arrayNode();
        out.forEach((prefix, paths) -> list.addObject().put("prefix", prefix.toString()).set("paths", paths));
        return list;
    }

    private static void loc(Rib rib, RouteQuery query, Map<Prefix, ArrayNode> out) {
        List<Prefix> prefixes = new ArrayList<>();
        if (query.prefix().isPresent()) {
            prefixes.add(query.prefix().get()); // its candidates even when none is selected
        } else {
            rib.locRib().walk(Cursor.start(), Integer.MAX_VALUE, r -> {
                if (query.matches(r.prefix())) prefixes.add(r.prefix());
            });
        }
        for (Prefix prefix : prefixes) {
            Decision d = rib.explain(prefix);
            for (int i = 0; i < d.ranked().size(); i++) {
                Path p = d.ranked().get(i);
                if (query.peer().isPresent() && !from(p.source(), query.peer().get())) continue;
                boolean best = i == 0 && d.eligibleCount() > 0;
                out.computeIfAbsent(prefix, _ -> JSON.arrayNode()).add(path(p.source(), p.attributes())
                        .put("best", best).put("reason", reason(d, p, best)));
            }
        }
    }

    private static void adjIn(RoutingState state, RouteQuery query, Map<Prefix, ArrayNode> out) {
        Rib rib = state.rib();
        List<AdjRibIn> tables = new ArrayList<>();
        if (query.peer().isPresent()) {
            rib.adjRibIn(query.peer().get()).ifPresent(tables::add);
        } else {
            tables.add(rib.local());
            tables.addAll(rib.peers());
        }
        for (AdjRibIn table : tables) {
            table.walk(Cursor.start(), Integer.MAX_VALUE, p -> {
                Prefix prefix = p.nlri().prefix();
                if (!query.matches(prefix)) return;
                boolean best = rib.locRib().route(prefix).map(r -> r.best().equals(p)).orElse(false);
                out.computeIfAbsent(prefix, _ -> JSON.arrayNode()).add(path(p.source(), p.attributes())
                        .put("best", best).put("reason", p.eligible() ? (best ? "best" : "") : ineligible(p)));
            });
        }
    }

    private static void adjOut(RoutingState state, RouteQuery query, Map<Prefix, ArrayNode> out) {
        for (RoutingState.Established peer : state.established()) {
            if (query.peer().isPresent() && !query.peer().get().equals(peer.address())) continue;
            state.adjRibOut(peer).entries().forEach((nlri, entry) -> {
                Prefix prefix = nlri.prefix();
                if (!query.matches(prefix) || peer.address().equals(entry.peer())) return; // split horizon
                ObjectNode path = path(entry.from(), entry.attributes()).put("to", text(peer.address()));
                if (nlri.pathId() != 0) path.put("path_id", Integer.toUnsignedLong(nlri.pathId()));
                out.computeIfAbsent(prefix, _ -> JSON.arrayNode())
                        .add(path.put("best", true).put("reason", "advertised"));
            });
        }
    }

    private static boolean from(PathSource source, InetAddress peer) {
        return source instanceof PathSource.Peer p && p.address().equals(peer);
    }

    /** Why {@code p} is the best (against the runner-up), or why it lost and to which path. */
    static String reason(Decision d, Path p, boolean best) {
        if (!p.eligible()) return ineligible(p);
        if (best) {
            if (d.eligibleCount() < 2) return "only path";
            Path second = d.ranked().get(1);
            for (Comparison c : d.comparisons()) {
                if (c.loser().equals(second)) return c.reason().label() + " than " + c.loser().source();
            }
            return "best";
        }
        for (Comparison c : d.comparisons()) {
            if (c.loser().equals(p)) return "lost to " + c.winner().source() + ": " + c.reason().label();
        }
        return "";
    }

    private static String ineligible(Path p) {
        return switch (p.eligibility()) {
            case ELIGIBLE -> "";
            case TREAT_AS_WITHDRAW -> "not eligible: treat-as-withdraw (RFC 7606)";
            case NEXT_HOP_UNREACHABLE -> "not eligible: next hop unreachable";
        };
    }

    static ObjectNode path(PathSource source, PathAttributes a) {
        ObjectNode node = JSON.objectNode();
        node.put("from", switch (source) {
            case PathSource.Peer p -> text(p.address());
            case PathSource.Local _ -> "local";
        });
        node.put("next_hop", text(a.nextHop()));
        ArrayNode path = node.putArray("as_path");
        for (AsPathSegment s : a.asPath().segments()) {
            if (s.type() == AsPathSegment.Type.AS_SEQUENCE) s.asns().forEach(path::add);
            else s.asns().forEach(path.addArray()::add); // a set (or confederation segment) as a nested list
        }
        node.put("origin", a.origin().label());
        if (a.localPref().isPresent()) node.put("local_pref", a.localPref().getAsLong());
        else node.putNull("local_pref");
        if (a.med().isPresent()) node.put("med", a.med().getAsLong());
        else node.putNull("med");
        ArrayNode communities = node.putArray("communities");
        a.communities().forEach(c -> communities.add((c >>> 16) + ":" + (c & 0xFFFF)));
        ArrayNode large = node.putArray("large_communities");
        a.largeCommunities().ifPresent(l -> l.values().stream().map(LargeCommunity::toString).forEach(large::add));
        ArrayNode extended = node.putArray("extended_communities");
        a.extendedCommunities().forEach(c -> extended.add(ExtendedCommunityText.format(c)));
        node.put("originator_id", a.originatorId().map(InetAddress::getHostAddress).orElse(null));
        ArrayNode clusters = node.putArray("cluster_list");
        a.clusterList().forEach(c -> clusters.add(c.getHostAddress()));
        return node;
    }

    private static String text(InetAddress address) {
        return address instanceof Inet6Address v6 ? Ipv6Text.format(v6.getAddress()) : address.getHostAddress();
    }
}
