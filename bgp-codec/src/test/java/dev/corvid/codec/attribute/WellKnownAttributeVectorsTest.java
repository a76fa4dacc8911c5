package dev.corvid.codec.attribute;

import static dev.corvid.codec.attribute.Wire.assertBothWays;
import static dev.corvid.codec.attribute.Wire.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPathSegment.Type;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** RFC 4271 §5.1 attributes, decoded and encoded, under 2- and 4-octet AS contexts where that matters. */
class WellKnownAttributeVectorsTest {
    private static final WireContext TWO = WireContext.DEFAULT;
    private static final WireContext FOUR = WireContext.FOUR_OCTET_AS;

    @Test
    void originIgpEgpIncomplete() {
        assertBothWays("""
                40   # flags: well-known transitive
                01   # type: ORIGIN
                01   # length
                00   # IGP
                """, FOUR, Origin.IGP);
        assertBothWays("40 01 01 01 # ORIGIN EGP", FOUR, Origin.EGP);
        assertBothWays("40 01 01 02 # ORIGIN INCOMPLETE", FOUR, Origin.INCOMPLETE);
    }

    @Test
    void asPathWithTwoOctetAses() {
        assertBothWays("""
                40        # flags: well-known transitive
                02        # type: AS_PATH
                0c        # length 12
                02 02     # AS_SEQUENCE of 2
                fd e8     #   65000
                fd e9     #   65001
                01 02     # AS_SET of 2
                00 64     #   100
                00 c8     #   200
                """, TWO, new AsPath(List.of(
                AsPathSegment.sequence(65000, 65001),
                new AsPathSegment(Type.AS_SET, List.of(100L, 200L)))));
    }

    @Test
    void asPathWithFourOctetAses() {
        assertBothWays("""
                40            # flags: well-known transitive
                02            # type: AS_PATH
                14            # length 20
                02 02         # AS_SEQUENCE of 2
                00 01 11 70   #   70000
                00 00 fd e9   #   65001
                01 02         # AS_SET of 2
                00 00 00 64   #   100
                00 00 00 c8   #   200
                """, FOUR, new AsPath(List.of(
                AsPathSegment.sequence(70000, 65001),
                new AsPathSegment(Type.AS_SET, List.of(100L, 200L)))));
    }

    @Test
    void asPathWithConfederationSegments() {
        assertBothWays("""
                40            # flags: well-known transitive
                02            # type: AS_PATH
                12            # length 18
                03 01         # AS_CONFED_SEQUENCE of 1
                00 00 fe 4c   #   65100
                04 01         # AS_CONFED_SET of 1
                00 00 fe 4d   #   65101
                02 01         # AS_SEQUENCE of 1
                00 00 fd e8   #   65000
                """, FOUR, new AsPath(List.of(
                new AsPathSegment(Type.AS_CONFED_SEQUENCE, List.of(65100L)),
                new AsPathSegment(Type.AS_CONFED_SET, List.of(65101L)),
                AsPathSegment.sequence(65000))));
    }

    @Test
    void emptyAsPathIsValid() {
        assertBothWays("40 02 00 # AS_PATH, empty (iBGP-originated)", FOUR, AsPath.EMPTY);
    }

    @Test
    void splitsSegmentsLongerThan255AsesOnEncode() {
        long[] asns = LongStream.rangeClosed(1, 300).toArray();
        ByteBuf expected = Unpooled.buffer();
        expected.writeByte(0x50).writeByte(2).writeShort(2 + 255 * 4 + 2 + 45 * 4); // extended length: 1204 octets
        expected.writeByte(2).writeByte(255);
        for (int i = 1; i <= 255; i++) expected.writeInt(i);
        expected.writeByte(2).writeByte(45);
        for (int i = 256; i <= 300; i++) expected.writeInt(i);
        Bytes wire = Bytes.read(expected, expected.readableBytes());
        expected.release();

        assertThat(Wire.encode(List.of(AsPath.sequence(asns)), FOUR)).isEqualTo(wire);
        assertThat(Wire.decode(wire, FOUR).attributes()).containsExactly(new AsPath(List.of(
                AsPathSegment.sequence(LongStream.rangeClosed(1, 255).toArray()),
                AsPathSegment.sequence(LongStream.rangeClosed(256, 300).toArray()))));
    }

    @Test
    void nextHop() {
        assertBothWays("""
                40            # flags: well-known transitive
                03            # type: NEXT_HOP
                04            # length
                c0 00 02 01   # 192.0.2.1
                """, FOUR, new NextHop(ip("192.0.2.1")));
    }

    @Test
    void multiExitDisc() {
        assertBothWays("""
                80            # flags: optional non-transitive
                04            # type: MULTI_EXIT_DISC
                04            # length
                ff ff ff fe   # 4294967294
                """, FOUR, new MultiExitDisc(4294967294L));
    }

    @Test
    void localPref() {
        assertBothWays("""
                40            # flags: well-known transitive
                05            # type: LOCAL_PREF
                04            # length
                00 00 00 64   # 100
                """, FOUR, new LocalPref(100));
    }

    @Test
    void atomicAggregate() {
        assertBothWays("""
                40   # flags: well-known transitive
                06   # type: ATOMIC_AGGREGATE
                00   # length: no value
                """, FOUR, AtomicAggregate.INSTANCE);
    }

    @Test
    void aggregatorWithTwoOctetAs() {
        assertBothWays("""
                c0            # flags: optional transitive
                07            # type: AGGREGATOR
                06            # length: 2-octet AS + address
                fd e8         # AS 65000
                c0 00 02 01   # 192.0.2.1
                """, TWO, new Aggregator(65000, ip("192.0.2.1")));
    }

    @Test
    void aggregatorWithFourOctetAs() {
        assertBothWays("""
                c0            # flags: optional transitive
                07            # type: AGGREGATOR
                08            # length: 4-octet AS + address
                00 01 11 70   # AS 70000
                c0 00 02 01   # 192.0.2.1
                """, FOUR, new Aggregator(70000, ip("192.0.2.1")));
    }

    @Test
    void keepsWireOrderOnDecodeAndListOrderOnEncode() {
        assertBothWays("""
                40 05 04 00 00 00 64   # LOCAL_PREF 100
                40 03 04 c0 00 02 01   # NEXT_HOP 192.0.2.1
                40 02 00               # AS_PATH, empty
                40 01 01 00            # ORIGIN IGP
                """, FOUR, new LocalPref(100), new NextHop(ip("192.0.2.1")), AsPath.EMPTY, Origin.IGP);
    }
}
