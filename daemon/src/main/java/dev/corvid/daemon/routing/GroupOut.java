package dev.corvid.daemon.routing;

import dev.corvid.codec.WireContext;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * DOC: the Adj-RIB-Out of one update group (RFC 4271 §3.2: "the information that the local BGP speaker has selected
 * for advertisement to its peers"), shared by its members, and the UPDATEs that bring them up to date. The export
 * of a Loc-RIB change is computed once per group and recorded here; {@link #flush} then encodes the changes of a
 * turn once, into one buffer, and hands each member slices of it.
 *
 * <p>The one difference between members is split horizon: a member is never sent a path it is the source of. A
 * batch of announcements therefore names the member it excludes (the source, when that is a member), and that member
 * gets the buffer minus the batch; a member that had a path from elsewhere and has now become its source gets a
 * withdrawal of its own. Withdrawals go to every member (one for something a member never had is harmless, RFC 4271
 * §9: a withdrawn route that was never advertised is simply not there).
 *
 * <p>Slots are hashed by NLRI, not sorted: walks that span turns (a member's dump, {@code show route}) go over
 * a snapshot of the keys ({@link #walk}) and skip what has gone meanwhile.
 *
 * <p>With ADD-PATH send (RFC 7911) an entry's {@link Nlri#pathId} is the path identifier we chose; otherwise it is 0
 * and the prefix has at most one entry. Confined to the RIB thread.
 */
final class GroupOut {
    /** What members are sent for one NLRI: the interned attributes, and where the path came from. */
    record Entry(PathAttributes attributes, PathSource from) {
        boolean sameAs(Entry other) {
            return other != null && attributes == other.attributes && from.equals(other.from);
        }

        /** The peer this entry came from, or null when it is ours. */
        InetAddress peer() {
            return from instanceof PathSource.Peer p ? p.address() : null;
        }
    }

    /** One NLRI of the group: what members are to have, and what the last flush sent them. */
    private static final class Slot {
        final Nlri nlri;
        Entry current;
        Entry sent;
        boolean queued;
        /** The UPDATE announcing this NLRI alone with {@link #current}, once encoded (attributes of its own). */
        byte[] alone;

        Slot(Nlri nlri) {
            this.nlri = nlri;
        }
    }

    private final WireContext wire;
    private final Map<Nlri, Slot> slots = new HashMap<>();
    /** Slots changed since the last flush, in the order they first changed. */
    private final List<Slot> pending = new ArrayList<>();
    /** ADD-PATH: the path ids in use per prefix. */
    private final Map<Prefix, Set<Integer>> pathIds = new HashMap<>();
    /** Entries per source peer, so a member's count leaves out what split horizon keeps from it. */
    private final Map<InetAddress, Integer> fromPeer = new HashMap<>();
    private int size;

    GroupOut(WireContext wire) {
        this.wire = wire;
    }

    WireContext wire() {
        return wire;
    }

    /** The group's view of {@code nlri} is now {@code entry} (null: nothing). */
    void set(Nlri nlri, Entry entry) {
        Slot s = slots.get(nlri);
        if (s == null) {
            if (entry == null) return;
            slots.put(nlri, s = new Slot(nlri));
        } else if (entry == null ? s.current == null : entry.sameAs(s.current)) {
            return;
        }
        count(s.current, -1);
        count(entry, +1);
        s.current = entry;
        s.alone = null;
        if (!s.queued) {
            s.queued = true;
            pending.add(s);
        }
    }

    /** ADD-PATH: the group's paths of {@code prefix} are now {@code entries} (path id to entry); others go. */
    void replace(Prefix prefix, Map<Integer, Entry> entries) {
        Set<Integer> old = pathIds.remove(prefix);
        if (old != null) {
            for (int id : old) if (!entries.containsKey(id)) set(new Nlri(prefix, id), null);
        }
        if (!entries.isEmpty()) pathIds.put(prefix, Set.copyOf(entries.keySet()));
        entries.forEach((id, entry) -> set(new Nlri(prefix, id), entry));
    }

    private void count(Entry e, int delta) {
        if (e == null) return;
        size += delta;
        InetAddress peer = e.peer();
        if (peer != null) fromPeer.merge(peer, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    /** Entries {@code member} has: all but those it is the source of. */
    int size(InetAddress member) {
        return size - fromPeer.getOrDefault(member, 0);
    }

    /** A walk over what the group has now, resumable over several turns. */
    static final class Walk {
        private final List<Nlri> keys;
        private int next;

        private Walk(List<Nlri> keys) {
            this.keys = keys;
        }
    }

    /** Starts a walk over a snapshot of the group's NLRI. */
    Walk walk() {
        List<Nlri> all = new ArrayList<>(size);
        for (Slot s : slots.values()) if (s.current != null) all.add(s.nlri);
        return new Walk(all);
    }

    /**
     * Visits up to {@code budget} NLRI of {@code walk} with what the group has for them now (NLRI gone meanwhile are
     * skipped); true when the walk is over.
     */
    boolean advance(Walk walk, int budget, BiConsumer<Nlri, Entry> visitor) {
        return walkSlots(walk, budget, s -> visitor.accept(s.nlri, s.current));
    }

    /** Visits up to {@code budget} slots of {@code walk} that still hold something; true when the walk is over. */
    private boolean walkSlots(Walk walk, int budget, Consumer<Slot> visitor) {
        int end = Math.min(walk.keys.size(), walk.next + budget);
        for (; walk.next < end; walk.next++) {
            Slot s = slots.get(walk.keys.get(walk.next));
            if (s != null && s.current != null) visitor.accept(s);
        }
        return walk.next == walk.keys.size();
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    int pendingCount() {
        return pending.size();
    }

    /**
     * Encodes the changes since the last flush once and sends each member its part through {@code outbox}; clears
     * them. {@code members} are the group's members now.
     */
    void flush(Set<InetAddress> members, ByteBufAllocator alloc, Outbox outbox) {
        if (pending.isEmpty()) return;
        List<Nlri> withdrawn = new ArrayList<>();
        Map<Batch, List<Slot>> announced = new LinkedHashMap<>();
        Map<InetAddress, List<Nlri>> ownWithdrawals = new HashMap<>();
        for (Slot s : pending) {
            s.queued = false;
            Entry before = s.sent, after = s.current;
            s.sent = after;
            if (after == null) {
                slots.remove(s.nlri);
                if (before != null) withdrawn.add(s.nlri);
                continue;
            }
            if (after.sameAs(before)) continue;
            InetAddress source = after.peer() != null && members.contains(after.peer()) ? after.peer() : null;
            announced.computeIfAbsent(new Batch(after.attributes(), source), _ -> new ArrayList<>()).add(s);
            // The new source had the old path from elsewhere; split horizon now keeps the prefix from it.
            if (source != null && before != null && !source.equals(before.peer())) {
                ownWithdrawals.computeIfAbsent(source, _ -> new ArrayList<>()).add(s.nlri);
            }
        }
        pending.clear();

        Encoded shared = new Encoded(alloc, wire);
        shared.withdraw(withdrawn, null);
        announced.forEach((batch, batchSlots) -> announce(shared, batch.attributes(), batchSlots, batch.excluded()));
        for (InetAddress member : members) {
            Encoded.Part part = shared.partFor(member);
            List<ByteBuf> chunks = new ArrayList<>(part.chunks());
            int updates = part.updates();
            List<Nlri> own = ownWithdrawals.get(member);
            if (own != null) {
                Encoded mine = new Encoded(alloc, wire);
                mine.withdraw(own, null);
                Encoded.Part p = mine.partFor(member);
                chunks.addAll(p.chunks());
                updates += p.updates();
                mine.release();
            }
            if (updates > 0) outbox.sendEncoded(member, chunks, updates);
            else chunks.forEach(ByteBuf::release);
        }
        shared.release();
    }

    /**
     * Sends {@code member} a slice of a walk: what the group has, less what split horizon keeps from it, encoded for
     * it alone into {@code out}; true when the walk is over.
     */
    boolean dump(Walk walk, int budget, InetAddress member, Encoded out) {
        Map<PathAttributes, List<Slot>> batches = new IdentityHashMap<>(); // interned attributes
        boolean done = walkSlots(walk, budget, s -> {
            if (member.equals(s.current.peer())) return; // split horizon
            batches.computeIfAbsent(s.current.attributes(), _ -> new ArrayList<>()).add(s);
        });
        batches.forEach((attributes, batchSlots) -> announce(out, attributes, batchSlots, null));
        return done;
    }

    /**
     * Announces {@code batch} (slots with {@code attributes}) into {@code out}. A prefix whose attributes are its own
     * (a node's pod block: its next hop and ORIGINATOR_ID are nobody else's) is one UPDATE, encoded once and kept
     * until it changes, so a thousand sessions joining cost a thousand copies, not a thousand encodings.
     */
    private void announce(Encoded out, PathAttributes attributes, List<Slot> batch, InetAddress excluded) {
        if (batch.size() == 1) {
            Slot s = batch.getFirst();
            if (s.alone == null) s.alone = Encoded.alone(wire, attributes, s.nlri);
            out.announceEncoded(s.alone, excluded);
            return;
        }
        List<Nlri> nlri = new ArrayList<>(batch.size());
        for (Slot s : batch) nlri.add(s.nlri);
        out.announce(attributes, nlri, excluded);
    }

    /**
     * Announcements that share attributes (interned: compared by identity) and the member split horizon excludes
     * (null: none).
     */
    private record Batch(PathAttributes attributes, InetAddress excluded) {
        Batch {
            Objects.requireNonNull(attributes, "attributes");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Batch b && b.attributes == attributes && Objects.equals(b.excluded, excluded);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(attributes) * 31 + Objects.hashCode(excluded);
        }
    }
}
