package dev.corvid.rib;

import dev.corvid.codec.nlri.Prefix;
import java.util.Arrays;
import java.util.List;

/**
 * The paths to one prefix from every Adj-RIB-In: the decision process's input, kept next to the prefix so that a
 * decision never has to look the prefix up in each peer's table. A small array: most prefixes have one or two paths.
 */
final class PrefixPaths {
    final Prefix prefix;
    private Path[] paths = new Path[1];
    private int size;
    /** Queued in {@link Rib}'s dirty queue and not yet decided. */
    boolean dirty;

    PrefixPaths(Prefix prefix) {
        this.prefix = prefix;
    }

    /** Puts {@code path} in place of {@code old} (or adds it when {@code old} is null). */
    void replace(Path old, Path path) {
        if (old != null) {
            for (int i = 0; i < size; i++) {
                if (paths[i] == old) {
                    paths[i] = path;
                    return;
                }
            }
            throw new IllegalStateException(old + " is not a path of " + prefix);
        }
        if (size == paths.length) paths = Arrays.copyOf(paths, size * 2);
        paths[size++] = path;
    }

    void remove(Path old) {
        for (int i = 0; i < size; i++) {
            if (paths[i] == old) {
                paths[i] = paths[--size];
                paths[size] = null;
                return;
            }
        }
        throw new IllegalStateException(old + " is not a path of " + prefix);
    }

    int size() {
        return size;
    }

    Path first() {
        return paths[0];
    }

    List<Path> list() {
        return List.of(Arrays.copyOf(paths, size));
    }
}
