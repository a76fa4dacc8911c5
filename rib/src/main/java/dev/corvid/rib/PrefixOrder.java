package dev.corvid.rib;

import dev.corvid.codec.nlri.Prefix;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The {@link PrefixTable}'s entries in prefix order, for the budgeted walks ({@link LocRib#walk}, {@link
 * AdjRibIn#walk}), kept lazily so that the hot path pays nothing for it: a new entry is appended to an unsorted list,
 * a removed one is only counted; the next walk sorts the new entries and merges them in. Removed entries stay behind
 * (flagged {@link PrefixPaths#removed}, skipped by walkers) until that merge or until more have gathered than there
 * are live ones.
 */
final class PrefixOrder {
    /** Prefix order; two IPv4 prefixes compare by their {@link PrefixTable#key}s, which are in the same order. */
    private static final Comparator<PrefixPaths> BY_PREFIX =
            (a, b) -> (a.key | b.key) >= 0 ? Long.compare(a.key, b.key) : a.prefix().compareTo(b.prefix());
    private static final int INDEX_BITS = 24;
    private static final PrefixPaths[] NONE = new PrefixPaths[0];

    private PrefixPaths[] sorted = NONE; // never changed once set: walks hold on to it
    private PrefixPaths[] added = new PrefixPaths[16];
    private long[] addedKeys = new long[16]; // their keys: the first sort reads no entry
    private int addedSize;
    private int removed;

    void add(PrefixPaths entry) {
        if (addedSize == added.length) {
            added = Arrays.copyOf(added, addedSize * 2);
            addedKeys = Arrays.copyOf(addedKeys, addedSize * 2);
        }
        addedKeys[addedSize] = entry.key;
        added[addedSize++] = entry;
    }

    /** An entry left the table, which now holds {@code live}. */
    void removed(int live) {
        if (++removed > live + 1024) purge();
    }

    /** Drops the removed entries. */
    private void purge() {
        sorted = withoutRemoved(sorted, sorted.length);
        int n = 0;
        for (int i = 0; i < addedSize; i++) {
            if (added[i].removed) continue;
            addedKeys[n] = addedKeys[i];
            added[n++] = added[i];
        }
        Arrays.fill(added, n, addedSize, null);
        addedSize = n;
        removed = 0;
    }

    /**
     * The entries in prefix order, removed ones included (a prefix may then appear twice, only once not removed). The
     * array is never changed afterwards, so a walk may go on using it while entries come and go; it sees those that
     * came only in the array of a later call.
     */
    PrefixPaths[] sorted() {
        if (addedSize > 0) merge();
        return sorted;
    }

    /** The first index of {@link #sorted()} whose prefix is after {@code prefix} ({@code orEqual}: or equal to it). */
    int search(Prefix prefix, boolean orEqual) {
        long key = PrefixTable.key(prefix);
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            PrefixPaths e = sorted[mid];
            int c = (e.key | key) >= 0 ? Long.compare(e.key, key) : e.prefix().compareTo(prefix);
            if (c < 0 || c == 0 && !orEqual) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void merge() {
        if (removed > 0) purge();
        PrefixPaths[] fresh = Arrays.copyOf(added, addedSize);
        long[] keys = Arrays.copyOf(addedKeys, addedSize);
        added = new PrefixPaths[16]; // after a table's load, not megabytes of nulls kept
        addedKeys = new long[16];
        addedSize = 0;
        sort(fresh, keys);
        PrefixPaths[] old = sorted;
        PrefixPaths[] out = new PrefixPaths[old.length + fresh.length];
        int i = 0, j = 0, n = 0;
        while (i < old.length || j < fresh.length) {
            if (j == fresh.length || i < old.length && BY_PREFIX.compare(old[i], fresh[j]) <= 0) {
                out[n++] = old[i++];
            } else {
                out[n++] = fresh[j++];
            }
        }
        sorted = out;
    }

    /**
     * Sorts {@code entries} by prefix. The first sort after a full table's load has hundreds of thousands to order, in
     * whatever order the peers sent them, and a comparator would read two entries per comparison from all over the
     * heap; so the IPv4 ones (which come first) are read once: each key, packed with the entry's index below it, goes
     * into a {@code long[]}, which sorts as numbers. IPv6 prefixes, whose keys are hashes, go through the comparator.
     *
     * @param keys the entries' keys, in the same order
     */
    private static void sort(PrefixPaths[] entries, long[] keys) {
        int n = entries.length;
        if (n >= 1 << INDEX_BITS) {
            Arrays.sort(entries, BY_PREFIX);
            return;
        }
        long[] packed = new long[n];
        int v4 = 0;
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            // keys are below 2^40, so key << 24 | i fits 64 bits unsigned; the flipped top bit sorts that as signed.
            if (key >= 0) packed[v4++] = (key << INDEX_BITS | i) ^ Long.MIN_VALUE;
        }
        PrefixPaths[] v6 = new PrefixPaths[n - v4];
        for (int i = 0, j = 0; i < n; i++) {
            if (keys[i] < 0) v6[j++] = entries[i];
        }
        Arrays.sort(packed, 0, v4);
        Arrays.sort(v6, BY_PREFIX);
        PrefixPaths[] copy = entries.clone();
        for (int j = 0; j < v4; j++) entries[j] = copy[(int) packed[j] & (1 << INDEX_BITS) - 1];
        System.arraycopy(v6, 0, entries, v4, v6.length);
    }

    private static PrefixPaths[] withoutRemoved(PrefixPaths[] entries, int size) {
        PrefixPaths[] out = new PrefixPaths[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!entries[i].removed) out[n++] = entries[i];
        }
        return n == size ? out : Arrays.copyOf(out, n);
    }
}
