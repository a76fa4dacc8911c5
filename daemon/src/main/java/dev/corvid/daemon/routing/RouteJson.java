package dev.corvid.daemon.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.codec.attribute.AsPathSegment;
import dev.corvid.codec.attribute.LargeCommunity;
import dev.corvid.codec.nlri.Ipv6Text;
import dev.corvid.codec.nlri.Nlri;
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
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * DOC: {@code show route} as JSON, with the field names of PRODUCT.md: a list of {@code {prefix, paths}}, each path
 * with {@code from}, {@code next_hop}, {@code as_path}, {@code origin}, {@code local_pref}, {@code med},
 * {@code communities}, {@code large_communities}, {@code extended_communities}, {@code originator_id},
 * {@code cluster_list}, {@code best} and {@code reason} (why the best won, or why this one lost, from
 * {@link Rib#explain}), and {@code stale}: the path is kept from a peer's previous session through its RFC 4724
 * graceful restart ({@link RestartingPeers}); adj-out paths add {@code to} (and {@code path_id} with ADD-PATH).
 *
 * <p>Runs on the RIB thread as a budgeted walk (DESIGN.md): {@link #advance} visits at most a budget of routes per
 * turn, so a {@code show route} of a full table never stalls the sessions' routing. The tables may change between
 * two slices; each route is shown as it was when the walk reached it.
 */
final class RouteJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final RoutingState state;
    private final RouteQuery query;
    private final Map<Prefix, ArrayNode> out = new TreeMap<>();
    /** Loc-RIB: the walk's position, null when not walking it. */
    private Cursor<Prefix> loc;
    /** Adj-RIB-In: the tables left, the first being walked from {@link #inCursor}. */
    private final ArrayDeque<AdjRibIn> tablesLeft = new ArrayDeque<>();
    private Cursor<Nlri> inCursor = Cursor.start();
    /** Adj-RIB-Out: the peers left, the first being walked by {@link #outWalk}. */
    private final ArrayDeque<InetAddress> peersLeft = new ArrayDeque<>();
    private GroupOut.Walk outWalk;

    RouteJson(RoutingState state, RouteQuery query) {
        this.state = state;
        this.query = query;
        Rib rib = state.rib();
        switch (query.table()) {
            case LOC -> {
                if (query.prefix().isPresent()) {
                    loc(query.prefix().get()); // its candidates even when none is selected
                } else {
                    loc = Cursor.start();
                }
            }
            case ADJ_IN -> {
                if (query.peer().isPresent()) {
                    rib.adjRibIn(query.peer().get()).ifPresent(tablesLeft::add);
                } else {
                    tablesLeft.add(rib.local());
                    tablesLeft.addAll(rib.peers());
                }
            }
            case ADJ_OUT -> {
                for (Established peer : state.established()) {
                    if (query.peer().isEmpty() || query.peer().get().equals(peer.address())) peersLeft.add(peer.address());
                }
            }
        }
    }

    /** Walks on for about {@code budget} routes or paths; true when the answer is complete ({@link #result}). */
    boolean advance(int budget) {
        if (loc != null) {
            loc = state.rib().locRib().walk(loc, budget, r -> {
                if (query.matches(r.prefix())) loc(r.prefix());
            });
            if (loc.done()) loc = null;
            return loc == null;
        }
        if (!tablesLeft.isEmpty()) {
            inCursor = tablesLeft.peek().walk(inCursor, budget, this::adjIn);
            if (inCursor.done()) {
                tablesLeft.poll();
                inCursor = Cursor.start();
            }
            return tablesLeft.isEmpty();
        }
        if (!peersLeft.isEmpty()) {
            adjOut(peersLeft.peek(), budget);
            return peersLeft.isEmpty();
        }
        return true;
    }

    JsonNode result() {
        ArrayNode list = JSON.arrayNode();
        out.forEach((prefix, paths) -> list.addObject().put("prefix", prefix.toString()).set("paths", paths));
        return list;
    }

    private void loc(Prefix prefix) {
        Decision d = state.rib().explain(prefix);
        for (int i = 0; i < d.ranked().size(); i++) {
            Path p = d.ranked().get(i);
            if (query.peer().isPresent() && !from(p.source(), query.peer().get())) continue;
            boolean best = i == 0 && d.eligibleCount() > 0;
            out.computeIfAbsent(prefix, _ -> JSON.arrayNode()).add(path(p.source(), p.attributes())
                    .put("best", best).put("reason", reason(d, p, best)).put("stale", stale(p.source(), p.nlri())));
        }
    }

    private void adjIn(Path p) {
        Prefix prefix = p.nlri().prefix();
        if (!query.matches(prefix)) return;
        boolean best = state.rib().locRib().route(prefix).map(r -> r.best().equals(p)).orElse(false);
        out.computeIfAbsent(prefix, _ -> JSON.arrayNode()).add(path(p.source(), p.attributes())
                .put("best", best).put("reason", p.eligible() ? (best ? "best" : "") : ineligible(p))
                .put("stale", stale(p.source(), p.nlri())));
    }

    private void adjOut(InetAddress address, int budget) {
        Optional<Established> peer = state.established(address);
        if (peer.isEmpty()) { // its session went down meanwhile
            peersLeft.poll();
            outWalk = null;
            return;
        }
        GroupOut adjRibOut = state.adjRibOut(peer.get());
        if (outWalk == null) outWalk = adjRibOut.walk();
        boolean done = adjRibOut.advance(outWalk, budget, (nlri, entry) -> {
            if (!query.matches(nlri.prefix()) || address.equals(entry.peer())) return; // split horizon
            ObjectNode path = path(entry.from(), entry.attributes()).put("to", text(address));
            if (nlri.pathId() != 0) path.put("path_id", Integer.toUnsignedLong(nlri.pathId()));
            // The entry keeps the source, not the source's path identifier: a stale path received with ADD-PATH
            // shows as not stale here (adj-in and loc show it right).
            out.computeIfAbsent(nlri.prefix(), _ -> JSON.arrayNode()).add(path.put("best", true)
                    .put("reason", "advertised").put("stale", stale(entry.from(), Nlri.of(nlri.prefix()))));
        });
        if (done) {
            peersLeft.poll();
            outWalk = null;
        }
    }

    /** RFC 4724 §4.2: kept from the previous session of a restarting peer. */
    private boolean stale(PathSource source, Nlri nlri) {
        return source instanceof PathSource.Peer p
                && state.restarting().stale(p.address(), Encoded.family(nlri.prefix().afi()), nlri);
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
        node.put("atomic_aggregate", a.atomicAggregate());
        a.aggregator().ifPresent(g -> node.put("aggregator", g.asn() + " " + g.address().getHostAddress()));
        a.otc().ifPresent(o -> node.put("otc", o.asn()));
        // Unknown optional transitive attributes, passed on with the Partial bit (RFC 4271 §5).
        ArrayNode unknown = node.putArray("unknown");
        a.unknown().forEach(u -> unknown.addObject().put("type_code", u.typeCode())
                .put("flags", String.format("0x%02x", u.flags())).put("value", u.value().hex()));
        return node;
    }

    private static String text(InetAddress address) {
        return address instanceof Inet6Address v6 ? Ipv6Text.format(v6.getAddress()) : address.getHostAddress();
    }
}
