package dev.corvid.rib;

import dev.corvid.codec.nlri.Nlri;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * DOC: one source's Adj-RIB-In (RFC 4271 §3.2: "the unprocessed routing information that has been advertised to the
 * local BGP speaker by its peers"), keyed by prefix and RFC 7911 path id. Paths that RFC 7606 treats as withdrawn stay
 * here, visible and flagged ineligible, as OpenBGPD does, so that operators can see what a peer sent and why it is not
 * used. Every change also updates the per-prefix candidate list of the {@link Rib} and marks the prefix for decision.
 * Obtained from {@link Rib#peerUp} or {@link Rib#local()}.
 */
public final class AdjRibIn {
    /** Prefix order, then unsigned path id: the order of {@link #walk}. */
    static final Comparator<Nlri> ORDER = Comparator.comparing(Nlri::prefix)
            .thenComparing(Nlri::pathId, Integer::compareUnsigned);

    private final Rib rib;
    private final PathSource source;
    private final TreeMap<Nlri, Path> paths = new TreeMap<>(ORDER);
    private int treatedAsWithdraw;
    private int unreachable;

    AdjRibIn(Rib rib, PathSource source) {
        this.rib = rib;
        this.source = source;
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
        Path old = paths.get(nlri);
        if (old != null && old.attributes() == interned && old.eligibility() == e) return;
        Path path = new Path(source, nlri, interned, e, rib.now());
        paths.put(nlri, path);
        count(old, -1);
        count(path, 1);
        rib.replaced(old, path);
    }

    /** Withdraws the path of {@code nlri}; false when there was none. */
    public boolean withdraw(Nlri nlri) {
        rib.thread().assertOwner();
        Path old = paths.remove(nlri);
        if (old == null) return false;
        count(old, -1);
        rib.removed(old);
        return true;
    }

    /** Re-checks next hops (after {@link Rib#nextHopsChanged()}); treat-as-withdraw paths stay as they are. */
    void reresolve() {
        for (Map.Entry<Nlri, Path> entry : paths.entrySet()) {
            Path old = entry.getValue();
            if (old.eligibility() == Path.Eligibility.TREAT_AS_WITHDRAW) continue;
            Path path = old.withEligibility(rib.resolve(source, old.attributes()));
            if (path == old) continue;
            entry.setValue(path);
            count(old, -1);
            count(path, 1);
            rib.replaced(old, path);
        }
    }

    /** Empties this table (the session went down); the Rib marks every prefix it held. */
    void clear() {
        for (Path p : paths.values()) rib.removed(p);
        paths.clear();
        treatedAsWithdraw = 0;
        unreachable = 0;
    }

    private void count(Path p, int delta) {
        if (p == null) return;
        switch (p.eligibility()) {
            case ELIGIBLE -> { }
            case TREAT_AS_WITHDRAW -> treatedAsWithdraw += delta;
            case NEXT_HOP_UNREACHABLE -> unreachable += delta;
        }
    }

    public Optional<Path> path(Nlri nlri) {
        return Optional.ofNullable(paths.get(nlri));
    }

    /** Paths held, eligible or not (what operators know as "prefixes received"). */
    public int received() {
        return paths.size();
    }

    /** Paths held that the decision process may select. */
    public int accepted() {
        return paths.size() - treatedAsWithdraw - unreachable;
    }

    /** Paths held that RFC 7606 treats as withdrawn. */
    public int treatedAsWithdraw() {
        return treatedAsWithdraw;
    }

    /** Paths held whose next hop does not resolve. */
    public int nextHopUnreachable() {
        return unreachable;
    }

    /** Visits up to {@code budget} paths after {@code cursor}, in prefix and path-id order (see {@link Cursor}). */
    public Cursor<Nlri> walk(Cursor<Nlri> cursor, int budget, Consumer<Path> visitor) {
        rib.thread().assertOwner();
        if (cursor.done()) return cursor;
        NavigableMap<Nlri, Path> rest = cursor.after() == null ? paths : paths.tailMap(cursor.after(), false);
        Nlri last = cursor.after();
        int n = 0;
        for (Map.Entry<Nlri, Path> e : rest.entrySet()) {
            if (n++ == budget) return new Cursor<>(last, false);
            visitor.accept(e.getValue());
            last = e.getKey();
        }
        return new Cursor<>(last, true);
    }

    @Override
    public String toString() {
        return "Adj-RIB-In of " + source + ": " + received() + " received, " + accepted() + " accepted";
    }
}
