package dev.corvid.fsm.open;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.capability.AddPath;
import dev.corvid.codec.capability.Capability;
import dev.corvid.codec.capability.CiscoRouteRefresh;
import dev.corvid.codec.capability.EnhancedRouteRefresh;
import dev.corvid.codec.capability.ExtendedMessage;
import dev.corvid.codec.capability.ExtendedNextHop;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.capability.RouteRefreshCapability;
import dev.corvid.codec.message.Open;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4271 §6.2 OPEN checks and capability negotiation. */
class OpenCheckTest {
    static final long LOCAL_AS = 64512;
    static final Inet4Address LOCAL_ID = ipv4("10.0.0.1");
    static final Inet4Address PEER_ID = ipv4("10.0.0.2");
    static final Capability V4 = new Multiprotocol(Family.IPV4_UNICAST);
    static final Capability V6 = new Multiprotocol(Family.IPV6_UNICAST);

    static OpenCheck ours(long peerAs, Capability... capabilities) {
        return new OpenCheck(Open.of(LOCAL_AS, 90, LOCAL_ID, List.of(capabilities)), peerAs);
    }

    static Open theirs(long asn, int holdTime, Capability... capabilities) {
        return Open.of(asn, holdTime, PEER_ID, List.of(capabilities));
    }

    static Negotiated accepted(OpenVerdict verdict) {
        assertThat(verdict).isInstanceOf(OpenVerdict.Accepted.class);
        return ((OpenVerdict.Accepted) verdict).negotiated();
    }

    static OpenVerdict.Rejected rejected(OpenVerdict verdict) {
        assertThat(verdict).isInstanceOf(OpenVerdict.Rejected.class);
        return (OpenVerdict.Rejected) verdict;
    }

    // Hold time, RFC 4271 §4.2

    @ParameterizedTest(name = "ours 90, theirs {0} -> hold {1}, keepalive {2}")
    @CsvSource({"30, 30, 10", "180, 90, 30", "90, 90, 30", "3, 3, 1", "0, 0, 0"})
    void negotiatesSmallerHoldTimeAndAThirdOfItForKeepalives(int theirs, int hold, int keepalive) {
        Negotiated n = accepted(ours(LOCAL_AS, V4).check(theirs(LOCAL_AS, theirs, V4)));

        assertThat(n.holdTime()).isEqualTo(hold);
        assertThat(n.keepaliveTime()).isEqualTo(keepalive);
    }

    @Test
    void runsWithoutKeepalivesWhenWeOfferZero() {
        OpenCheck zero = new OpenCheck(Open.of(LOCAL_AS, 0, LOCAL_ID, List.of()), LOCAL_AS);

        Negotiated n = accepted(zero.check(theirs(LOCAL_AS, 90)));

        assertThat(n.holdTime()).isZero();
        assertThat(n.keepaliveTime()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void rejectsHoldTimeOfOneOrTwoSeconds(int holdTime) {
        OpenVerdict.Rejected r = rejected(ours(LOCAL_AS).check(theirs(LOCAL_AS, holdTime)));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.subcode()).isEqualTo(OpenCheck.UNACCEPTABLE_HOLD_TIME);
        assertThat(r.data()).isEqualTo(Bytes.EMPTY);
    }

    // Bad Peer AS, RFC 4271 §6.2 and RFC 6793 §4.1

    @Test
    void rejectsTwoOctetPeerAsThatIsNotConfigured() {
        OpenVerdict.Rejected r = rejected(ours(65000).check(theirs(65001, 90)));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.subcode()).isEqualTo(OpenCheck.BAD_PEER_AS);
        assertThat(r.data()).isEqualTo(Bytes.fromHex("fde9  # My Autonomous System 65001"));
    }

    @Test
    void comparesFourOctetAsCapabilityNotAsTrans() {
        OpenCheck check = ours(4_200_000_000L, new FourOctetAs(LOCAL_AS));

        Negotiated n = accepted(check.check(theirs(4_200_000_000L, 90, new FourOctetAs(4_200_000_000L))));
        assertThat(n.peerAs()).isEqualTo(4_200_000_000L);

        OpenVerdict.Rejected r = rejected(check.check(theirs(4_200_000_001L, 90, new FourOctetAs(4_200_000_001L))));
        assertThat(r.subcode()).isEqualTo(OpenCheck.BAD_PEER_AS);
        assertThat(r.data()).isEqualTo(Bytes.fromHex("5ba0  # My Autonomous System: AS_TRANS 23456"));
    }

    // Bad BGP Identifier, RFC 6286 §2.2

    @Test
    void rejectsOurOwnIdentifierFromInternalPeer() {
        Open sameId = Open.of(LOCAL_AS, 90, LOCAL_ID, List.of());

        OpenVerdict.Rejected r = rejected(ours(LOCAL_AS).check(sameId));

        assertThat(r.subcode()).isEqualTo(OpenCheck.BAD_BGP_IDENTIFIER);
        assertThat(r.data()).isEqualTo(Bytes.fromHex("0a000001  # BGP Identifier 10.0.0.1"));
    }

    @Test
    void acceptsOurOwnIdentifierFromExternalPeer() {
        Open sameId = Open.of(65001, 90, LOCAL_ID, List.of());

        assertThat(accepted(ours(65001).check(sameId)).peerIdentifier()).isEqualTo(LOCAL_ID);
    }

    @Test
    void rejectsIdentifierZero() {
        Open zero = Open.of(65001, 90, ipv4("0.0.0.0"), List.of());

        OpenVerdict.Rejected r = rejected(ours(65001).check(zero));

        assertThat(r.subcode()).isEqualTo(OpenCheck.BAD_BGP_IDENTIFIER);
        assertThat(r.data()).isEqualTo(Bytes.fromHex("00000000  # BGP Identifier 0.0.0.0"));
    }

    // Address families, RFC 4760 §8

    @Test
    void keepsFamiliesBothSidesAnnounced() {
        Negotiated n = accepted(ours(LOCAL_AS, V4, V6).check(theirs(LOCAL_AS, 90, V6)));

        assertThat(n.families()).containsExactly(Family.IPV6_UNICAST);
    }

    @Test
    void assumesIpv4UnicastWhenNeitherSideSendsMultiprotocol() {
        assertThat(accepted(ours(LOCAL_AS).check(theirs(LOCAL_AS, 90))).families())
                .containsExactly(Family.IPV4_UNICAST);
        assertThat(accepted(ours(LOCAL_AS).check(theirs(LOCAL_AS, 90, V4, V6))).families())
                .containsExactly(Family.IPV4_UNICAST);
    }

    @Test
    void rejectsPeerWithNoFamilyInCommonListingOurs() {
        OpenVerdict.Rejected r = rejected(ours(LOCAL_AS, V4).check(theirs(LOCAL_AS, 90, V6)));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.subcode()).isEqualTo(OpenCheck.UNSUPPORTED_CAPABILITY);
        assertThat(r.data()).isEqualTo(Bytes.fromHex("""
                01      # Capability Code: Multiprotocol
                04      # Capability Length
                0001    # AFI IPv4
                00      # Reserved
                01      # SAFI unicast
                """));
        // No Multiprotocol capability from us means IPv4 unicast, and says so.
        assertThat(rejected(ours(LOCAL_AS).check(theirs(LOCAL_AS, 90, V6))).data()).isEqualTo(r.data());
    }

    // ADD-PATH, RFC 7911 §4

    @ParameterizedTest(name = "ours {0}, theirs {1} -> send {2}, receive {3}")
    @CsvSource({
            "3, 3, true, true",
            "2, 1, true, false",
            "1, 2, false, true",
            "2, 2, false, false",
            "1, 1, false, false",
            "3, 1, true, false",
            "3, 2, false, true",
            "3, 0, false, false",
            "3, 4, false, false"})
    void sendsPathIdentifiersOnlyWhenWeSendAndTheyReceive(int ours, int theirs, boolean send, boolean receive) {
        OpenCheck check = ours(LOCAL_AS, V4, addPath(Family.IPV4_UNICAST, ours));
        List<Capability> peer = new ArrayList<>(List.of(V4));
        if (theirs != 0) peer.add(addPath(Family.IPV4_UNICAST, theirs));

        Negotiated n = accepted(check.check(theirs(LOCAL_AS, 90, peer.toArray(Capability[]::new))));

        assertThat(n.addPathSend().contains(Family.IPV4_UNICAST)).isEqualTo(send);
        assertThat(n.addPathReceive().contains(Family.IPV4_UNICAST)).isEqualTo(receive);
        assertThat(n.wireContext().addPathSend(Family.IPV4_UNICAST)).isEqualTo(send);
        assertThat(n.wireContext().addPathReceive(Family.IPV4_UNICAST)).isEqualTo(receive);
    }

    @Test
    void negotiatesAddPathOnlyForCommonFamilies() {
        OpenCheck check = ours(LOCAL_AS, V4, V6, new AddPath(List.of(
                new AddPath.Tuple(Family.IPV4_UNICAST, AddPath.Tuple.BOTH),
                new AddPath.Tuple(Family.IPV6_UNICAST, AddPath.Tuple.BOTH))));

        Negotiated n = accepted(check.check(theirs(LOCAL_AS, 90, V4, new AddPath(List.of(
                new AddPath.Tuple(Family.IPV4_UNICAST, AddPath.Tuple.BOTH),
                new AddPath.Tuple(Family.IPV6_UNICAST, AddPath.Tuple.BOTH))))));

        assertThat(n.addPathSend()).containsExactly(Family.IPV4_UNICAST);
        assertThat(n.addPathReceive()).containsExactly(Family.IPV4_UNICAST);
    }

    // Capabilities that need both sides

    @Test
    void usesFourOctetAsOnlyWhenBothSidesSupportIt() {
        Negotiated both = accepted(ours(LOCAL_AS, new FourOctetAs(LOCAL_AS))
                .check(theirs(LOCAL_AS, 90, new FourOctetAs(LOCAL_AS))));
        Negotiated oursOnly = accepted(ours(LOCAL_AS, new FourOctetAs(LOCAL_AS)).check(theirs(LOCAL_AS, 90)));
        Negotiated theirsOnly = accepted(ours(LOCAL_AS).check(theirs(LOCAL_AS, 90, new FourOctetAs(LOCAL_AS))));

        assertThat(both.fourOctetAs()).isTrue();
        assertThat(both.wireContext().fourOctetAs()).isTrue();
        assertThat(oursOnly.fourOctetAs()).isFalse();
        assertThat(theirsOnly.wireContext()).isEqualTo(WireContext.DEFAULT);
    }

    @Test
    void usesExtendedMessagesOnlyWhenBothSidesAnnounceThem() {
        Negotiated both = accepted(ours(LOCAL_AS, new ExtendedMessage())
                .check(theirs(LOCAL_AS, 90, new ExtendedMessage())));
        Negotiated one = accepted(ours(LOCAL_AS, new ExtendedMessage()).check(theirs(LOCAL_AS, 90)));

        assertThat(both.extendedMessage()).isTrue();
        assertThat(both.wireContext().maxMessageLength()).isEqualTo(65535);
        assertThat(one.extendedMessage()).isFalse();
        assertThat(one.wireContext().maxMessageLength()).isEqualTo(4096);
    }

    @Test
    void acceptsCiscoRouteRefreshAsRouteRefresh() {
        assertThat(accepted(ours(LOCAL_AS, new RouteRefreshCapability())
                .check(theirs(LOCAL_AS, 90, new CiscoRouteRefresh()))).routeRefresh()).isTrue();
        assertThat(accepted(ours(LOCAL_AS, new RouteRefreshCapability())
                .check(theirs(LOCAL_AS, 90))).routeRefresh()).isFalse();
    }

    @Test
    void usesEnhancedRouteRefreshOnlyWhenBothSidesAnnounceIt() {
        assertThat(accepted(ours(LOCAL_AS, new EnhancedRouteRefresh())
                .check(theirs(LOCAL_AS, 90, new EnhancedRouteRefresh()))).enhancedRouteRefresh()).isTrue();
        assertThat(accepted(ours(LOCAL_AS)
                .check(theirs(LOCAL_AS, 90, new EnhancedRouteRefresh()))).enhancedRouteRefresh()).isFalse();
    }

    @Test
    void keepsExtendedNextHopTuplesBothSidesAnnounced() {
        ExtendedNextHop.Tuple v4OverV6 = new ExtendedNextHop.Tuple(Family.IPV4_UNICAST, 2);
        ExtendedNextHop.Tuple vpn = new ExtendedNextHop.Tuple(Family.of(1, 128), 2);

        Negotiated n = accepted(ours(LOCAL_AS, new ExtendedNextHop(List.of(v4OverV6, vpn)))
                .check(theirs(LOCAL_AS, 90, new ExtendedNextHop(List.of(v4OverV6)))));

        assertThat(n.extendedNextHop()).isEqualTo(Set.of(v4OverV6));
    }

    @Test
    void reportsPeerGracefulRestart() {
        GracefulRestart gr = new GracefulRestart(GracefulRestart.RESTART_STATE, 120,
                List.of(new GracefulRestart.Tuple(Family.IPV4_UNICAST, GracefulRestart.Tuple.FORWARDING_STATE)));

        assertThat(accepted(ours(LOCAL_AS).check(theirs(LOCAL_AS, 90, gr))).peerGracefulRestart()).contains(gr);
        assertThat(accepted(ours(LOCAL_AS).check(theirs(LOCAL_AS, 90))).peerGracefulRestart()).isEmpty();
    }

    static AddPath addPath(Family family, int sendReceive) {
        return new AddPath(List.of(new AddPath.Tuple(family, sendReceive)));
    }

    static Inet4Address ipv4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
