package dev.corvid.reflector;

import static dev.corvid.reflector.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Afi;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.ClusterList;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.MultiExitDisc;
import dev.corvid.codec.attribute.OriginatorId;
import dev.corvid.rib.Path;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4456 §6: "1) A route from a Non-Client IBGP peer: Reflect to all the Clients. 2) A route from a Client peer:
 * Reflect to all the Non-Client peers and also to the Client peers. 3) Route from an EBGP peer: Send to all the
 * Client and Non-Client Peers." RFC 4271 §9.2: routes learned over iBGP are not re-advertised to iBGP peers.
 * RFC 4456 §8: "When an RR reflects a route, it MUST prepend the local CLUSTER_ID to the CLUSTER_LIST."
 */
class ReflectionTest {
    private final ExportRules rules = new ExportRules(SPEAKER);

    /** Where a route came from, as the table names it. */
    enum From { CLIENT, NON_CLIENT, MESH, EBGP, LOCAL }

    /** Expected result of one source/target pair: suppressed, sent unchanged (iBGP), reflected, or sent over eBGP. */
    enum Result { NOT_SENT, SENT, REFLECTED, EBGP }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(From.CLIENT, PeerRole.RR_CLIENT, Result.REFLECTED),
                Arguments.of(From.CLIENT, PeerRole.NON_CLIENT, Result.REFLECTED),
                Arguments.of(From.CLIENT, PeerRole.MESH, Result.REFLECTED),
                Arguments.of(From.CLIENT, PeerRole.EBGP, Result.EBGP),
                Arguments.of(From.NON_CLIENT, PeerRole.RR_CLIENT, Result.REFLECTED),
                Arguments.of(From.NON_CLIENT, PeerRole.NON_CLIENT, Result.NOT_SENT),
                Arguments.of(From.NON_CLIENT, PeerRole.MESH, Result.NOT_SENT),
                Arguments.of(From.NON_CLIENT, PeerRole.EBGP, Result.EBGP),
                Arguments.of(From.MESH, PeerRole.RR_CLIENT, Result.REFLECTED),
                Arguments.of(From.MESH, PeerRole.NON_CLIENT, Result.NOT_SENT),
                Arguments.of(From.MESH, PeerRole.MESH, Result.NOT_SENT),
                Arguments.of(From.MESH, PeerRole.EBGP, Result.EBGP),
                Arguments.of(From.EBGP, PeerRole.RR_CLIENT, Result.SENT),
                Arguments.of(From.EBGP, PeerRole.NON_CLIENT, Result.SENT),
                Arguments.of(From.EBGP, PeerRole.MESH, Result.SENT),
                Arguments.of(From.EBGP, PeerRole.EBGP, Result.EBGP),
                Arguments.of(From.LOCAL, PeerRole.RR_CLIENT, Result.SENT),
                Arguments.of(From.LOCAL, PeerRole.NON_CLIENT, Result.SENT),
                Arguments.of(From.LOCAL, PeerRole.MESH, Result.SENT),
                Arguments.of(From.LOCAL, PeerRole.EBGP, Result.EBGP));
    }

    private static PathSource source(From from) {
        return switch (from) {
            case CLIENT -> peer("10.0.1.1", PeerRole.RR_CLIENT);
            case NON_CLIENT -> peer("10.0.1.2", PeerRole.NON_CLIENT);
            case MESH -> peer("10.0.1.3", PeerRole.MESH);
            case EBGP -> peer("10.0.1.4", PeerRole.EBGP);
            case LOCAL -> PathSource.LOCAL;
        };
    }

    @ParameterizedTest(name = "route from {0} to {1}: {2}")
    @MethodSource("table")
    void followsRfc4456ReflectionTable(From from, PeerRole to, Result expected) {
        PathSource source = source(from);
        PathAttributes received = from == From.LOCAL ? Origination.attributes(Afi.IPV4) : attributes();
        Path best = path(source, "10.244.1.0/26", received);
        ExportOutcome outcome = rules.toPeer(best, target("10.0.2.1", to), SESSION);

        switch (expected) {
            case NOT_SENT -> assertThat(outcome)
                    .isEqualTo(new ExportOutcome.Suppress(ExportOutcome.Reason.IBGP_NOT_REFLECTED));
            case SENT -> {
                PathAttributes sent = advertised(outcome);
                assertThat(sent.originatorId()).isEmpty();
                assertThat(sent.clusterList()).isEmpty();
                assertThat(sent.localPref()).hasValue(ExportRules.DEFAULT_LOCAL_PREF);
                assertThat(sent.asPath()).isEqualTo(received.asPath());
                assertThat(sent.nextHop()).isEqualTo(from == From.LOCAL ? SELF : ORIGINAL_NEXT_HOP);
            }
            case REFLECTED -> {
                PathAttributes sent = advertised(outcome);
                assertThat(sent.originatorId()).contains(((PathSource.Peer) source).routerId());
                assertThat(sent.clusterList()).containsExactly(CLUSTER_ID);
                assertThat(sent.nextHop()).isEqualTo(ORIGINAL_NEXT_HOP);
                assertThat(sent.asPath()).isEqualTo(received.asPath());
            }
            case EBGP -> {
                PathAttributes sent = advertised(outcome);
                assertThat(sent.originatorId()).isEmpty();
                assertThat(sent.clusterList()).isEmpty();
                assertThat(sent.nextHop()).isEqualTo(SELF);
                assertThat(sent.asPath()).isEqualTo(AsPath.sequence(OUR_AS));
            }
        }
    }

    @Test
    void keepsAnExistingOriginatorIdAndPrependsToTheClusterList() {
        // RFC 4456 §8: "A BGP speaker SHOULD NOT create an ORIGINATOR_ID attribute if one already exists."
        // Hierarchical clusters: a route reflected once already, now reflected by us.
        var firstOriginator = v4("10.9.9.9");
        var otherCluster = v4("10.255.0.2");
        Path best = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "10.244.1.0/26",
                attributes(new OriginatorId(firstOriginator), new ClusterList(List.of(otherCluster))));

        PathAttributes sent = advertised(rules.toPeer(best, target("10.0.2.1", PeerRole.RR_CLIENT), SESSION));

        assertThat(sent.originatorId()).contains(firstOriginator);
        assertThat(sent.clusterList()).containsExactly(CLUSTER_ID, otherCluster);
    }

    @Test
    void reflectsWithoutChangingLocalPrefOrMed() {
        // RFC 4456 §6 leaves the route as the client sent it; only ORIGINATOR_ID and CLUSTER_LIST are added.
        Path best = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "10.244.1.0/26",
                attributes(new LocalPref(200), new MultiExitDisc(7)));

        PathAttributes sent = advertised(rules.toPeer(best, target("10.0.2.1", PeerRole.NON_CLIENT), SESSION));

        assertThat(sent.localPref()).hasValue(200);
        assertThat(sent.med()).hasValue(7);
    }

    @Test
    void neverSendsARouteBackToThePeerItCameFrom() {
        // Split horizon: a reflector serves a client all routes except the client's own.
        for (PeerRole role : PeerRole.values()) {
            String address = "10.0.1.1";
            Path best = path(peer(address, role), "10.244.1.0/26", attributes());

            assertThat(rules.toPeer(best, target(address, role), SESSION))
                    .as(role.label())
                    .isEqualTo(new ExportOutcome.Suppress(ExportOutcome.Reason.SPLIT_HORIZON));
            assertThat(ExportRules.isSplitHorizon(best, ip(address))).isTrue();
            assertThat(ExportRules.isSplitHorizon(best, ip("10.0.1.2"))).isFalse();
        }
    }

    @Test
    void setsOwnAddressOnReflectedRoutesOnlyForNextHopSelfTargets() {
        // RFC 4271 §5.1.3: the next hop is not modified "unless it has been explicitly configured to announce its
        // own IP address as the NEXT_HOP".
        Path best = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "10.244.1.0/26", attributes());

        PathAttributes kept = advertised(rules.toPeer(best, target("10.0.2.1", PeerRole.RR_CLIENT), SESSION));
        PathAttributes self = advertised(rules.toPeer(best,
                target("10.0.2.1", PeerRole.RR_CLIENT).withNextHopSelf(true), SESSION));

        assertThat(kept.nextHop()).isEqualTo(ORIGINAL_NEXT_HOP);
        assertThat(self.nextHop()).isEqualTo(SELF);
    }
}
