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
 * DOC: all routing state of one corvid — the Adj-RIBs-In and the {@link LocRib}, kept in one table of prefixes that
 * holds per prefix the paths from every source and the selected route ({@link PrefixTable}), and the {@link
 * AttributeInterner} — owned by the thread that constructs it (DESIGN.md: "one RIB thread owns all routing
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
    private final PrefixTable table = new PrefixTable();
    private ArrayDeque<PrefixPaths> dirty = new ArrayDeque<>();
    private int dirtyPeak; // the most prefixes the dirty queue held since it was last made
    private final LocRib locRib = new LocRib(table, thread);

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

    /**
     * The peer at {@code source.address()} is now {@code source} — its role changed on a reload (RFC 4456 client or
     * not) while its session stays up: its paths are kept, become the new source's, and their prefixes are decided
     * again, so that the export rules see the new role. The old Adj-RIB-In is left empty.
     */
    public AdjRibIn changeSource(PathSource.Peer source) {
        thread.assertOwner();
        AdjRibIn old = peers.get(source.address());
        if (old == null) throw new IllegalStateException(source + " is not up");
        AdjRibIn in = new AdjRibIn(this, source);
        in.takeOver(old);
        peers.put(source.address(), in);
        return in;
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
        AdjRibIn in = null;
        for (PrefixPaths entry : table.slots()) {
            if (entry == null) continue;
            for (int i = 0; i < entry.size(); i++) {
                Path old = entry.path(i);
                // This node's paths need no next hop; treat-as-withdraw paths stay as they are.
                if (!(old.source() instanceof PathSource.Peer peer)) continue;
                if (old.eligibility() == Path.Eligibility.TREAT_AS_WITHDRAW) continue;
                Path path = old.withEligibility(resolve(peer, old.attributes()));
                if (path == old) continue;
                if (in == null || in.source() != peer) in = peers.get(peer.address());
                in.reresolved(old, path);
                changing(entry);
                entry.set(i, path);
            }
        }
    }

    /** Every path to {@code prefix}, from all Adj-RIBs-In, in no particular order. */
    public List<Path> paths(Prefix prefix) {
        PrefixPaths p = table.get(prefix);
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
            Route before = entry.previous;
            entry.previous = null;
            entry.dirty = false;
            rank(entry);
            if (entry.size() == 0) table.remove(entry);
            // A path object is replaced whenever its attributes or eligibility change, so an unchanged route holds
            // the very same paths.
            if (before == null ? entry.routed == 0 : entry.holds(before)) continue;
            Route after = entry.route();
            locRib.changed(before, after);
            deltas.add(new Delta(entry.prefix(), Optional.ofNullable(before), Optional.ofNullable(after)));
        }
        if (dirty.isEmpty() && dirtyPeak > 4096) { // an ArrayDeque keeps its capacity: not after a table's load
            dirty = new ArrayDeque<>();
            dirtyPeak = 0;
        }
        return deltas;
    }

    /**
     * Runs the decision process for {@code entry}: puts its paths in preference order and sets how many form the route
     * and the ECMP set. One and two paths (one or two peers, two reflectors) are decided here without building a
     * {@link Decision}.
     */
    private void rank(PrefixPaths entry) {
        switch (entry.size()) {
            case 0 -> entry.routed = entry.multipath = 0;
            case 1 -> entry.routed = entry.multipath = entry.path(0).eligible() ? 1 : 0;
            case 2 -> {
                int c = decision.compare(entry.path(0), entry.path(1));
                if (c > 0) entry.swap();
                int eligible = !entry.path(0).eligible() ? 0 : entry.path(1).eligible() ? 2 : 1;
                entry.routed = eligible;
                entry.multipath = eligible == 2 && decision.multipathPair(c) ? 2 : Math.min(eligible, 1);
            }
            default -> {
                Decision d = decision.rank(entry.list());
                entry.order(d.ranked());
                entry.routed = d.eligibleCount();
                entry.multipath = d.multipathCount();
            }
        }
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

    PrefixTable table() {
        return table;
    }

    /** {@code entry}'s paths are about to change: it is marked for decision, its route kept as it was until then. */
    void changing(PrefixPaths entry) {
        if (!entry.dirty) {
            entry.previous = entry.route();
            entry.dirty = true;
            dirty.add(entry);
            dirtyPeak = Math.max(dirtyPeak, dirty.size());
        }
    }
}
