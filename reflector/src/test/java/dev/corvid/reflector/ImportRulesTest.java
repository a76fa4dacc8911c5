package dev.corvid.reflector;

import static dev.corvid.reflector.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.AsPathSegment;
import dev.corvid.codec.attribute.ClusterList;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.MultiExitDisc;
import dev.corvid.codec.attribute.OriginatorId;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.rib.PathAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImportRulesTest {
    private static final Prefix DEFAULT_ROUTE = Prefix.parse("0.0.0.0/0");
    private final ImportRules rules = new ImportRules(SPEAKER);
    private final PeerSettings tor = PeerSettings.of(ip("172.16.0.1"), TOR_AS, PeerRole.EBGP)
            .withImport(new Policy.Accept());
    private final PeerSettings client = PeerSettings.of(ip("10.0.1.1"), OUR_AS, PeerRole.RR_CLIENT);

    private static ImportOutcome dropped(ImportOutcome.Reason reason) {
        return new ImportOutcome.Dropped(reason);
    }

    /**
     * RFC 4271 §9.1.2: "AS loop detection is done by scanning the full AS_PATH (as specified in the AS_PATH
     * attribute), and checking that the autonomous system number of the local system does not appear in the AS
     * path." allow-local-as N lets it appear up to N times (top-of-rack designs that reuse one AS on every rack).
     */
    static Stream<Arguments> loops() {
        var set = new AsPath(List.of(AsPathSegment.sequence(TOR_AS),
                new AsPathSegment(AsPathSegment.Type.AS_SET, List.of(65020L, OUR_AS))));
        return Stream.of(
                Arguments.of("no own AS", AsPath.sequence(TOR_AS, 65002), 0, true),
                Arguments.of("own AS once", AsPath.sequence(TOR_AS, OUR_AS), 0, false),
                Arguments.of("own AS in an AS_SET", set, 0, false),
                Arguments.of("own AS once, allow 1", AsPath.sequence(TOR_AS, OUR_AS), 1, true),
                Arguments.of("own AS twice, allow 1", AsPath.sequence(TOR_AS, OUR_AS, 65002, OUR_AS), 1, false),
                Arguments.of("own AS twice, allow 2", AsPath.sequence(TOR_AS, OUR_AS, 65002, OUR_AS), 2, true),
                Arguments.of("own AS prepended 3 times, allow 2", AsPath.sequence(TOR_AS, OUR_AS, OUR_AS, OUR_AS), 2,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loops")
    void detectsAsPathLoopsOnEbgp(String name, AsPath path, int allowLocalAs, boolean accepted) {
        ImportOutcome outcome = rules.apply(tor.withAllowLocalAs(allowLocalAs), DEFAULT_ROUTE, attributes(path));

        if (accepted) assertThat(outcome).isInstanceOf(ImportOutcome.Accepted.class);
        else assertThat(outcome).isEqualTo(dropped(ImportOutcome.Reason.AS_PATH_LOOP));
    }

    /**
     * RFC 4271 §5.1.5: LOCAL_PREF received from an external peer "MUST be ignored by the receiving speaker";
     * ORIGINATOR_ID and CLUSTER_LIST (RFC 4456 §8) belong to the AS that set them. The MED stays: RFC 4271
     * §9.1.2.2 c compares it between routes from the same neighbouring AS.
     */
    @Test
    void ignoresLocalPrefAndReflectorAttributesFromAnEbgpPeer() {
        PathAttributes received = attributes(AsPath.sequence(TOR_AS), new LocalPref(500), new MultiExitDisc(20),
                new OriginatorId(v4("172.16.9.9")), new ClusterList(List.of(v4("172.16.255.1"))));

        var accepted = (ImportOutcome.Accepted) rules.apply(tor, DEFAULT_ROUTE, received);

        assertThat(accepted.attributes().localPref()).isEmpty();
        assertThat(accepted.attributes().originatorId()).isEmpty();
        assertThat(accepted.attributes().clusterList()).isEmpty();
        assertThat(accepted.attributes().med()).hasValue(20);
    }

    /**
     * RFC 4456 §8: "A router that recognizes the ORIGINATOR_ID attribute SHOULD ignore a route received with its
     * BGP Identifier as the ORIGINATOR_ID." "If the local CLUSTER_ID is found in the CLUSTER_LIST, the
     * advertisement received SHOULD be ignored."
     */
    @Test
    void dropsIbgpRoutesThatLoopedBackThroughOriginatorIdOrClusterList() {
        Prefix block = Prefix.parse("10.244.1.0/26");

        assertThat(rules.apply(client, block, attributes(new OriginatorId(ROUTER_ID))))
                .isEqualTo(dropped(ImportOutcome.Reason.ORIGINATOR_ID_LOOP));
        assertThat(rules.apply(client, block, attributes(new ClusterList(List.of(v4("10.255.0.7"), CLUSTER_ID)))))
                .isEqualTo(dropped(ImportOutcome.Reason.CLUSTER_LIST_LOOP));
        PathAttributes foreign = attributes(new OriginatorId(v4("10.0.7.7")), new ClusterList(List.of(v4("10.255.0.7"))),
                new LocalPref(200));
        assertThat(rules.apply(client, block, foreign)).isEqualTo(new ImportOutcome.Accepted(foreign));
    }

    @Test
    void dropsARouteFromAnotherReflectorOfTheSameCluster() {
        // RFC 4456 §7: reflectors of one cluster share a CLUSTER_ID "so that an RR can discard routes from other RRs
        // in the same cluster".
        var sameCluster = new Speaker(OUR_AS, v4("10.0.0.2"), CLUSTER_ID);
        PeerSettings otherReflector = PeerSettings.of(ip("10.0.0.1"), OUR_AS, PeerRole.NON_CLIENT);
        PathAttributes reflectedByIt = attributes(new OriginatorId(v4("10.0.1.1")), new ClusterList(List.of(CLUSTER_ID)));

        assertThat(new ImportRules(sameCluster).apply(otherReflector, Prefix.parse("10.244.1.0/26"), reflectedByIt))
                .isEqualTo(dropped(ImportOutcome.Reason.CLUSTER_LIST_LOOP));
    }

    /**
     * RFC 8212 §3.1: "Routes contained in an Adj-RIB-In associated with an EBGP peer SHALL NOT be considered
     * eligible in the Decision Process if no explicit Import Policy has been applied."
     */
    @Test
    void importsNothingFromAnEbgpPeerWithoutAnImportPolicy() {
        PeerSettings bare = PeerSettings.of(ip("172.16.0.1"), TOR_AS, PeerRole.EBGP);
        PathAttributes received = attributes(AsPath.sequence(TOR_AS));

        assertThat(rules.apply(bare, DEFAULT_ROUTE, received)).isEqualTo(dropped(ImportOutcome.Reason.NO_IMPORT_POLICY));
        assertThat(rules.apply(bare.withImport(new Policy.Reject()), DEFAULT_ROUTE, received))
                .isEqualTo(dropped(ImportOutcome.Reason.REJECTED_BY_POLICY));
        assertThat(rules.apply(PeerSettings.of(ip("10.0.2.2"), OUR_AS, PeerRole.MESH), DEFAULT_ROUTE, received))
                .isInstanceOf(ImportOutcome.Accepted.class);
    }

    @Test
    void importsOnlyTheDefaultRouteFromATorThroughAPrefixList() {
        var onlyDefault = new Policy.PrefixList(List.of(PrefixRule.exact(DEFAULT_ROUTE, PrefixRule.Action.ACCEPT)));
        PeerSettings strict = tor.withImport(onlyDefault);
        PathAttributes received = attributes(AsPath.sequence(TOR_AS));

        assertThat(rules.apply(strict, DEFAULT_ROUTE, received)).isInstanceOf(ImportOutcome.Accepted.class);
        assertThat(rules.apply(strict, Prefix.parse("192.168.0.0/16"), received))
                .isEqualTo(dropped(ImportOutcome.Reason.REJECTED_BY_POLICY));
    }

    @Test
    void rejectsEveryReceivedRouteUnderTheOriginatedPolicy() {
        // Nothing received from a peer is originated by this node.
        assertThat(rules.apply(tor.withImport(new Policy.Originated()), DEFAULT_ROUTE, attributes(AsPath.sequence(TOR_AS))))
                .isEqualTo(dropped(ImportOutcome.Reason.REJECTED_BY_POLICY));
    }
}
