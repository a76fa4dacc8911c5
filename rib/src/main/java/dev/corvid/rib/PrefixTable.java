package dev.corvid.rib;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Ipv6Prefix;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;

/**
 * The RIB's one table: prefix to {@link PrefixPaths}, an open-addressing hash table (linear probing, at most half
 * full, the prefix bits well mixed), so that a change or a decision costs one lookup without a node per
 * entry; plus the {@link PrefixOrder} the budgeted walks go through. {@link Prefix#hashCode()} is not used: record
 * hashes of addresses that differ only above their host bits collide in the low bits a power-of-two table uses.
 */
final class PrefixTable {
    private static final int MIN_BITS = 4;

    private PrefixPaths[] slots = new PrefixPaths[1 << MIN_BITS];
    private int shift = 64 - MIN_BITS;
    private int size;
    private final PrefixOrder order = new PrefixOrder();

    int size() {
        return size;
    }

    PrefixOrder order() {
        return order;
    }

    PrefixPaths get(Prefix prefix) {
        long key = key(prefix);
        PrefixPaths[] s = slots;
        int mask = s.length - 1;
        for (int i = home(key); ; i = (i + 1) & mask) {
            PrefixPaths e = s[i];
            if (e == null || matches(e, key, prefix)) return e;
        }
    }

    /** The entry of {@code nlri}'s prefix, created (with {@code nlri} as its NLRI if it has no path id) when new. */
    PrefixPaths getOrAdd(Nlri nlri) {
        Prefix prefix = nlri.prefix();
        long key = key(prefix);
        int mask = slots.length - 1;
        int i = home(key);
        for (PrefixPaths e; (e = slots[i]) != null; i = (i + 1) & mask) {
            if (matches(e, key, prefix)) return e;
        }
        PrefixPaths added = new PrefixPaths(nlri.pathId() == 0 ? nlri : Nlri.of(prefix), key);
        slots[i] = added;
        order.add(added);
        if (++size > slots.length >> 1) grow();
        return added;
    }

    /** Takes {@code entry} out (Knuth's algorithm R: the entries after it in its probe run move up). */
    void remove(PrefixPaths entry) {
        int mask = slots.length - 1;
        int i = home(entry.key);
        while (slots[i] != entry) i = (i + 1) & mask;
        slots[i] = null;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int h = home(slots[j].key);
            // slots[j] may move to the hole at i unless its home lies cyclically in (i, j].
            boolean stays = i <= j ? i < h && h <= j : i < h || h <= j;
            if (!stays) {
                slots[i] = slots[j];
                slots[j] = null;
                i = j;
            }
        }
        size--;
        entry.removed = true;
        order.removed(size);
    }

    /** The slots, for a walk over every entry in no particular order: skip the nulls, change no membership. */
    PrefixPaths[] slots() {
        return slots;
    }

    private void grow() {
        PrefixPaths[] old = slots;
        slots = new PrefixPaths[old.length << 1];
        shift--;
        int mask = slots.length - 1;
        for (PrefixPaths e : old) {
            if (e == null) continue;
            int i = home(e.key);
            while (slots[i] != null) i = (i + 1) & mask;
            slots[i] = e;
        }
    }

    /**
     * A long that stands for the prefix, kept in its entry so that a lookup compares it without following the entry's
     * NLRI: an IPv4 prefix exactly (address and length), an IPv6 prefix by a hash with the top bit set.
     */
    static long key(Prefix prefix) {
        return switch (prefix) {
            case Ipv4Prefix p -> (p.bits() & 0xFFFF_FFFFL) << 8 | p.length();
            case Ipv6Prefix p -> Long.MIN_VALUE | mix(p.high() ^ mix(p.low() + p.length()));
        };
    }

    private static boolean matches(PrefixPaths entry, long key, Prefix prefix) {
        return entry.key == key && (key >= 0 || entry.prefix().equals(prefix));
    }

    /** The slot a key hashes to: the top bits of the mixed key. */
    private int home(long key) {
        return (int) (mix(key) >>> shift);
    }

    /** The MurmurHash3 finalizer: every input bit moves the top bits. */
    private static long mix(long h) {
        h = (h ^ (h >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return h ^ (h >>> 33);
    }
}
