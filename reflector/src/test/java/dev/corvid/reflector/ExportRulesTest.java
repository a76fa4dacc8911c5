package dev.corvid.reflector;

import static dev.corvid.reflector.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.AsPathSegment;
import dev.corvid.codec.attribute.ClusterList;
import dev.corvid.codec.attribute.Communities;
import dev.corvid.codec.attribute.ExtendedCommunities;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.MultiExitDisc;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.OriginatorId;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.attribute.UnknownAttribute;
import dev.corvid.rib.Path;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExportRulesTest {
    private final ExportRules rules = new ExportRules(SPEAKER);
    private final PeerSettings tor = target("172.16.0.1", PeerRole.EBGP);

    /**
     * RFC 4271 §5.1.2 b: the speaker "prepends its own AS number as the last element of the sequence"; "if the first
     * path segment of the AS_PATH is of type AS_SET, the local system prepends a new path segment of type
     * AS_SEQUENCE"; "if the AS_PATH is empty, the local system creates a path segment of type AS_SEQUENCE".
     * §5.1.5: LOCAL_PREF "MUST NOT" go to external peers; §5.1.4: a MED "received from a neighboring AS MUST NOT be
     * propagated to other neighboring ASes"; §5.1.3: NEXT_HOP is "the IP address of the interface that the speaker
     * uses to establish the BGP connection to peer X".
     */
    @Nested
    class ToAnEbgpPeer {
        static Stream<Arguments> prepends() {
            long[] full = LongStream.rangeClosed(1, 255).toArray();
            var set = new AsPathSegment(AsPathSegment.Type.AS_SET, List.of(65010L, 65011L));
            return Stream.of(
                    Arguments.of("empty", AsPath.EMPTY, AsPath.sequence(OUR_AS)),
                    Arguments.of("sequence", AsPath.sequence(65001, 65002), AsPath.sequence(OUR_AS, 65001, 65002)),
                    Arguments.of("set first", new AsPath(List.of(set)),
                            new AsPath(List.of(AsPathSegment.sequence(OUR_AS), set))),
                    Arguments.of("full sequence", AsPath.sequence(full),
                            new AsPath(List.of(AsPathSegment.sequence(OUR_AS), AsPathSegment.sequence(full)))),
                    Arguments.of("254 in the sequence", AsPath.sequence(LongStream.rangeClosed(2, 255).toArray()),
                            AsPath.sequence(LongStream.concat(LongStream.of(OUR_AS), LongStream.rangeClosed(2, 255))
                                    .toArray())),
                    Arguments.of("sequence then set", new AsPath(List.of(AsPathSegment.sequence(65001), set)),
                            new AsPath(List.of(AsPathSegment.sequence(OUR_AS, 65001), set))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("prepends")
        void prependsOurAsPerRfc4271Section512(String name, AsPath received, AsPath expected) {
            Path best = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "10.244.1.0/26", attributes(received));

            assertThat(advertised(rules.toPeer(best, tor, SESSION)).asPath()).isEqualTo(expected);
        }

        @Test
        void rewritesTheNextHopAndRemovesLocalPrefMedAndReflectorAttributes() {
            Path best = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "10.244.1.0/26", attributes(
                    new LocalPref(300), new MultiExitDisc(50), new OriginatorId(v4("10.9.9.9")),
                    new ClusterList(List.of(v4("10.255.0.9"))), new Communities(List.of(0xFC00_0001))));

            PathAttributes sent = advertised(rules.toPeer(best, tor, SESSION));

            assertThat(sent.nextHop()).isEqualTo(SELF);
            assertThat(sent.localPref()).isEmpty();
            assertThat(sent.med()).isEmpty();
            assertThat(sent.originatorId()).isEmpty();
            assertThat(sent.clusterList()).isEmpty();
            assertThat(sent.communities()).containsExactly(0xFC00_0001);
        }

        @Test
        void dropsAMedReceivedFromAnotherNeighbouringAs() {
            Path best = path(peer("172.16.9.1", PeerRole.EBGP), "0.0.0.0/0", attributes(
                    AsPath.sequence(TOR_AS), new MultiExitDisc(10)));

            PathAttributes sent = advertised(rules.toPeer(best, target("172.16.0.2", PeerRole.EBGP), SESSION));

            assertThat(sent.med()).isEmpty();
            assertThat(sent.asPath()).isEqualTo(AsPath.sequence(OUR_AS, TOR_AS));
        }

        @Test
        void advertisesALocallyOriginatedBlockWithOnlyOurAsAndOriginIgp() {
            Path block = path(PathSource.LOCAL, "10.244.1.0/26", Origination.attributes(Afi.IPV4));

            PathAttributes sent = advertised(rules.toPeer(block, tor.withExport(new Policy.Originated()), SESSION));

            assertThat(sent.asPath()).isEqualTo(AsPath.sequence(OUR_AS));
            assertThat(sent.origin()).isEqualTo(Origin.IGP);
            assertThat(sent.nextHop()).isEqualTo(SELF);
            assertThat(sent.localPref()).isEmpty();
        }

        @Test
        void usesTheIpv6SessionAddressForIpv6Routes() {
            var linkLocal = (Inet6Address) ip("fe80::1");
            var local = new LocalAddresses(Optional.of(SELF), Optional.of(SELF6), Optional.of(linkLocal));
            var session = new NegotiatedSession(Set.of(Family.IPV6_UNICAST), WireContext.FOUR_OCTET_AS, local);
            Path block = path(PathSource.LOCAL, "2001:db8:1::/48", Origination.attributes(Afi.IPV6));

            PathAttributes sent = advertised(rules.toPeer(block, tor, session));

            assertThat(sent.nextHop()).isEqualTo(SELF6);
            assertThat(sent.linkLocalNextHop()).contains(linkLocal);
        }

        @Test
        void suppressesWhenTheSessionHasNoAddressOfTheRoutesFamily() {
            var session = new NegotiatedSession(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST),
                    WireContext.FOUR_OCTET_AS, LocalAddresses.of(SELF));
            Path block = path(PathSource.LOCAL, "2001:db8:1::/48", Origination.attributes(Afi.IPV6));

            assertThat(rules.toPeer(block, tor, session))
                    .isEqualTo(new ExportOutcome.Suppress(ExportOutcome.Reason.NO_LOCAL_ADDRESS));
        }

        @Test
        void removesNonTransitiveExtendedCommunities() {
            // RFC 4360 §2: the Transitive bit set means "The community is non-transitive across ASes".
            long transitive = 0x0002_FDE8_0000_0064L; // route target 65000:100
            long nonTransitive = 0x4300_0000_0000_0001L;
            Path best = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "10.244.1.0/26",
                    attributes(new ExtendedCommunities(List.of(transitive, nonTransitive))));

            assertThat(advertised(rules.toPeer(best, tor, SESSION)).extendedCommunities()).containsExactly(transitive);
            assertThat(advertised(rules.toPeer(best, target("10.0.2.1", PeerRole.RR_CLIENT), SESSION))
                    .extendedCommunities()).containsExactly(transitive, nonTransitive);
        }
    }

    /**
     * RFC 4271 §5.1.5: LOCAL_PREF "SHALL be included in all UPDATE messages that a given BGP speaker sends to other
     * internal peers."
     */
    @Nested
    class ToAnIbgpPeer {
        @Test
        void addsTheDefaultLocalPrefToRoutesWithout() {
            Path best = path(peer("172.16.0.1", PeerRole.EBGP), "0.0.0.0/0", attributes(AsPath.sequence(TOR_AS)));

            PathAttributes sent = advertised(rules.toPeer(best, target("10.0.2.1", PeerRole.MESH), SESSION));

            assertThat(sent.localPref()).hasValue(100);
            assertThat(sent.nextHop()).isEqualTo(ORIGINAL_NEXT_HOP);
            assertThat(sent.asPath()).isEqualTo(AsPath.sequence(TOR_AS));
        }

        @Test
        void keepsTheMedOfAnEbgpRouteInsideTheAs() {
            // RFC 4271 §5.1.4: "If received over EBGP, the MULTI_EXIT_DISC attribute MAY be propagated over IBGP".
            Path best = path(peer("172.16.0.1", PeerRole.EBGP), "0.0.0.0/0",
                    attributes(AsPath.sequence(TOR_AS), new MultiExitDisc(10)));

            assertThat(advertised(rules.toPeer(best, target("10.0.2.1", PeerRole.MESH), SESSION)).med()).hasValue(10);
        }

        @Test
        void announcesALocallyOriginatedBlockWithTheSessionAddressAsNextHop() {
            // RFC 4271 §5.1.3: "When announcing a locally-originated route to an internal peer, the BGP speaker SHOULD
            // use the interface address of the router through which the announced network is reachable".
            Path block = path(PathSource.LOCAL, "10.244.1.0/26", Origination.attributes(Afi.IPV4));

            PathAttributes sent = advertised(rules.toPeer(block, target("10.0.2.1", PeerRole.MESH), SESSION));

            assertThat(sent.nextHop()).isEqualTo(SELF);
            assertThat(sent.asPath()).isEqualTo(AsPath.EMPTY);
            assertThat(sent.localPref()).hasValue(100);
        }

        @Test
        void dropsALinkLocalNextHopThatIsPassedOnUnchanged() {
            // RFC 2545 §3: the link-local address is for a peer on the same link, which a passed-on next hop isn't.
            var global = ip("2001:db8:9::1");
            var attributes = PathAttributes.of(List.of(Origin.IGP, AsPath.EMPTY),
                    global, Optional.of(ip("fe80::9")));
            Path best = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "2001:db8:9::/48", attributes);

            PathAttributes sent = advertised(rules.toPeer(best, target("10.0.2.1", PeerRole.RR_CLIENT), SESSION));

            assertThat(sent.nextHop()).isEqualTo(global);
            assertThat(sent.linkLocalNextHop()).isEmpty();
        }
    }

    @Test
    void passesUnknownTransitiveAttributesWithThePartialBitSet() {
        // RFC 4271 §5: "the unrecognized transitive optional attribute of that path MUST be passed, along with the
        // path, to other BGP peers with the Partial bit in the Flags octet set to 1."
        var unknown = new UnknownAttribute(PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE, 99,
                Bytes.of(new byte[] {1, 2, 3}));
        Path best = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "10.244.1.0/26", attributes(unknown));

        for (PeerSettings to : List.of(tor, target("10.0.2.1", PeerRole.RR_CLIENT))) {
            assertThat(advertised(rules.toPeer(best, to, SESSION)).unknown())
                    .as(to.role().label())
                    .containsExactly(unknown.withPartial());
        }
    }

    /** RFC 1997: NO_ADVERTISE "MUST NOT be advertised to other BGP peers"; NO_EXPORT not outside the AS. */
    @Test
    void honoursWellKnownCommunities() {
        Path noAdvertise = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "10.244.1.0/26",
                attributes(new Communities(List.of(ExportRules.NO_ADVERTISE))));
        Path noExport = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "10.244.2.0/26",
                attributes(new Communities(List.of(ExportRules.NO_EXPORT))));
        PeerSettings client = target("10.0.2.1", PeerRole.RR_CLIENT);

        assertThat(rules.toPeer(noAdvertise, client, SESSION))
                .isEqualTo(new ExportOutcome.Suppress(ExportOutcome.Reason.NO_ADVERTISE_COMMUNITY));
        assertThat(rules.toPeer(noExport, tor, SESSION))
                .isEqualTo(new ExportOutcome.Suppress(ExportOutcome.Reason.NO_EXPORT_COMMUNITY));
        assertThat(rules.toPeer(noExport, client, SESSION)).isInstanceOf(ExportOutcome.Advertise.class);
    }

    /**
     * RFC 8212 §3.2: "Routes SHALL NOT be added to the Adj-RIBs-Out associated with an EBGP peer if no explicit
     * Export Policy has been applied." iBGP peers are not affected.
     */
    @Test
    void exportsNothingToAnEbgpPeerWithoutAnExportPolicy() {
        Path block = path(PathSource.LOCAL, "10.244.1.0/26", Origination.attributes(Afi.IPV4));
        PeerSettings bare = PeerSettings.of(ip("172.16.0.1"), TOR_AS, PeerRole.EBGP);

        assertThat(rules.toPeer(block, bare, SESSION))
                .isEqualTo(new ExportOutcome.Suppress(ExportOutcome.Reason.NO_EXPORT_POLICY));
        assertThat(rules.toPeer(block, PeerSettings.of(ip("10.0.2.1"), OUR_AS, PeerRole.MESH), SESSION))
                .isInstanceOf(ExportOutcome.Advertise.class);
    }

    @Test
    void exportsOnlyOriginatedRoutesUnderTheOriginatedPolicy() {
        PeerSettings onlyOurs = tor.withExport(new Policy.Originated());
        Path block = path(PathSource.LOCAL, "10.244.1.0/26", Origination.attributes(Afi.IPV4));
        Path learned = path(peer("10.0.1.1", PeerRole.RR_CLIENT), "10.244.2.0/26", attributes());

        assertThat(rules.toPeer(block, onlyOurs, SESSION)).isInstanceOf(ExportOutcome.Advertise.class);
        assertThat(rules.toPeer(learned, onlyOurs, SESSION))
                .isEqualTo(new ExportOutcome.Suppress(ExportOutcome.Reason.REJECTED_BY_POLICY));
    }

    @Test
    void suppressesFamiliesTheSessionDidNotNegotiate() {
        var v4only = new NegotiatedSession(Set.of(Family.IPV4_UNICAST), WireContext.FOUR_OCTET_AS, LOCAL);
        Path v6 = path(PathSource.LOCAL, "2001:db8:1::/48", Origination.attributes(Afi.IPV6));

        assertThat(rules.toPeer(v6, target("10.0.2.1", PeerRole.MESH), v4only))
                .isEqualTo(new ExportOutcome.Suppress(ExportOutcome.Reason.FAMILY_NOT_NEGOTIATED));
    }
}
