package dev.corvid.daemon.routing;

import dev.corvid.codec.Family;
import dev.corvid.codec.message.Update;
import dev.corvid.rib.Delta;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DOC: the RIB thread's side of the kernel export. It collects each turn's Loc-RIB changes as {@link FibRoute}s and
 * hands them to the {@link Fib} at the end of the turn, and it decides when the RIB is <em>synced</em>: when routes
 * that corvid installed before a restart and nobody announces any more may be deleted. Deleting them earlier would
 * pull routes the peers are about to announce again (a restart must not delete and re-add a route that stays).
 *
 * <p>Synced is the first moment, with no decision pending, at which every configured peer (not the ranges', which
 * may never come) is Established and has either sent End-of-RIB for each of its families (RFC 4724 §2) or has been
 * up for {@link #SETTLE} and silent for {@link #QUIET} (not every speaker sends End-of-RIB without graceful restart);
 * or at the latest {@link #DEADLINE} after the start, whatever the peers do.
 */
final class FibFeed {
    static final Duration SETTLE = Duration.ofSeconds(2);
    static final Duration QUIET = Duration.ofSeconds(1);
    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** How often the sync condition is looked at while it is not met. */
    private static final long CHECK_NANOS = Duration.ofMillis(100).toNanos();

    /** What is known of a configured peer's initial table. */
    private static final class Progress {
        long upAt = -1;
        long lastUpdateAt;
        Set<Family> endOfRibDue = Set.of();
    }

    /** Distinct next-hop lists shared between routes at most (about one per peer and ECMP set). */
    private static final int HOP_LISTS = 4096;

    private final Fib fib;
    private final long start;
    /**
     * One list object per distinct set of next hops, which every route with that set shares: a million routes from
     * a few peers then hold a few lists, not a million (the kernel thread keeps them until the routes go).
     */
    private final Map<List<InetAddress>, List<InetAddress>> hopLists = new HashMap<>();
    private final Map<InetAddress, Progress> configured = new HashMap<>();
    private List<FibRoute> changes = new ArrayList<>();
    private boolean synced;

    FibFeed(Fib fib, List<InetAddress> configuredPeers, long startNanos) {
        this.fib = fib;
        this.start = startNanos;
        for (InetAddress a : configuredPeers) configured.put(a, new Progress());
    }

    void changed(Delta delta) {
        FibRoute route = FibRoute.of(delta);
        if (hopLists.size() >= HOP_LISTS) hopLists.clear();
        List<InetAddress> shared = hopLists.putIfAbsent(route.nextHops(), route.nextHops());
        changes.add(shared == null ? route : new FibRoute(route.prefix(), shared));
    }

    void peerUp(InetAddress peer, Set<Family> families, long now) {
        Progress p = configured.get(peer);
        if (p == null) return;
        p.upAt = now;
        p.lastUpdateAt = now;
        p.endOfRibDue = new HashSet<>(families);
    }

    void peerDown(InetAddress peer) {
        Progress p = configured.get(peer);
        if (p != null) p.upAt = -1;
    }

    void received(InetAddress peer, Update update, long now) {
        Progress p = configured.get(peer);
        if (p == null) return;
        p.lastUpdateAt = now;
        update.endOfRib().ifPresent(p.endOfRibDue::remove);
    }

    boolean synced() {
        return synced;
    }

    /** The end of a turn: the changes go to the kernel; {@code settled}: no decision is pending. */
    void turnEnded(boolean settled, long now) {
        boolean newlySynced = !synced && settled && ready(now);
        if (newlySynced) synced = true;
        if (changes.isEmpty() && !newlySynced) return;
        fib.submit(changes, synced);
        changes = new ArrayList<>();
    }

    /** Nanoseconds until the sync condition should be looked at again ({@link Long#MAX_VALUE}: never again). */
    long nanosUntilCheck() {
        return synced ? Long.MAX_VALUE : CHECK_NANOS;
    }

    private boolean ready(long now) {
        if (now - start >= DEADLINE.toNanos()) return true;
        for (Progress p : configured.values()) {
            if (p.upAt < 0) return false;
            boolean quiet = now - p.upAt >= SETTLE.toNanos() && now - p.lastUpdateAt >= QUIET.toNanos();
            if (!p.endOfRibDue.isEmpty() && !quiet) return false;
        }
        return true;
    }
}
