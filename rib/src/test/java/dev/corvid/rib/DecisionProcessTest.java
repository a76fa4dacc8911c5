package dev.corvid.rib;

import static dev.corvid.rib.Fixtures.asPath;
import static dev.corvid.rib.Fixtures.attrs;
import static dev.corvid.rib.Fixtures.ebgp;
import static dev.corvid.rib.Fixtures.ibgp;
import static dev.corvid.rib.Fixtures.ip4;
import static dev.corvid.rib.Fixtures.lp;
import static dev.corvid.rib.Fixtures.med;
import static dev.corvid.rib.Fixtures.path;
import static dev.corvid.rib.Fixtures.seg;
import static dev.corvid.rib.Fixtures.segments;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.attribute.AsPathSegment.Type;
import dev.corvid.codec.attribute.ClusterList;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.OriginatorId;
import dev.corvid.codec.nlri.Nlri;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per step of RFC 4271 §9.1.2 / RFC 4456 §9: two paths that differ at that step only. */
class DecisionProcessTest {
    private final DecisionProcess decision = new DecisionProcess();

    record Case(Path winner, Path loser, Reason reason) {}

    static Stream<Arguments> singleSteps() {
        PathSource.Peer a = ibgp("10.0.0.1", "1.1.1.1");
        PathSource.Peer b = ibgp("10.0.0.2", "2.2.2.2");
        return Stream.of(
                Arguments.of("RFC 4271 §9.1.2.1: an ineligible path never wins, whatever its preference",
                        new Case(path(b, attrs("10.0.0.2", lp(100))),
                                path(a, attrs("10.0.0.1", lp(900))).withEligibility(Path.Eligibility.NEXT_HOP_UNREACHABLE),
                                Reason.ELIGIBLE)),
                Arguments.of("RFC 7606 §2: a treat-as-withdraw path never wins",
                        new Case(path(b, attrs("10.0.0.2")),
                                path(a, attrs("10.0.0.1")).withEligibility(Path.Eligibility.TREAT_AS_WITHDRAW),
                                Reason.ELIGIBLE)),
                Arguments.of("RFC 4271 §9.1.1: higher LOCAL_PREF wins",
                        new Case(path(b, attrs("10.0.0.2", lp(200))), path(a, attrs("10.0.0.1", lp(100))),
                                Reason.HIGHER_LOCAL_PREF)),
                Arguments.of("RFC 4271 §9.1.1: missing LOCAL_PREF counts as the default 100",
                        new Case(path(b, attrs("10.0.0.2", lp(101))), path(a, attrs("10.0.0.1")),
                                Reason.HIGHER_LOCAL_PREF)),
                Arguments.of("RFC 4271 §9.1.1 / §5.1.5: an eBGP path's LOCAL_PREF is ignored, the default applies",
                        new Case(path(a, attrs("10.0.0.1", lp(150))),
                                path(ebgp("192.0.2.1", 65001, "0.0.0.1"), attrs("192.0.2.1", lp(900), asPath(65001))),
                                Reason.HIGHER_LOCAL_PREF)),
                Arguments.of("locally originated wins over a learned path of equal preference",
                        new Case(path(PathSource.LOCAL, attrs("0.0.0.0")), path(a, attrs("10.0.0.1")),
                                Reason.LOCALLY_ORIGINATED)),
                Arguments.of("RFC 4271 §9.1.2.2 a: shorter AS_PATH wins",
                        new Case(path(b, attrs("10.0.0.2", asPath(65001))), path(a, attrs("10.0.0.1", asPath(65001, 65002))),
                                Reason.SHORTER_AS_PATH)),
                Arguments.of("RFC 4271 §9.1.2.2 a: an AS_SET counts as 1",
                        new Case(path(b, attrs("10.0.0.2", segments(seg(Type.AS_SEQUENCE, 1L), seg(Type.AS_SET, 2L, 3L, 4L)))),
                                path(a, attrs("10.0.0.1", asPath(1, 2, 3))), Reason.SHORTER_AS_PATH)),
                Arguments.of("RFC 5065 §5.3: confederation segments count 0",
                        new Case(path(b, attrs("10.0.0.2", segments(seg(Type.AS_CONFED_SEQUENCE, 65100L, 65101L, 65102L),
                                seg(Type.AS_SEQUENCE, 1L)))),
                                path(a, attrs("10.0.0.1", asPath(1, 2))), Reason.SHORTER_AS_PATH)),
                Arguments.of("RFC 4271 §9.1.2.2 b: lower ORIGIN wins (IGP < EGP < INCOMPLETE)",
                        new Case(path(b, attrs("10.0.0.2", Origin.EGP)), path(a, attrs("10.0.0.1", Origin.INCOMPLETE)),
                                Reason.LOWER_ORIGIN)),
                Arguments.of("RFC 4271 §9.1.2.2 c: lower MED wins between paths from the same neighbouring AS",
                        new Case(path(b, attrs("10.0.0.2", asPath(65001), med(10))),
                                path(a, attrs("10.0.0.1", asPath(65001), med(20))), Reason.LOWER_MED)),
                Arguments.of("RFC 4271 §9.1.2.2 c: a missing MED is the lowest value, 0",
                        new Case(path(b, attrs("10.0.0.2", asPath(65001))),
                                path(a, attrs("10.0.0.1", asPath(65001), med(1))), Reason.LOWER_MED)),
                Arguments.of("RFC 4271 §9.1.2.2 c: MED is not compared across neighbouring ASes",
                        new Case(path(a, attrs("10.0.0.1", asPath(65001), med(500))),
                                path(b, attrs("10.0.0.2", asPath(65002), med(0))), Reason.LOWER_ORIGINATOR_OR_ROUTER_ID)),
                Arguments.of("RFC 4271 §9.1.2.2 d: eBGP wins over iBGP",
                        new Case(path(ebgp("192.0.2.9", 65001, "9.9.9.9"), attrs("192.0.2.9", asPath(65001))),
                                path(a, attrs("10.0.0.1", asPath(65001))), Reason.EBGP_OVER_IBGP)),
                Arguments.of("RFC 4271 §9.1.2.2 f: lower BGP Identifier wins",
                        new Case(path(a, attrs("10.0.0.9")), path(b, attrs("10.0.0.8")),
                                Reason.LOWER_ORIGINATOR_OR_ROUTER_ID)),
                Arguments.of("RFC 4456 §9: ORIGINATOR_ID stands in for the BGP Identifier",
                        new Case(path(ibgp("10.0.0.9", "9.9.9.9"), attrs("10.0.0.9", new OriginatorId(ip4("1.0.0.1")))),
                                path(b, attrs("10.0.0.2")), Reason.LOWER_ORIGINATOR_OR_ROUTER_ID)),
                Arguments.of("RFC 4456 §9: shorter CLUSTER_LIST wins",
                        new Case(path(ibgp("10.0.0.9", "9.9.9.9"), attrs("10.0.0.9", new OriginatorId(ip4("3.3.3.3")),
                                        new ClusterList(List.of(ip4("192.0.2.1"))))),
                                path(ibgp("10.0.0.8", "8.8.8.8"), attrs("10.0.0.8", new OriginatorId(ip4("3.3.3.3")),
                                        new ClusterList(List.of(ip4("192.0.2.2"), ip4("192.0.2.1"))))),
                                Reason.SHORTER_CLUSTER_LIST)),
                Arguments.of("RFC 4271 §9.1.2.2 g: lower peer address wins",
                        new Case(path(ibgp("10.0.0.1", "3.3.3.3"), attrs("10.0.0.7")),
                                path(ibgp("10.0.0.2", "3.3.3.3"), attrs("10.0.0.7")), Reason.LOWER_PEER_ADDRESS)),
                Arguments.of("RFC 7911: two ADD-PATH paths of one peer are ordered by path id",
                        new Case(new Path(a, new Nlri(Fixtures.NLRI.prefix(), 1), attrs("10.0.0.7"), Path.Eligibility.ELIGIBLE, 0),
                                new Path(a, new Nlri(Fixtures.NLRI.prefix(), 2), attrs("10.0.0.7"), Path.Eligibility.ELIGIBLE, 0),
                                Reason.LOWER_PATH_ID)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleSteps")
    void picksTheWinnerAndSaysWhy(String rule, Case c) {
        for (List<Path> order : List.of(List.of(c.winner(), c.loser()), List.of(c.loser(), c.winner()))) {
            Decision d = decision.explain(order);
            assertThat(d.best()).contains(c.winner());
            assertThat(d.ranked()).containsExactly(c.winner(), c.loser());
            assertThat(d.comparisons()).containsExactly(new Comparison(c.winner(), c.loser(), c.reason()));
            assertThat(decision.rank(order)).isEqualTo(new Decision(d.ranked(), d.eligibleCount(), d.multipathCount(), List.of()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleSteps")
    void formsAnEcmpPairOnlyWhenTheStepIsAfterEbgpOverIbgp(String rule, Case c) {
        DecisionProcess ecmp = new DecisionProcess(100, 2);
        int expected = c.reason().compareTo(Reason.LOWER_ORIGINATOR_OR_ROUTER_ID) >= 0 ? 2 : 1;
        assertThat(ecmp.rank(List.of(c.loser(), c.winner())).multipathCount()).isEqualTo(expected);
        assertThat(ecmp.explain(List.of(c.loser(), c.winner())).multipathCount()).isEqualTo(expected);
    }
}
