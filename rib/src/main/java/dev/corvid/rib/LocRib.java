package dev.corvid.rib;

import dev.corvid.codec.Afi;
import dev.corvid.codec.nlri.Prefix;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * DOC: the Loc-RIB (RFC 4271 §3.2: "the routes that have been selected by the local BGP speaker's Decision
 * Process"), one {@link Route} per prefix, walked in prefix order. The routes are kept in the {@link Rib}'s prefix
 * table as the paths they were selected from, in preference order; a {@link Route} handed out is made for the caller
 * (equal to, not the same object as, the one of the {@link Delta} that brought it). Only {@link Rib#decide} changes
 * them.
 */
public final class LocRib {
    private final PrefixTable table;
    private final RibThread thread;
    private int size;
    private int ipv6;

    LocRib(PrefixTable table, RibThread thread) {
        this.table = table;
        this.thread = thread;
    }

    public Optional<Route> route(Prefix prefix) {
        PrefixPaths entry = table.get(prefix);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.current());
    }

    public int size() {
        return size;
    }

    /** Routes of one address family. */
    public int size(Afi afi) {
        return afi == Afi.IPV6 ? ipv6 : size - ipv6;
    }

    /** The route of a prefix went from {@code before} to {@code after} (either may be null). */
    void changed(Route before, Route after) {
        int change = (after == null ? 0 : 1) - (before == null ? 0 : 1);
        size += change;
        Route any = after != null ? after : before;
        if (any != null && any.prefix().afi() == Afi.IPV6) ipv6 += change;
    }

    /**
     * Visits up to {@code budget} routes after {@code cursor}, in prefix order, and says where to go on. A peer-up
     * dump calls this repeatedly, a slice per turn of the RIB thread, between other work.
     */
    public Cursor<Prefix> walk(Cursor<Prefix> cursor, int budget, Consumer<Route> visitor) {
        thread.assertOwner();
        if (cursor.done()) return cursor;
        PrefixOrder order = table.order();
        PrefixPaths[] sorted = order.sorted();
        Prefix last = cursor.after();
        int n = 0;
        for (int i = last == null ? 0 : order.search(last, false); i < sorted.length; i++) {
            Route route = sorted[i].current(); // null for a removed entry too
            if (route == null) continue;
            if (n++ == budget) return new Cursor<>(last, false);
            visitor.accept(route);
            last = route.prefix();
        }
        return new Cursor<>(last, true);
    }
}
