package dev.corvid.rib;

import dev.corvid.codec.nlri.Prefix;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * DOC: the Loc-RIB (RFC 4271 §3.2: "the routes that have been selected by the local BGP speaker's Decision
 * Process"), one {@link Route} per prefix in prefix order. Only {@link Rib#decide} writes it.
 */
public final class LocRib {
    private final TreeMap<Prefix, Route> routes = new TreeMap<>();
    private final RibThread thread;

    LocRib(RibThread thread) {
        this.thread = thread;
    }

    public Optional<Route> route(Prefix prefix) {
        return Optional.ofNullable(routes.get(prefix));
    }

    public int size() {
        return routes.size();
    }

    Route get(Prefix prefix) {
        return routes.get(prefix);
    }

    void put(Route route) {
        thread.assertOwner();
        routes.put(route.prefix(), route);
    }

    void remove(Prefix prefix) {
        thread.assertOwner();
        routes.remove(prefix);
    }

    /**
     * Visits up to {@code budget} routes after {@code cursor}, in prefix order, and says where to go on. A peer-up
     * dump calls this repeatedly, a slice per turn of the RIB thread, between other work.
     */
    public Cursor<Prefix> walk(Cursor<Prefix> cursor, int budget, Consumer<Route> visitor) {
        thread.assertOwner();
        if (cursor.done()) return cursor;
        NavigableMap<Prefix, Route> rest = cursor.after() == null ? routes : routes.tailMap(cursor.after(), false);
        Prefix last = cursor.after();
        int n = 0;
        for (Map.Entry<Prefix, Route> e : rest.entrySet()) {
            if (n++ == budget) return new Cursor<>(last, false);
            visitor.accept(e.getValue());
            last = e.getKey();
        }
        return new Cursor<>(last, true);
    }
}
