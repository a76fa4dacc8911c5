package dev.corvid.rib;

import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the RIB holds for one prefix: the paths to it from every Adj-RIB-In (the decision process's input, kept
 * together so that neither a change nor a decision looks the prefix up in more than one table) and its Loc-RIB route.
 * One per prefix in the {@link PrefixTable}. Most prefixes have one or two paths, so the first two are fields (no
 * array to allocate, keep and follow) and only a third and later ones go to an array.
 *
 * <p>The Loc-RIB route is not kept as a {@link Route} object (two objects per prefix, for the collector to copy and
 * trace): {@link Rib#decide} leaves the paths in preference order, and the first {@code routed} of them, with the first
 * {@code multipath} as ECMP set, are the route. A change to the paths first makes the entry dirty, which snapshots
 * the route as it was into {@link #previous}; until the next decision that snapshot is the Loc-RIB's route.
 */
final class PrefixPaths {
    /** The prefix without path id: the {@link Path#nlri()} of every path to it that has none. */
    final Nlri nlri;
    /** Its prefix, kept here too: routes and deltas are made without following {@link #nlri}. */
    private final Prefix prefix;
    /** {@link PrefixTable#key} of the prefix. */
    final long key;
    /**
     * A {@link #bit} for the source of every path here (and maybe of some that left): a source whose bit is clear has
     * no path here, which a new path from a second peer learns without reading the first peer's path.
     */
    private int sources;
    private Path first;
    private Path second;
    private Path[] more; // paths 2.. when there are more than two, else null
    private int size;
    /** How many of the first paths form the Loc-RIB route (0: none) when not dirty; set by {@link Rib#decide}. */
    int routed;
    /** How many of the first paths form its ECMP set. */
    int multipath;
    /** While dirty: the Loc-RIB route as it was when the entry became dirty, null if none. */
    Route previous;
    /** Queued in {@link Rib}'s dirty queue and not yet decided. */
    boolean dirty;
    /** Taken out of the table (no path left at a decision); a newer entry holds the prefix if it comes back. */
    boolean removed;

    PrefixPaths(Nlri nlri, long key) {
        this.nlri = nlri;
        this.prefix = nlri.prefix();
        this.key = key;
    }

    /** The bit that stands for {@code source} in {@link #sources}: one of 32, chosen by identity. */
    static int bit(PathSource source) {
        return 1 << System.identityHashCode(source);
    }

    Prefix prefix() {
        return prefix;
    }

    int size() {
        return size;
    }

    Path path(int i) {
        return switch (i) {
            case 0 -> first;
            case 1 -> second;
            default -> more[i - 2];
        };
    }

    /** The index of the path from {@code source} (whose {@link #bit} is {@code bit}) with {@code pathId}, or -1. */
    int indexOf(PathSource source, int bit, int pathId) {
        if ((sources & bit) == 0) return -1;
        for (int i = 0; i < size; i++) {
            Path p = path(i);
            if (p.source() == source && p.nlri().pathId() == pathId) return i;
        }
        return -1;
    }

    /** Adds {@code path} from a source whose {@link #bit} is {@code bit}. */
    void add(Path path, int bit) {
        set(size++, path);
        sources |= bit;
    }

    /** Path {@code i} is now {@code path}, from a source whose bit is {@code bit}. */
    void set(int i, Path path, int bit) {
        set(i, path);
        sources |= bit;
    }

    void set(int i, Path path) {
        switch (i) {
            case 0 -> first = path;
            case 1 -> second = path;
            default -> {
                if (more == null) more = new Path[2];
                else if (i - 2 == more.length) more = Arrays.copyOf(more, more.length * 2);
                more[i - 2] = path;
            }
        }
    }

    /** Removes the path at {@code i}; the last path takes its place. */
    void removeAt(int i) {
        int last = --size;
        set(i, path(last));
        if (last >= 2) more[last - 2] = null;
        else if (last == 1) second = null;
        else first = null;
        if (last == 2) more = null;
        if (last == 0) sources = 0;
    }

    /** Puts the paths in {@code ranked}'s order (the same paths). */
    void order(List<Path> ranked) {
        for (int i = 0; i < size; i++) set(i, ranked.get(i));
    }

    /** Exchanges the first two paths. */
    void swap() {
        Path p = first;
        first = second;
        second = p;
    }

    /** The Loc-RIB route as the last decision left it (a new object each time), or null. */
    Route route() {
        return switch (routed) {
            case 0 -> null;
            case 1 -> new Route(prefix(), List.of(first), 1);
            case 2 -> new Route(prefix(), List.of(first, second), multipath);
            default -> new Route(prefix(), list().subList(0, routed), multipath);
        };
    }

    /** The route the Loc-RIB holds now: the snapshot while dirty, else {@link #route()}. */
    Route current() {
        return dirty ? previous : route();
    }

    /** Whether {@code r} is the route the last decision left: the same path objects in the same order. */
    boolean holds(Route r) {
        if (r.multipathCount() != multipath) return false;
        List<Path> paths = r.paths();
        if (paths.size() != routed) return false;
        for (int i = 0; i < routed; i++) {
            if (paths.get(i) != path(i)) return false;
        }
        return true;
    }

    List<Path> list() {
        Path[] out = new Path[size];
        for (int i = 0; i < size; i++) out[i] = path(i);
        return List.of(out);
    }
}
