package dev.corvid.rib;

import dev.corvid.codec.nlri.Nlri;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * DOC: one source's Adj-RIB-In (RFC 4271 §3.2: "the unprocessed routing information that has been advertised to the
 * local BGP speaker by its peers"), keyed by prefix and RFC 7911 path id. Paths that RFC 7606 treats as withdrawn stay
 * here, visible and flagged ineligible, as OpenBGPD does, so that operators can see what a peer sent and why it is not
 * used. Obtained from {@link Rib#peerUp} or {@link Rib#local()}.
 *
 * <p>The paths themselves live in the {@link Rib}'s one prefix table, next to the paths of the other sources and the
 * Loc-RIB route, as BIRD keeps its routes: a change is one table lookup, marks the prefix for decision, and costs no
 * per-source map entry. This object is the source's view of that table plus its counters.
 */
public final class AdjRibIn {
    private final Rib rib;
    private final PathSource source;
    private final int bit;
    private int received;
    private int treatedAsWithdraw;
    private int unreachable;

    AdjRibIn(Rib rib, PathSource source) {
        this.rib = rib;
        this.source = source;
        this.bit = PrefixPaths.bit(source);
    }

    public PathSource source() {
        return source;
    }

    /**
     * RFC 4271 §9: a new route, or an implicit withdraw of the previous one for the same prefix and path id
     * ("Whenever the Adj-RIB-In changes, the Decision Process is invoked"). {@code attributes} are interned here.
     */
    public void announce(Nlri nlri, PathAttributes attributes) {
        put(nlri, attributes, false);
    }

    /**
     * RFC 7606 §2: "In this approach, the UPDATE message containing the path attribute in question MUST be treated
     * as though all contained routes had been withdrawn just as if they had been listed in the WITHDRAWN ROUTES
     * field". The route replaces any previous one but is kept as an ineligible path.
     */
    public void treatAsWithdraw(Nlri nlri, PathAttributes attributes) {
        put(nlri, attributes, true);
    }

    private void put(Nlri nlri, PathAttributes attributes, boolean treatAsWithdraw) {
        rib.thread().assertOwner();
        PathAttributes interned = rib.interner().intern(attributes);
        Path.Eligibility e = treatAsWithdraw ? Path.Eligibility.TREAT_AS_WITHDRAW : rib.resolve(source, interned);
        PrefixPaths entry = rib.table().getOrAdd(nlri);
        int at = entry.indexOf(source, bit, nlri.pathId());
        Path old = at < 0 ? null : entry.path(at);
        if (old != null && old.attributes() == interned && old.eligibility() == e) return;
        Path path = new Path(source, nlri.pathId() == 0 ? entry.nlri : nlri, interned, e, rib.now());
        rib.changing(entry);
        if (old == null) {
            entry.add(path, bit);
            received++;
        } else {
            entry.set(at, path);
            count(old, -1);
        }
        count(path, 1);
    }

    /** Withdraws the path of {@code nlri}; false when there was none. */
    public boolean withdraw(Nlri nlri) {
        rib.thread().assertOwner();
        PrefixPaths entry = rib.table().get(nlri.prefix());
        int at = entry == null ? -1 : entry.indexOf(source, bit, nlri.pathId());
        if (at < 0) return false;
        Path old = entry.path(at);
        rib.changing(entry);
        entry.removeAt(at);
        received--;
        count(old, -1);
        return true;
    }

    /**
     * This Adj-RIB-In takes over {@code old}'s paths, which become this source's (a peer's role changed): every
     * prefix it held is marked for decision, so that the export rules see the new source.
     */
    void takeOver(AdjRibIn old) {
        int left = old.received;
        for (PrefixPaths entry : rib.table().slots()) {
            if (left == 0) break;
            if (entry == null) continue;
            for (int i = 0; i < entry.size(); i++) {
                Path p = entry.path(i);
                if (p.source() != old.source) continue;
                rib.changing(entry);
                entry.set(i, new Path(source, p.nlri(), p.attributes(), p.eligibility(), p.receivedAt()), bit);
                left--;
            }
        }
        received = old.received;
        treatedAsWithdraw = old.treatedAsWithdraw;
        unreachable = old.unreachable;
        old.received = old.treatedAsWithdraw = old.unreachable = 0;
    }

    /** {@code old}, a path of this table, was replaced by {@code path} (after {@link Rib#nextHopsChanged()}). */
    void reresolved(Path old, Path path) {
        count(old, -1);
        count(path, 1);
    }

    /**
     * Empties this table (the session went down) and marks every prefix it held. The table is shared, so this is a
     * pass over every prefix the RIB holds, stopped once all of this source's paths are gone.
     */
    void clear() {
        int left = received;
        for (PrefixPaths entry : rib.table().slots()) {
            if (left == 0) break;
            if (entry == null) continue;
            for (int i = entry.size() - 1; i >= 0; i--) {
                if (entry.path(i).source() != source) continue;
                rib.changing(entry);
                entry.removeAt(i); // the last path takes index i, and has been looked at
                left--;
            }
        }
        received = 0;
        treatedAsWithdraw = 0;
        unreachable = 0;
    }

    private void count(Path p, int delta) {
        switch (p.eligibility()) {
            case ELIGIBLE -> { }
            case TREAT_AS_WITHDRAW -> treatedAsWithdraw += delta;
            case NEXT_HOP_UNREACHABLE -> unreachable += delta;
        }
    }

    public Optional<Path> path(Nlri nlri) {
        PrefixPaths entry = rib.table().get(nlri.prefix());
        int at = entry == null ? -1 : entry.indexOf(source, bit, nlri.pathId());
        return at < 0 ? Optional.empty() : Optional.of(entry.path(at));
    }

    /** Paths held, eligible or not (what operators know as "prefixes received"). */
    public int received() {
        return received;
    }

    /** Paths held that the decision process may select. */
    public int accepted() {
        return received - treatedAsWithdraw - unreachable;
    }

    /** Paths held that RFC 7606 treats as withdrawn. */
    public int treatedAsWithdraw() {
        return treatedAsWithdraw;
    }

    /** Paths held whose next hop does not resolve. */
    public int nextHopUnreachable() {
        return unreachable;
    }

    /**
     * Visits up to {@code budget} paths after {@code cursor}, in prefix and unsigned path-id order (see {@link
     * Cursor}). The walk goes through the RIB's prefixes in order, also those this source has no path to, so it is
     * meant for showing a table, not for a hot path.
     */
    public Cursor<Nlri> walk(Cursor<Nlri> cursor, int budget, Consumer<Path> visitor) {
        rib.thread().assertOwner();
        if (cursor.done()) return cursor;
        PrefixOrder order = rib.table().order();
        PrefixPaths[] sorted = order.sorted();
        Nlri after = cursor.after();
        Nlri last = after;
        int n = 0;
        for (int i = after == null ? 0 : order.search(after.prefix(), true); i < sorted.length; i++) {
            PrefixPaths entry = sorted[i];
            if (entry.removed) continue;
            boolean atCursor = after != null && entry.prefix().equals(after.prefix());
            long floor = atCursor ? Integer.toUnsignedLong(after.pathId()) : -1;
            for (Path p; (p = next(entry, floor)) != null; floor = Integer.toUnsignedLong(p.nlri().pathId())) {
                if (n++ == budget) return new Cursor<>(last, false);
                visitor.accept(p);
                last = p.nlri();
            }
        }
        return new Cursor<>(last, true);
    }

    /** This source's path to {@code entry} with the lowest unsigned path id above {@code floor} (-1: any), or null. */
    private Path next(PrefixPaths entry, long floor) {
        Path next = null;
        long nextId = Long.MAX_VALUE;
        for (int i = 0; i < entry.size(); i++) {
            Path p = entry.path(i);
            long id = Integer.toUnsignedLong(p.nlri().pathId());
            if (p.source() == source && id > floor && id < nextId) {
                next = p;
                nextId = id;
            }
        }
        return next;
    }

    @Override
    public String toString() {
        return "Adj-RIB-In of " + source + ": " + received() + " received, " + accepted() + " accepted";
    }
}
