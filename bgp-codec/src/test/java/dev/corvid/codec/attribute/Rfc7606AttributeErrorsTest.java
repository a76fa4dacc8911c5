package dev.corvid.codec.attribute;

import static dev.corvid.codec.attribute.PathAttribute.*;
import static dev.corvid.codec.attribute.Wire.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.Severity;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.DecodeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One malformed vector per RFC 7606 clause (and the RFCs that add attributes), with its expected outcome. */
class Rfc7606AttributeErrorsTest {
    private static final WireContext TWO = WireContext.DEFAULT;
    private static final WireContext FOUR = WireContext.FOUR_OCTET_AS;
    private static final String ORIGIN_IGP = "40 01 01 00 # ORIGIN IGP, well-formed\n";

    /** Decodes, expects exactly one finding, and returns the attributes kept. */
    private static List<PathAttribute> expectOne(String hex, WireContext ctx, Severity severity, int type) {
        AttributeResult r = Wire.decode(hex, ctx);
        assertThat(r.reset()).isNull();
        assertThat(r.errors()).hasSize(1);
        AttributeError e = r.errors().getFirst();
        assertThat(e.action()).isEqualTo(severity);
        assertThat(e.attributeType()).isEqualTo(type);
        assertThat(e.reason()).isNotBlank();
        return r.attributes();
    }

    private static DecodeResult.Malformed expectReset(String hex, WireContext ctx, int subcode, String data) {
        AttributeResult r = Wire.decode(hex, ctx);
        assertThat(r.reset()).isNotNull();
        assertThat(r.reset().notification().code()).isEqualTo(3);
        assertThat(r.reset().notification().subcode()).isEqualTo(subcode);
        assertThat(r.reset().notification().data()).isEqualTo(Bytes.fromHex(data));
        return r.reset();
    }

    // RFC 7606 §3.c

    @Test
    void rfc7606_3c_wellKnownOriginMarkedOptionalIsTreatAsWithdraw() {
        List<PathAttribute> kept = expectOne("""
                c0 01 01 00   # ORIGIN with the Optional bit set
                40 03 04 c0 00 02 01   # NEXT_HOP 192.0.2.1
                """, FOUR, Severity.TREAT_AS_WITHDRAW, ORIGIN);
        assertThat(kept).containsExactly(new NextHop(ip("192.0.2.1")));
    }

    @Test
    void rfc7606_3c_communitiesMarkedNonTransitiveIsTreatAsWithdraw() {
        expectOne("80 08 04 fd e8 00 64 # COMMUNITIES without the Transitive bit", FOUR,
                Severity.TREAT_AS_WITHDRAW, COMMUNITIES);
    }

    @Test
    void rfc7606_3c_aggregatorWithWrongFlagsIsDiscardedAsItsOwnRuleSays() {
        List<PathAttribute> kept = expectOne(ORIGIN_IGP + "40 07 08 00 00 fd e8 c0 00 02 01 # AGGREGATOR marked well-known",
                FOUR, Severity.ATTRIBUTE_DISCARD, AGGREGATOR);
        assertThat(kept).containsExactly(Origin.IGP);
    }

    @Test
    void rfc7606_3c_mpReachWithWrongFlagsDisablesItsFamily() {
        AttributeResult r = Wire.decode("c0 0e 05 00 02 01 00 00 # MP_REACH_NLRI marked transitive", FOUR);
        assertThat(r.errors()).containsExactly(AttributeError.disable(MP_REACH_NLRI, Family.IPV6_UNICAST,
                r.errors().getFirst().reason()));
    }

    @Test
    void rfc7606_3c_partialBitOnWellKnownAttributeIsNotAnError() {
        AttributeResult r = Wire.decode("60 01 01 00 # ORIGIN with Partial set", FOUR);
        assertThat(r.errors()).isEmpty();
        assertThat(r.attributes()).containsExactly(Origin.IGP);
    }

    // RFC 7606 §3.g

    @Test
    void rfc7606_3g_mpReachTwiceResetsWithMalformedAttributeList() {
        expectReset("""
                80 0e 05 00 02 01 00 00   # MP_REACH_NLRI IPv6, empty
                80 0e 05 00 02 01 00 00   # again
                """, FOUR, AttributeCodec.MALFORMED_ATTRIBUTE_LIST, "");
    }

    @Test
    void rfc7606_3g_mpUnreachTwiceResetsWithMalformedAttributeList() {
        expectReset("""
                80 0f 03 00 01 01   # MP_UNREACH_NLRI IPv4
                80 0f 03 00 02 01   # MP_UNREACH_NLRI IPv6
                """, FOUR, AttributeCodec.MALFORMED_ATTRIBUTE_LIST, "");
    }

    @Test
    void rfc7606_3g_repeatedAttributeKeepsTheFirstAndDiscardsTheRest() {
        List<PathAttribute> kept = expectOne("""
                c0 08 04 fd e8 00 64   # COMMUNITIES 65000:100
                40 01 01 00            # ORIGIN IGP
                c0 08 04 fd e8 00 c8   # COMMUNITIES 65000:200, repeated: discarded
                """, FOUR, Severity.ATTRIBUTE_DISCARD, COMMUNITIES);
        assertThat(kept).containsExactly(new Communities(List.of(0xFDE80064)), Origin.IGP);
    }

    @Test
    void rfc7606_3g_repeatedUnknownAttributeKeepsTheFirst() {
        List<PathAttribute> kept = expectOne("c0 63 01 01   c0 63 01 02 # type 99 twice", FOUR,
                Severity.ATTRIBUTE_DISCARD, 99);
        assertThat(kept).containsExactly(new UnknownAttribute(0xC0, 99, Bytes.of((byte) 1)));
    }

    // RFC 7606 §3.h

    @Test
    void rfc7606_3h_reportsEveryFindingSoTheHarshestApplies() {
        AttributeResult r = Wire.decode("""
                40 06 01 00            # ATOMIC_AGGREGATE of 1 octet: discard
                c0 08 03 00 00 00      # COMMUNITIES of 3 octets: treat-as-withdraw
                """, FOUR);
        assertThat(r.errors()).extracting(AttributeError::action)
                .containsExactly(Severity.ATTRIBUTE_DISCARD, Severity.TREAT_AS_WITHDRAW);
    }

    // RFC 7606 §3.j

    @Test
    void rfc7606_3j_mpReachTooShortToNameItsFamilyResetsTheSession() {
        expectReset("80 0e 02 00 02 # MP_REACH_NLRI of 2 octets", FOUR, AttributeCodec.OPTIONAL_ATTRIBUTE_ERROR,
                "80 0e 02 00 02");
    }

    @Test
    void rfc7606_3j_mpUnreachTooShortToNameItsFamilyResetsTheSession() {
        expectReset(ORIGIN_IGP + "80 0f 02 00 02 # MP_UNREACH_NLRI of 2 octets", FOUR,
                AttributeCodec.OPTIONAL_ATTRIBUTE_ERROR, "80 0f 02 00 02");
    }

    // RFC 7606 §4

    @Test
    void rfc7606_4_attributeOverrunningTheFieldIsTreatAsWithdraw() {
        List<PathAttribute> kept = expectOne(ORIGIN_IGP + "40 05 04 00 00 # LOCAL_PREF says 4 octets, 2 remain",
                FOUR, Severity.TREAT_AS_WITHDRAW, LOCAL_PREF);
        assertThat(kept).containsExactly(Origin.IGP);
    }

    @Test
    void rfc7606_4_fewerThanThreeOctetsLeftIsTreatAsWithdraw() {
        expectOne(ORIGIN_IGP + "40 05 # a header without its length", FOUR, Severity.TREAT_AS_WITHDRAW, LOCAL_PREF);
        expectOne(ORIGIN_IGP + "40 # a lone flags octet", FOUR, Severity.TREAT_AS_WITHDRAW, -1);
    }

    @Test
    void rfc7606_4_fewerThanFourOctetsLeftWithExtendedLengthIsTreatAsWithdraw() {
        expectOne(ORIGIN_IGP + "d0 08 00 # Extended Length set, one length octet", FOUR, Severity.TREAT_AS_WITHDRAW,
                COMMUNITIES);
    }

    @Test
    void rfc7606_4_mpReachOverrunningTheFieldDisablesItsFamily() {
        AttributeResult r = Wire.decode("80 0e 1c 00 02 01 10 20 01 # MP_REACH_NLRI IPv6 cut short", FOUR);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(Severity.AFI_SAFI_DISABLE);
            assertThat(e.family()).isEqualTo(Family.IPV6_UNICAST);
        });
    }

    // RFC 4271 §5, §6.3: unrecognized attributes

    @Test
    void rfc4271_6_3_unrecognizedWellKnownAttributeResetsWithTheAttributeAsData() {
        expectReset(ORIGIN_IGP + "40 63 02 ab cd # well-known type 99", FOUR,
                AttributeCodec.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, "40 63 02 ab cd");
    }

    @Test
    void rfc4271_6_3_unrecognizedWellKnownAttributeWithExtendedLengthIsReturnedWhole() {
        expectReset("50 63 00 01 ab # well-known type 99, Extended Length", FOUR,
                AttributeCodec.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, "50 63 00 01 ab");
    }

    // RFC 7606 §7

    @Test
    void rfc7606_7_1_originOfTwoOctetsIsTreatAsWithdraw() {
        expectOne("40 01 02 00 00 # ORIGIN of 2 octets", FOUR, Severity.TREAT_AS_WITHDRAW, ORIGIN);
    }

    @Test
    void rfc7606_7_1_undefinedOriginIsTreatAsWithdraw() {
        expectOne("40 01 01 03 # ORIGIN 3", FOUR, Severity.TREAT_AS_WITHDRAW, ORIGIN);
    }

    @Test
    void rfc7606_7_2_unrecognizedSegmentTypeIsTreatAsWithdraw() {
        expectOne("40 02 04 05 01 fd e8 # segment type 5", TWO, Severity.TREAT_AS_WITHDRAW, AS_PATH);
    }

    @Test
    void rfc7606_7_2_segmentOverrunIsTreatAsWithdraw() {
        expectOne("40 02 04 02 02 fd e8 # AS_SEQUENCE of 2 with one AS", TWO, Severity.TREAT_AS_WITHDRAW, AS_PATH);
    }

    @Test
    void rfc7606_7_2_singleOctetAfterLastSegmentIsTreatAsWithdraw() {
        expectOne("40 02 05 02 01 fd e8 02 # one octet after the segment", TWO, Severity.TREAT_AS_WITHDRAW, AS_PATH);
    }

    @Test
    void rfc7606_7_2_zeroSegmentLengthIsTreatAsWithdraw() {
        expectOne("40 02 02 02 00 # AS_SEQUENCE of 0", FOUR, Severity.TREAT_AS_WITHDRAW, AS_PATH);
    }

    @Test
    void rfc7606_7_2_fourOctetPathReadWithTwoOctetContextDoesNotThrow() {
        expectOne("40 02 06 02 01 00 00 fd e8 # 4-octet AS on a 2-octet session: 2 octets left over", TWO,
                Severity.TREAT_AS_WITHDRAW, AS_PATH);
    }

    @Test
    void rfc7606_7_3_nextHopOfFiveOctetsIsTreatAsWithdraw() {
        expectOne("40 03 05 c0 00 02 01 00 # NEXT_HOP of 5 octets", FOUR, Severity.TREAT_AS_WITHDRAW, NEXT_HOP);
    }

    @Test
    void rfc7606_7_3_nextHopThatIsNotAHostAddressIsTreatAsWithdraw() {
        expectOne("40 03 04 00 00 00 00 # NEXT_HOP 0.0.0.0", FOUR, Severity.TREAT_AS_WITHDRAW, NEXT_HOP);
        expectOne("40 03 04 e0 00 00 05 # NEXT_HOP 224.0.0.5, multicast", FOUR, Severity.TREAT_AS_WITHDRAW, NEXT_HOP);
        expectOne("40 03 04 ff ff ff ff # NEXT_HOP 255.255.255.255", FOUR, Severity.TREAT_AS_WITHDRAW, NEXT_HOP);
    }

    @Test
    void rfc7606_7_4_medOfThreeOctetsIsTreatAsWithdraw() {
        expectOne("80 04 03 00 00 64 # MULTI_EXIT_DISC of 3 octets", FOUR, Severity.TREAT_AS_WITHDRAW, MULTI_EXIT_DISC);
    }

    @Test
    void rfc7606_7_5_localPrefOfFiveOctetsIsTreatAsWithdraw() {
        expectOne("40 05 05 00 00 00 00 64 # LOCAL_PREF of 5 octets", FOUR, Severity.TREAT_AS_WITHDRAW, LOCAL_PREF);
    }

    @Test
    void rfc7606_7_6_atomicAggregateWithAValueIsDiscarded() {
        List<PathAttribute> kept = expectOne(ORIGIN_IGP + "40 06 01 00 # ATOMIC_AGGREGATE of 1 octet", FOUR,
                Severity.ATTRIBUTE_DISCARD, ATOMIC_AGGREGATE);
        assertThat(kept).containsExactly(Origin.IGP);
    }

    @Test
    void rfc7606_7_7_aggregatorOfEightOctetsOnTwoOctetSessionIsDiscarded() {
        expectOne("c0 07 08 00 00 fd e8 c0 00 02 01 # 4-octet AGGREGATOR on a 2-octet session", TWO,
                Severity.ATTRIBUTE_DISCARD, AGGREGATOR);
    }

    @Test
    void rfc7606_7_7_aggregatorOfSixOctetsOnFourOctetSessionIsDiscarded() {
        expectOne("c0 07 06 fd e8 c0 00 02 01 # 2-octet AGGREGATOR on a 4-octet session", FOUR,
                Severity.ATTRIBUTE_DISCARD, AGGREGATOR);
    }

    @Test
    void rfc7606_7_8_communitiesNotMultipleOfFourIsTreatAsWithdraw() {
        expectOne("c0 08 05 fd e8 00 64 00 # COMMUNITIES of 5 octets", FOUR, Severity.TREAT_AS_WITHDRAW, COMMUNITIES);
    }

    @Test
    void rfc7606_7_8_emptyCommunitiesIsTreatAsWithdraw() {
        expectOne("c0 08 00 # COMMUNITIES of 0 octets", FOUR, Severity.TREAT_AS_WITHDRAW, COMMUNITIES);
    }

    @Test
    void rfc7606_7_9_originatorIdOfFiveOctetsIsTreatAsWithdraw() {
        expectOne("80 09 05 0a 00 00 01 00 # ORIGINATOR_ID of 5 octets", FOUR, Severity.TREAT_AS_WITHDRAW,
                ORIGINATOR_ID);
    }

    @Test
    void rfc7606_7_10_clusterListNotMultipleOfFourIsTreatAsWithdraw() {
        expectOne("80 0a 06 0a 00 00 01 0a 00 # CLUSTER_LIST of 6 octets", FOUR, Severity.TREAT_AS_WITHDRAW,
                CLUSTER_LIST);
    }

    @Test
    void rfc7606_7_11_mpReachNextHopLengthInconsistentWithFamilyDisablesIt() {
        AttributeResult r = Wire.decode("""
                80 0e 0a      # MP_REACH_NLRI, length 10
                00 02 01      # IPv6 unicast
                04            # next hop length 4: not an IPv6 next hop
                c0 00 02 01   #
                00 00         # reserved, 0.0.0.0/0
                """, FOUR);
        assertThat(r.errors()).extracting(AttributeError::action, AttributeError::family)
                .containsExactly(tuple(Severity.AFI_SAFI_DISABLE, Family.IPV6_UNICAST));
    }

    @Test
    void rfc7606_7_11_mpReachNextHopOverrunDisablesTheFamily() {
        AttributeResult r = Wire.decode("80 0e 06 00 01 01 10 00 00 # next hop of 16 octets, 2 present", FOUR);
        assertThat(r.errors()).extracting(AttributeError::action, AttributeError::family)
                .containsExactly(tuple(Severity.AFI_SAFI_DISABLE, Family.IPV4_UNICAST));
    }

    @Test
    void rfc7606_7_11_mpReachPrefixLongerThanFamilyAllowsDisablesIt() {
        AttributeResult r = Wire.decode("""
                80 0e 0c 00 01 01 04 c0 00 02 01 00   # MP_REACH_NLRI IPv4, next hop 192.0.2.1
                21 0a f4                              # /33: longer than IPv4 allows (RFC 7606 §5.3)
                """, FOUR);
        assertThat(r.errors()).extracting(AttributeError::action, AttributeError::family)
                .containsExactly(tuple(Severity.AFI_SAFI_DISABLE, Family.IPV4_UNICAST));
        assertThat(r.attributes()).isEmpty();
    }

    @Test
    void rfc7606_7_12_mpUnreachPrefixOverrunningTheAttributeDisablesTheFamily() {
        AttributeResult r = Wire.decode("80 0f 05 00 02 01 30 20 # /48 with one octet", FOUR);
        assertThat(r.errors()).extracting(AttributeError::action, AttributeError::family)
                .containsExactly(tuple(Severity.AFI_SAFI_DISABLE, Family.IPV6_UNICAST));
    }

    @Test
    void rfc7606_7_14_extendedCommunitiesNotMultipleOfEightIsTreatAsWithdraw() {
        expectOne("c0 10 07 00 02 fd e8 00 00 00 # EXTENDED_COMMUNITIES of 7 octets", FOUR,
                Severity.TREAT_AS_WITHDRAW, EXTENDED_COMMUNITIES);
    }

    @Test
    void rfc7606_7_14_unknownExtendedCommunityTypeIsNotAnError() {
        AttributeResult r = Wire.decode("c0 10 08 7f 7f 00 00 00 00 00 01 # type 0x7f sub-type 0x7f", FOUR);
        assertThat(r.errors()).isEmpty();
        assertThat(r.attributes()).containsExactly(new ExtendedCommunities(List.of(0x7F7F000000000001L)));
    }

    @Test
    void rfc7606_7_15_ipv6ExtendedCommunitiesNotMultipleOfTwentyIsTreatAsWithdraw() {
        expectOne("c0 19 13 00 02 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 00 # 19 octets", FOUR,
                Severity.TREAT_AS_WITHDRAW, IPV6_EXTENDED_COMMUNITIES);
    }

    @Test
    void rfc8092_5_largeCommunitiesNotMultipleOfTwelveIsTreatAsWithdraw() {
        expectOne("c0 20 0d 00 00 fd e8 00 00 00 01 00 00 00 02 00 # LARGE_COMMUNITY of 13 octets", FOUR,
                Severity.TREAT_AS_WITHDRAW, LARGE_COMMUNITY);
    }

    @Test
    void rfc9234_5_otcNotFourOctetsIsTreatAsWithdraw() {
        expectOne("c0 23 03 00 fd e9 # OTC of 3 octets", FOUR, Severity.TREAT_AS_WITHDRAW, OTC);
    }

    @Test
    void rfc6793_6_malformedAs4PathIsDiscarded() {
        List<PathAttribute> kept = expectOne("""
                40 02 04 02 01 5b a0   # AS_PATH AS_TRANS
                c0 11 04 02 02 00 01   # AS4_PATH: AS_SEQUENCE of 2 with 2 octets
                """, TWO, Severity.ATTRIBUTE_DISCARD, AS4_PATH);
        assertThat(kept).containsExactly(AsPath.sequence(23456));
    }

    @Test
    void rfc6793_6_as4AggregatorNotEightOctetsIsDiscarded() {
        List<PathAttribute> kept = expectOne("""
                c0 07 06 5b a0 c0 00 02 01   # AGGREGATOR AS_TRANS 192.0.2.1
                c0 12 06 fd e8 c0 00 02 01   # AS4_AGGREGATOR of 6 octets
                """, TWO, Severity.ATTRIBUTE_DISCARD, AS4_AGGREGATOR);
        assertThat(kept).containsExactly(new Aggregator(23456, ip("192.0.2.1")));
    }

    @Test
    void rfc7607_asZeroInAsPathIsTreatAsWithdraw() {
        expectOne("40 02 06 02 01 00 00 00 00 # AS_SEQUENCE holding AS 0", FOUR, Severity.TREAT_AS_WITHDRAW, AS_PATH);
    }

    @Test
    void rfc7607_asZeroInAggregatorIsDiscarded() {
        expectOne("c0 07 08 00 00 00 00 c0 00 02 01 # AGGREGATOR AS 0", FOUR, Severity.ATTRIBUTE_DISCARD, AGGREGATOR);
    }

    @Test
    void rfc7607_asZeroInAs4PathIsDiscarded() {
        expectOne("""
                40 02 04 02 01 5b a0            # AS_PATH AS_TRANS
                c0 11 06 02 01 00 00 00 00      # AS4_PATH holding AS 0
                """, TWO, Severity.ATTRIBUTE_DISCARD, AS4_PATH);
    }
}
