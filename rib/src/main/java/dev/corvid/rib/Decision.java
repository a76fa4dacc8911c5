package dev.corvid.rib;

import java.util.List;
import java.util.Optional;

/**
 * The decision process's result for one prefix.
 *
 * @param ranked         every candidate in preference order: the eligible ones first, then the ineligible ones
 * @param eligibleCount  how many of {@code ranked} are eligible (0: the prefix has no route)
 * @param multipathCount how many of the first paths form the ECMP set (0 without a route, else 1..maximumPaths)
 * @param comparisons    from {@link DecisionProcess#explain}: for each path but the best, why it lost and to which
 *                       path; empty from {@link DecisionProcess#rank}
 */
public record Decision(List<Path> ranked, int eligibleCount, int multipathCount, List<Comparison> comparisons) {
    public Decision {
        ranked = List.copyOf(ranked);
        comparisons = List.copyOf(comparisons);
    }

    public Optional<Path> best() {
        return eligibleCount == 0 ? Optional.empty() : Optional.of(ranked.getFirst());
    }

    /** The ECMP set, best first. */
    public List<Path> multipath() {
        return ranked.subList(0, multipathCount);
    }
}
