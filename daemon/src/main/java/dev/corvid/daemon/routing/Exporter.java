package dev.corvid.daemon.routing;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Family;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.reflector.ExportOutcome;
import dev.corvid.reflector.ExportRules;
import dev.corvid.reflector.Policy;
import dev.corvid.reflector.UpdateGroup;
import dev.corvid.rib.Cursor;
import dev.corvid.rib.Delta;
import dev.corvid.rib.Path;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import dev.corvid.rib.Rib;
import dev.corvid.rib.Route;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DOC: the sending side of the RIB thread. Peers with equal {@link UpdateGroup} keys form a group with one
 * {@link GroupOut}; a Loc-RIB change is exported once per group ({@link ExportRules#toGroup}, remembered per
 * attribute set while the export policy does not look at prefixes), and each turn's changes are encoded once.
 *
 * <p>A new group fills its Adj-RIB-Out from the Loc-RIB by a budgeted walk, which reaches its members as ordinary
 * changes; a peer joining an existing group, or asking for a route refresh, is sent the group's Adj-RIB-Out by a
 * budgeted walk of its own. When both are over, it gets End-of-RIB (RFC 4724 §2), or after a refresh with RFC 7313
 * the End-of-Route-Refresh. With ADD-PATH send (RFC 7911), a group is sent every eligible path of a prefix, each
 * with a path identifier that stays the same while the path exists ({@link PathIds}).
 */
final class Exporter {
    /** Loc-RIB routes (group fill) or Adj-RIB-Out entries (member dump) visited per turn. */
    static final int WALK_BUDGET = 20_000;
    /**
     * The shortest time between two flushes of a group's changes: 20 ms, plus 50 µs per member from 400 members on
     * (each flush costs every member a write), at most 200 ms; and the number of changes that flush at once.
     */
    static final long FLUSH_INTERVAL_NANOS = 20_000_000, FLUSH_INTERVAL_PER_MEMBER_NANOS = 50_000,
            FLUSH_INTERVAL_MAX_NANOS = 200_000_000;
    static final int FLUSH_SIZE = 20_000;
    private static final List<Family> FAMILIES = List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

    private final Rib rib;
    private final ExportRules rules;
    private final Outbox outbox;
    private final ByteBufAllocator alloc;
    private final Map<UpdateGroup, Group> groups = new LinkedHashMap<>();
    private final PathIds pathIds = new PathIds();

    /** One update group: its key, its shared Adj-RIB-Out and its members. */
    static final class Group {
        final UpdateGroup key;
        final GroupOut out;
        final Map<InetAddress, Established> members = new LinkedHashMap<>();
        /** The walk of the Loc-RIB that fills a new group's Adj-RIB-Out, or null when done. */
        Cursor<Prefix> fill = Cursor.start();
        /** The last export computed (input attributes and source) and its result, while policy allows reuse. */
        private Export last;
        /** When changes were last flushed (System.nanoTime), if ever. */
        private long lastFlush;
        private boolean flushed;

        /** Nanoseconds from {@code now} until a flush is due (0: now). */
        long untilFlush(long now) {
            long interval = Math.clamp(members.size() * FLUSH_INTERVAL_PER_MEMBER_NANOS, FLUSH_INTERVAL_NANOS,
                    FLUSH_INTERVAL_MAX_NANOS);
            return flushed ? Math.max(0, interval - (now - lastFlush)) : 0;
        }

        Group(UpdateGroup key, GroupOut out) {
            this.key = key;
            this.out = out;
        }
    }

    private record Export(PathAttributes in, PathSource from, Afi afi, PathAttributes out) {}

    Exporter(Rib rib, ExportRules rules, Outbox outbox, ByteBufAllocator alloc) {
        this.rib = rib;
        this.rules = rules;
        this.outbox = outbox;
        this.alloc = alloc;
    }

    /** {@code peer} joins its group; it will get the group's routes, then End-of-RIB. */
    Group join(Established peer) {
        Group group = groups.get(peer.groupKey);
        if (group == null) {
            group = new Group(peer.groupKey, new GroupOut(peer.session.wire()));
            groups.put(peer.groupKey, group);
            peer.dump = null; // the group's fill reaches it as changes
        } else {
            peer.dump = group.out.walk();
        }
        group.members.put(peer.address(), peer);
        return group;
    }

    void leave(Established peer) {
        Group group = groups.get(peer.groupKey);
        if (group == null) return;
        group.members.remove(peer.address());
        if (group.members.isEmpty()) groups.remove(peer.groupKey);
    }

    /**
     * RFC 2918 §4 / RFC 7313 §4: the peer asks for our routes again. It gets its whole Adj-RIB-Out, framed by BoRR
     * and EoRR when enhanced route refresh was negotiated: "the BGP speaker MUST send a BoRR message ... before
     * re-advertising the Adj-RIB-Out", and "MUST send an EoRR message after it completes".
     */
    void refresh(Established peer, Family family) {
        if (peer.enhancedRefresh) outbox.send(peer.address(), new RouteRefresh(family, RouteRefresh.BEGINNING_OF_ROUTE_REFRESH));
        peer.dump = group(peer).out.walk();
        if (peer.enhancedRefresh) peer.endOfRefreshDue.add(family);
    }

    /**
     * Nanoseconds until there is work: 0 for a fill or a dump in progress, the time left until the next flush when
     * only changes wait, {@link Long#MAX_VALUE} when nothing does.
     */
    long nanosUntilWork(long now) {
        long next = Long.MAX_VALUE;
        for (Group g : groups.values()) {
            if (g.fill != null) return 0;
            for (Established m : g.members.values()) if (m.dump != null) return 0;
            if (g.out.hasPending()) next = Math.min(next, g.untilFlush(now));
        }
        return next;
    }

    /** A Loc-RIB change, to every group. */
    void changed(Delta delta) {
        for (Group g : groups.values()) export(g, delta.prefix(), delta.current().orElse(null));
    }

    /**
     * One turn at {@code now} (nanoseconds): fill new groups, send each group's changes when a flush is due, walk
     * member dumps, send End-of-RIB / EoRR. A group's changes are sent at most once per flush interval (unless
     * {@link #FLUSH_SIZE} of them wait): a burst of single-prefix UPDATEs (a thousand nodes announcing their blocks)
     * then costs each member one write per interval instead of one per UPDATE.
     */
    void turn(long now) {
        for (Group g : groups.values()) {
            if (g.fill == null) continue;
            g.fill = rib.locRib().walk(g.fill, WALK_BUDGET, route -> export(g, route.prefix(), route));
            if (g.fill.done()) g.fill = null;
        }
        for (Group g : groups.values()) {
            if (g.out.hasPending() && (g.untilFlush(now) == 0 || g.out.pendingCount() >= FLUSH_SIZE)) {
                g.lastFlush = now;
                g.flushed = true;
                g.out.flush(g.members.keySet(), alloc, outbox);
            }
            for (Established m : g.members.values()) {
                if (m.dump != null) dump(g, m);
                // The End-of-RIB follows everything of the initial update, changes waiting for a flush included.
                if (m.dump == null && g.fill == null && !g.out.hasPending()) finish(m);
            }
        }
    }

    private void finish(Established m) {
        if (m.endOfRibDue) {
            // RFC 4724 §2: "the End-of-RIB marker ... MUST be sent by a BGP speaker to its peer once it completes the
            // initial routing update (including the case when there is no update to send) for an address family
            // after the BGP session is established."
            m.endOfRibDue = false;
            for (Family f : FAMILIES) if (m.session.families().contains(f)) outbox.send(m.address(), Update.endOfRib(f));
        }
        for (Family f : m.endOfRefreshDue) outbox.send(m.address(), new RouteRefresh(f, RouteRefresh.END_OF_ROUTE_REFRESH));
        m.endOfRefreshDue.clear();
    }

    /** A slice of the group's Adj-RIB-Out to one member, encoded for it alone. */
    private void dump(Group g, Established m) {
        Encoded encoded = new Encoded(alloc, g.out.wire());
        if (g.out.dump(m.dump, WALK_BUDGET, m.address(), encoded)) m.dump = null;
        if (encoded.updates() > 0) {
            Encoded.Part part = encoded.partFor(m.address());
            outbox.sendEncoded(m.address(), part.chunks(), part.updates());
        }
        encoded.release();
    }

    /** What group {@code g} is sent for {@code prefix} now that its Loc-RIB route is {@code route} (null: none). */
    private void export(Group g, Prefix prefix, Route route) {
        Family family = Encoded.family(prefix.afi());
        if (!g.key.addPathSend().contains(family)) {
            GroupOut.Entry entry = route == null ? null : entry(g, route.best());
            g.out.set(Nlri.of(prefix), entry);
            return;
        }
        // RFC 7911 §3: "the Path Identifier ... is used to identify a path"; every eligible path is passed on.
        List<Path> paths = route == null ? List.of() : route.paths();
        int[] ids = pathIds.assign(prefix, paths);
        Map<Integer, GroupOut.Entry> entries = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            GroupOut.Entry entry = entry(g, paths.get(i));
            if (entry != null) entries.put(ids[i], entry);
        }
        g.out.replace(prefix, entries);
    }

    /** The entry {@code p} is sent with to group {@code g}, or null when it is not sent. */
    private GroupOut.Entry entry(Group g, Path p) {
        PathAttributes attributes = exported(g, p);
        return attributes == null ? null : new GroupOut.Entry(attributes, p.source());
    }

    private PathAttributes exported(Group g, Path p) {
        Afi afi = p.nlri().prefix().afi();
        Export last = g.last;
        if (last != null && last.in() == p.attributes() && last.from().equals(p.source()) && last.afi() == afi) {
            return last.out();
        }
        PathAttributes out = switch (rules.toGroup(p, g.key)) {
            case ExportOutcome.Advertise a -> rib.interner().intern(a.attributes());
            case ExportOutcome.Suppress _ -> null;
        };
        // A prefix list makes the outcome depend on the prefix, so nothing is reused then.
        boolean prefixBlind = g.key.exportPolicy().map(policy -> !(policy instanceof Policy.PrefixList)).orElse(true);
        g.last = prefixBlind ? new Export(p.attributes(), p.source(), afi, out) : null;
        return out;
    }

    /** The group a member is in (for {@code show route --table adj-out} and the counts). */
    Group group(Established peer) {
        return Objects.requireNonNull(groups.get(peer.groupKey), "a member's group");
    }
}
