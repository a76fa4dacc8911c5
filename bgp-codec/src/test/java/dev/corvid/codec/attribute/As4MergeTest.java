package dev.corvid.codec.attribute;

import static dev.corvid.codec.attribute.Wire.assertBothWays;
import static dev.corvid.codec.attribute.Wire.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Severity;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPathSegment.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6793 §4.2.2 and §4.2.3: 4-octet AS numbers through a session with a 2-octet-AS peer. */
class As4MergeTest {
    private static final WireContext TWO = WireContext.DEFAULT;
    private static final WireContext FOUR = WireContext.FOUR_OCTET_AS;

    @Test
    void mergesAs4PathIntoAsPathAndWritesItBack() {
        assertBothWays("""
                40 02         # AS_PATH
                08            # length 8
                02 03         # AS_SEQUENCE of 3
                fd e9         #   65001
                5b a0         #   AS_TRANS (23456)
                5b a0         #   AS_TRANS
                c0 11         # AS4_PATH, optional transitive
                0e            # length 14
                02 03         # AS_SEQUENCE of 3, the whole path (RFC 6793 §4.2.2)
                00 00 fd e9   #   65001
                00 01 11 70   #   70000
                00 01 11 71   #   70001
                """, TWO, AsPath.sequence(65001, 70000, 70001));
    }

    @Test
    void takesLeadingAsesOfAsPathWhenAs4PathIsShorter() {
        // An OLD speaker (65001) prepended itself without touching AS4_PATH.
        AttributeResult r = Wire.decode("""
                40 02 08 02 03   # AS_PATH, AS_SEQUENCE of 3
                fd e9 5b a0 5b a0   # 65001 AS_TRANS AS_TRANS
                c0 11 0a 02 02   # AS4_PATH, AS_SEQUENCE of 2
                00 01 11 70      # 70000
                00 01 11 71      # 70001
                """, TWO);
        assertThat(r.errors()).isEmpty();
        assertThat(r.attributes()).containsExactly(AsPath.sequence(65001, 70000, 70001));
    }

    @Test
    void countsAsSetAsOneAndKeepsConfederationSegmentsOfAsPathOnly() {
        AttributeResult r = Wire.decode("""
                40 02 10         # AS_PATH, length 16
                03 01 fe 4c      # AS_CONFED_SEQUENCE (65100): counts 0
                02 02 fd e9 5b a0   # AS_SEQUENCE 65001 AS_TRANS: counts 2
                01 02 5b a0 01 2c   # AS_SET {AS_TRANS, 300}: counts 1
                c0 11 16         # AS4_PATH, length 22
                03 01 00 00 fe 4c   # AS_CONFED_SEQUENCE: never valid in AS4_PATH, discarded
                02 01 00 01 11 70   # AS_SEQUENCE 70000: counts 1
                01 02 00 01 11 71 00 00 01 2c   # AS_SET {70001, 300}: counts 1
                """, TWO);
        assertThat(r.errors()).isEmpty();
        assertThat(r.attributes()).containsExactly(new AsPath(List.of(
                new AsPathSegment(Type.AS_CONFED_SEQUENCE, List.of(65100L)),
                AsPathSegment.sequence(65001, 70000),
                new AsPathSegment(Type.AS_SET, List.of(70001L, 300L)))));
    }

    @Test
    void confederationPathSurvivesReencodingForATwoOctetPeer() {
        AsPath path = new AsPath(List.of(
                new AsPathSegment(Type.AS_CONFED_SEQUENCE, List.of(65100L)),
                AsPathSegment.sequence(65001, 70000)));
        assertBothWays("""
                40 02 0a            # AS_PATH, length 10
                03 01 fe 4c         # AS_CONFED_SEQUENCE 65100
                02 02 fd e9 5b a0   # AS_SEQUENCE 65001 AS_TRANS
                c0 11 0a            # AS4_PATH, length 10: confederation segments excluded (RFC 6793 §4.2.2)
                02 02 00 00 fd e9 00 01 11 70   # AS_SEQUENCE 65001 70000
                """, TWO, path);
    }

    @Test
    void ignoresAs4PathLongerThanAsPath() {
        AttributeResult r = Wire.decode("""
                40 02 04 02 01 fd e9             # AS_PATH: AS_SEQUENCE 65001
                c0 11 0a 02 02 00 01 11 70 00 01 11 71   # AS4_PATH: AS_SEQUENCE 70000 70001, longer: ignored
                """, TWO);
        assertThat(r.errors()).isEmpty();
        assertThat(r.attributes()).containsExactly(AsPath.sequence(65001));
    }

    @Test
    void mergesAs4AggregatorWhenAggregatorIsAsTrans() {
        assertBothWays("""
                c0 07 06      # AGGREGATOR, 2-octet AS
                5b a0         # AS_TRANS
                c0 00 02 01   # 192.0.2.1
                c0 12 08      # AS4_AGGREGATOR
                00 01 11 70   # 70000
                c0 00 02 01   # 192.0.2.1
                """, TWO, new Aggregator(70000, ip("192.0.2.1")));
    }

    @Test
    void ignoresAs4AttributesWhenAggregatorIsNotAsTrans() {
        AttributeResult r = Wire.decode("""
                40 02 06 02 02 fd e9 5b a0      # AS_PATH: 65001 AS_TRANS
                c0 07 06 fd ea c0 00 02 01      # AGGREGATOR 65002 192.0.2.1: not AS_TRANS
                c0 11 06 02 01 00 01 11 70      # AS4_PATH 70000: ignored
                c0 12 08 00 01 11 70 c0 00 02 01   # AS4_AGGREGATOR 70000: ignored
                """, TWO);
        assertThat(r.errors()).isEmpty();
        assertThat(r.attributes()).containsExactly(AsPath.sequence(65001, 23456),
                new Aggregator(65002, ip("192.0.2.1")));
    }

    @Test
    void keepsPositionsOfAsPathAndAggregatorAfterMerging() {
        AttributeResult r = Wire.decode("""
                c0 11 06 02 01 00 01 11 70      # AS4_PATH 70000, before AS_PATH
                40 01 01 00                     # ORIGIN IGP
                40 02 04 02 01 5b a0            # AS_PATH AS_TRANS
                40 03 04 c0 00 02 01            # NEXT_HOP 192.0.2.1
                """, TWO);
        assertThat(r.attributes()).containsExactly(Origin.IGP, AsPath.sequence(70000),
                new NextHop(ip("192.0.2.1")));
    }

    @Test
    void dropsAs4PathWithoutAsPath() {
        AttributeResult r = Wire.decode("c0 11 06 02 01 00 01 11 70 # AS4_PATH alone", TWO);
        assertThat(r.attributes()).isEmpty();
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void writesNoAs4PathWhenEveryAsFitsInTwoOctets() {
        assertThat(Wire.encode(List.of(AsPath.sequence(65001, 65002)), TWO))
                .isEqualTo(Bytes.fromHex("40 02 06 02 02 fd e9 fd ea # AS_PATH only (RFC 6793 §4.2.2 SHOULD NOT)"));
    }

    @Test
    void neverWritesAs4AttributesOnFourOctetSession() {
        List<PathAttribute> attributes = List.of(AsPath.sequence(70000), new Aggregator(70000, ip("192.0.2.1")),
                new As4Path(List.of(AsPathSegment.sequence(70000))), new As4Aggregator(70000, ip("192.0.2.1")));
        assertThat(Wire.encode(attributes, FOUR)).isEqualTo(Bytes.fromHex("""
                40 02 06 02 01 00 01 11 70         # AS_PATH 70000
                c0 07 08 00 01 11 70 c0 00 02 01   # AGGREGATOR 70000 192.0.2.1
                """));
    }

    @Test
    void discardsAs4AttributesReceivedOnFourOctetSession() {
        AttributeResult r = Wire.decode("""
                40 02 06 02 01 00 01 11 70         # AS_PATH 70000
                c0 11 06 02 01 00 01 11 71         # AS4_PATH: a NEW speaker never sends it
                c0 12 08 00 01 11 70 c0 00 02 01   # AS4_AGGREGATOR: likewise
                """, FOUR);
        assertThat(r.attributes()).containsExactly(AsPath.sequence(70000));
        assertThat(r.errors()).extracting(AttributeError::action, AttributeError::attributeType).containsExactly(
                tuple(Severity.ATTRIBUTE_DISCARD, PathAttribute.AS4_PATH),
                tuple(Severity.ATTRIBUTE_DISCARD, PathAttribute.AS4_AGGREGATOR));
    }
}
