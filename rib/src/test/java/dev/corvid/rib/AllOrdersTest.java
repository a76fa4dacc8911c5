package dev.corvid.rib;

import static dev.corvid.rib.Fixtures.NLRI;
import static dev.corvid.rib.Fixtures.asPath;
import static dev.corvid.rib.Fixtures.attrs;
import static dev.corvid.rib.Fixtures.ibgp;
import static dev.corvid.rib.Fixtures.med;
import static dev.corvid.rib.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 4271 §9.1.2.2 c compares MED only within one neighbouring AS, which makes pairwise preference intransitive;
 * deterministic MED must give one answer whatever order the paths arrived in.
 */
class AllOrdersTest {
    // AS 100: P3 (MED 10) beats P1 (MED 20). AS 200: P4 (MED 5) beats P2 (MED 10). AS 300: P5, longer path.
    // Heads P3 vs P4: MED not comparable, router id 3.3.3.3 < 4.4.4.4, so P3 is best; P4 is its ECMP partner;
    // P1 and P2 lost on MED inside their AS, so they are not ECMP even though the best cannot be MED-compared to P2.
    private final Path p1 = path(ibgp("10.0.0.1", "1.1.1.1"), attrs("10.0.0.1", asPath(100), med(20)));
    private final Path p2 = path(ibgp("10.0.0.2", "2.2.2.2"), attrs("10.0.0.2", asPath(200), med(10)));
    private final Path p3 = path(ibgp("10.0.0.3", "3.3.3.3"), attrs("10.0.0.3", asPath(100), med(10)));
    private final Path p4 = path(ibgp("10.0.0.4", "4.4.4.4"), attrs("10.0.0.4", asPath(200), med(5)));
    private final Path p5 = path(ibgp("10.0.0.5", "5.5.5.5"), attrs("10.0.0.5", asPath(300, 1)));

    @Test
    void everyInsertionOrderGivesTheSameBestAndEcmpSet() {
        DecisionProcess decision = new DecisionProcess(100, 4);
        List<List<Path>> orders = permutations(List.of(p1, p2, p3, p4, p5));
        assertThat(orders).hasSize(120);
        for (List<Path> order : orders) {
            Decision d = decision.rank(order);
            assertThat(d.best()).as("best of %s", order).contains(p3);
            assertThat(d.multipath()).as("ECMP of %s", order).containsExactly(p3, p4);
            assertThat(d.ranked()).as("order of %s", order).containsExactly(p3, p4, p1, p2, p5);
        }
    }

    @Test
    void everyInsertionOrderThroughTheRibGivesTheSameRoute() {
        for (List<Path> order : permutations(List.of(p1, p2, p3, p4, p5))) {
            Rib rib = new Rib(new DecisionProcess(100, 4), NextHopResolver.ALL_REACHABLE, () -> 0);
            for (Path p : order) rib.peerUp((PathSource.Peer) p.source()).announce(NLRI, p.attributes());
            rib.decide();
            Route route = rib.locRib().route(NLRI.prefix()).orElseThrow();
            assertThat(route.best().source()).isEqualTo(p3.source());
            assertThat(route.multipath()).extracting(Path::source).containsExactly(p3.source(), p4.source());
        }
    }

    @Test
    void explainsALossOnMedAgainstThePathOfTheSameAs() {
        Decision d = new DecisionProcess().explain(List.of(p1, p2, p3, p4, p5));
        assertThat(d.comparisons()).contains(
                new Comparison(p3, p1, Reason.LOWER_MED),
                new Comparison(p4, p2, Reason.LOWER_MED),
                new Comparison(p3, p4, Reason.LOWER_ORIGINATOR_OR_ROUTER_ID),
                new Comparison(p3, p5, Reason.SHORTER_AS_PATH));
    }

    @Test
    void seededRandomPathSetsDecideTheSameInAnyOrder() {
        long seed = System.nanoTime();
        System.out.println("AllOrdersTest seed " + seed);
        Random random = new Random(seed);
        DecisionProcess decision = new DecisionProcess(100, 3);
        for (int round = 0; round < 200; round++) {
            List<Path> paths = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                paths.add(path(ibgp("10.0.0." + i, "1.1.1." + (1 + random.nextInt(3))),
                        attrs("10.0.0." + i, asPath(100 + random.nextInt(3)), med(random.nextInt(3)))));
            }
            Decision first = decision.rank(paths);
            for (int k = 0; k < 10; k++) {
                List<Path> shuffled = new ArrayList<>(paths);
                java.util.Collections.shuffle(shuffled, random);
                Decision again = decision.rank(shuffled);
                assertThat(again.ranked()).as("seed %d", seed).isEqualTo(first.ranked());
                assertThat(again.multipathCount()).as("seed %d", seed).isEqualTo(first.multipathCount());
            }
        }
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) return List.of(List.of());
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
