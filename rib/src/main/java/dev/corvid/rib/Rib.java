package dev.corvid.rib;

import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * DOC: all routing state of one corvid — the Adj-RIBs-In, the per-prefix candidates, the {@link LocRib} and the
 * {@link AttributeInterner} — owned by the thread that constructs it (DESIGN.md: "one RIB thread owns all routing
 * state"). Every mutating method checks the calling thread.
 *
 * <p>Changes to an Adj-RIB-In do not run the decision process at once; they mark the prefix dirty. {@link #decide}
 * then runs the decision once per dirty prefix, so ten updates of one prefix between two calls cost one decision
 * and yield at most one {@link Delta}. The RIB thread's loop is: drain (a bounded slice of) the peers' queues into
 * the Adj-RIBs-In, {@code decide(budget)}, hand the deltas to the reflector and the kernel exporter, repeat.
 */
public final class Rib {
    private final RibThread thread = RibThread.current();
    private final AttributeInterner interner = new AttributeInterner(thread);
    private final DecisionProcess decision;
    private final NextHopResolver resolver;
    private final LongSupplier clock;
    private final Map<InetAddress, AdjRibIn> peers = new HashMap<>();
    private final AdjRibIn local = new AdjRibIn(this, PathSource.LOCAL);
    private final Map<Prefix, PrefixPaths> candidates = new HashMap<>();
    private final ArrayDeque<PrefixPaths> dirty = new ArrayDeque<>();
    private final LocRib locRib = new LocRib(thread);

    /**
     * @param decision the decision process (its default LOCAL_PREF and ECMP maximum)
     * @param resolver whether next hops are reachable
     * @param clock    milliseconds for {@link Path#receivedAt()}
     */
    public Rib(DecisionProcess decision, NextHopResolver resolver, LongSupplier clock) {
        this.decision = decision;
        this.resolver = resolver;
        this.clock = clock;
    }

    public RibThread thread() {
        return thread;
    }

    /** The interner every attribute set entering the RIB goes through; the reflector interns its export sets here. */
    public AttributeInterner interner() {
        return interner;
    }

    public LocRib locRib() {
        return locRib;
    }

    public DecisionProcess decisionProcess() {
        return decision;
    }

    /** A new, empty Adj-RIB-In for a peer whose session just reached Established. */
    public AdjRibIn peerUp(PathSource.Peer peer) {
        thread.assertOwner();
        if (peers.containsKey(peer.address())) {
            throw new IllegalStateException(peer + " is already up; call peerDown first");
        }
        AdjRibIn in = new AdjRibIn(this, peer);
        peers.put(peer.address(), in);
        return in;
    }

    /**
     * The session to {@code address} went down: RFC 4271 §8.2.2 "deletes all routes associated with this
     * connection". Every prefix it announced is marked for decision.
     *
     * @return false when no such peer was up
     */
    public boolean peerDown(InetAddress address) {
        thread.assertOwner();
        AdjRibIn in = peers.remove(address);
        if (in == null) return false;
        in.clear();
        return true;
    }

    public Optional<AdjRibIn> adjRibIn(InetAddress peer) {
        return Optional.ofNullable(peers.get(peer));
    }

    /** The peers that are up, in no particular order. */
    public Collection<AdjRibIn> peers() {
        return Collections.unmodifiableCollection(peers.values());
    }

    /** The Adj-RIB-In of the paths this node originates (its pod blocks, kernel routes). */
    public AdjRibIn local() {
        return local;
    }

    /**
     * The next-hop resolver's answers may have changed (e.g. a kernel route came or went): every path is checked
     * again and the prefixes whose paths became eligible or ineligible are marked for decision.
     */
    public void nextHopsChanged() {
        thread.assertOwner();
        for (AdjRibIn in : peers.values()) in.reresolve();
    }

    /** Every path to {@code prefix}, from all Adj-RIBs-In, in no particular order. */
    public List<Path> paths(Prefix prefix) {
        PrefixPaths p = candidates.get(prefix);
        return p == null ? List.of() : p.list();
    }

    /** The decision for {@code prefix} with the reasons, for {@code show route}. */
    public Decision explain(Prefix prefix) {
        return decision.explain(paths(prefix));
    }

    /** Prefixes waiting for {@link #decide}. */
    public int dirtyCount() {
        return dirty.size();
    }

    /** Runs the decision for every dirty prefix. */
    public List<Delta> decide() {
        return decide(Integer.MAX_VALUE);
    }

    /**
     * Runs the decision for at most {@code budget} dirty prefixes, oldest first, and returns how the Loc-RIB changed.
     * Prefixes whose route came out the same yield no delta.
     */
    public List<Delta> decide(int budget) {
        thread.assertOwner();
        List<Delta> deltas = new ArrayList<>(Math.min(budget, dirty.size()));
        for (int n = 0; n < budget && !dirty.isEmpty(); n++) {
            PrefixPaths entry = dirty.poll();
            entry.dirty = false;
            Route before = locRib.get(entry.prefix);
            Route after = route(entry, before);
            if (entry.size() == 0) candidates.remove(entry.prefix);
            if (after == before) continue;
            if (after == null) locRib.remove(entry.prefix);
            else locRib.put(after);
            deltas.add(new Delta(entry.prefix, Optional.ofNullable(before), Optional.ofNullable(after)));
        }
        return deltas;
    }

    /** The new route of {@code entry}: {@code before} itself when nothing changed, null when there is none. */
    private Route route(PrefixPaths entry, Route before) {
        if (entry.size() == 0) return null;
        if (entry.size() == 1) { // the common case, without the general machinery
            Path only = entry.first();
            if (!only.eligible()) return null;
            if (before != null && before.paths().size() == 1 && before.best().equals(only)) return before;
            return new Route(entry.prefix, List.of(only), 1);
        }
        Decision d = decision.rank(entry.list());
        if (d.eligibleCount() == 0) return null;
        List<Path> eligible = d.eligibleCount() == d.ranked().size() ? d.ranked() : d.ranked().subList(0, d.eligibleCount());
        Route after = new Route(entry.prefix, eligible, d.multipathCount());
        return after.equals(before) ? before : after;
    }

    // --- called by AdjRibIn ---

    long now() {
        return clock.getAsLong();
    }

    /** RFC 4271 §9.1.2.1 for one path: this node's own paths need no next hop. */
    Path.Eligibility resolve(PathSource source, PathAttributes attributes) {
        if (source instanceof PathSource.Local || resolver.reachable(attributes.nextHop())) {
            return Path.Eligibility.ELIGIBLE;
        }
        return Path.Eligibility.NEXT_HOP_UNREACHABLE;
    }

    void replaced(Path old, Path path) {
        PrefixPaths entry = old == null
                ? candidates.computeIfAbsent(path.nlri().prefix(), PrefixPaths::new)
                : candidates.get(path.nlri().prefix());
        entry.replace(old, path);
        markDirty(entry);
    }

    void removed(Path old) {
        PrefixPaths entry = candidates.get(old.nlri().prefix());
        entry.remove(old);
        markDirty(entry);
    }

    private void markDirty(PrefixPaths entry) {
        if (!entry.dirty) {
            entry.dirty = true;
            dirty.add(entry);
        }
    }
}
