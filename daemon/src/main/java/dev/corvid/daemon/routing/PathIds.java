package dev.corvid.daemon.routing;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.rib.Path;
import dev.corvid.rib.PathSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 7911 §3 Path Identifiers for the paths we send: "an arbitrary number ... assigned by the sender". A path keeps
 * its identifier while it exists, so a changed path is an implicit replacement and not a new path beside the old;
 * the smallest free identifier (from 1) goes to a new path. Confined to the RIB thread.
 */
final class PathIds {
    /** A path of a prefix: its source and the identifier it was received with (0 without ADD-PATH receive). */
    private record Key(PathSource source, int received) {}

    private final Map<Prefix, Map<Key, Integer>> ids = new HashMap<>();

    /** The identifiers of {@code paths} (the prefix's paths now), in their order; those of gone paths are freed. */
    int[] assign(Prefix prefix, List<Path> paths) {
        if (paths.isEmpty()) {
            ids.remove(prefix);
            return new int[0];
        }
        Map<Key, Integer> old = ids.getOrDefault(prefix, Map.of());
        Map<Key, Integer> now = new HashMap<>();
        int[] out = new int[paths.size()];
        for (int i = 0; i < out.length; i++) {
            Key key = new Key(paths.get(i).source(), paths.get(i).nlri().pathId());
            Integer id = old.get(key);
            if (id != null) now.put(key, out[i] = id);
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] != 0) continue;
            int id = 1;
            while (now.containsValue(id)) id++;
            now.put(new Key(paths.get(i).source(), paths.get(i).nlri().pathId()), out[i] = id);
        }
        ids.put(prefix, now);
        return out;
    }
}
