package dev.corvid.rib;

/**
 * Where a budgeted walk stopped (DESIGN.md: "Long RIB walks are resumable and budgeted, so one busy peer never stalls
 * the others"). The walk continues strictly after {@code after}; entries added behind the cursor meanwhile are not
 * visited, which is fine for a dump because they reach the walker as {@link Delta}s anyway.
 *
 * @param after the last key visited, or {@code null} at the start
 * @param done  the walk has visited everything
 */
public record Cursor<K>(K after, boolean done) {
    public static <K> Cursor<K> start() {
        return new Cursor<>(null, false);
    }
}
