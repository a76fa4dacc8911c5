package dev.corvid.daemon.routing;

/**
 * A peer's prefix counts as {@code show neighbors} shows them.
 *
 * @param received paths held in its Adj-RIB-In, eligible or not (paths dropped by import rules are not held)
 * @param accepted of those, the ones the decision process may select
 * @param sent     prefixes in its Adj-RIB-Out
 */
public record PrefixCounts(int received, int accepted, int sent) {
    public static final PrefixCounts NONE = new PrefixCounts(0, 0, 0);
}
