package dev.corvid.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys one kind of HOCON object may have, and the "did you mean" for the ones it may not: the known key within
 * Levenshtein distance 2 of a misspelt one. Keys that belong to a related object but make no sense here say why.
 *
 * @param kind         what the object is, for messages ("a peer")
 * @param keys         the accepted keys, in the order the documentation lists them
 * @param inapplicable keys that are known elsewhere, each with the sentence saying why they do not apply here
 */
record KnownKeys(String kind, List<String> keys, Map<String, String> inapplicable) {

    KnownKeys(String kind, List<String> keys) {
        this(kind, keys, Map.of());
    }

    boolean contains(String key) {
        return keys.contains(key);
    }

    /** The message for a key that is not among {@link #keys()}. */
    String unknown(String key) {
        String why = inapplicable.get(key);
        if (why != null) return why;
        return suggestion(key, keys)
                .map(k -> "unknown key; did you mean " + k + "?")
                .orElse("unknown key; " + kind + " has the keys " + String.join(", ", keys));
    }

    /** The candidate closest to {@code word} when it is at most 2 edits away. */
    static Optional<String> suggestion(String word, List<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(word, c) <= 2)
                .min(Comparator.comparingInt(c -> distance(word, c)));
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
