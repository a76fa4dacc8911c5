package dev.corvid.rib;

import dev.corvid.codec.nlri.Prefix;
import java.util.List;

/**
 * A Loc-RIB entry (RFC 4271 §3.2): the selected route to a prefix.
 *
 * @param prefix         the prefix
 * @param paths          the eligible paths in preference order: the best first, then the rest of the ECMP set, then
 *                       the other eligible paths (what an RFC 7911 ADD-PATH sender passes on)
 * @param multipathCount how many of the first {@code paths} form the ECMP set (1..maximumPaths)
 */
public record Route(Prefix prefix, List<Path> paths, int multipathCount) {
    public Route {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) throw new IllegalArgumentException("a route has at least one path");
        if (multipathCount < 1 || multipathCount > paths.size()) {
            throw new IllegalArgumentException("ECMP set of " + multipathCount + " out of " + paths.size() + " paths");
        }
    }

    public Path best() {
        return paths.getFirst();
    }

    /** The ECMP set, best first. */
    public List<Path> multipath() {
        return paths.subList(0, multipathCount);
    }
}
