package dev.corvid.codec.attribute;

import static dev.corvid.codec.attribute.Wire.assertBothWays;
import static dev.corvid.codec.attribute.Wire.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.WireContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Optional attributes, unknown attributes and the two length forms, decoded and encoded. */
class OptionalAttributeVectorsTest {
    private static final WireContext CTX = WireContext.FOUR_OCTET_AS;

    @Test
    void communities() {
        assertBothWays("""
                c0            # flags: optional transitive
                08            # type: COMMUNITIES
                08            # length
                fd e8 00 64   # 65000:100
                ff ff ff 01   # NO_EXPORT
                """, CTX, new Communities(List.of(0xFDE80064, 0xFFFFFF01)));
    }

    @Test
    void originatorId() {
        assertBothWays("""
                80            # flags: optional non-transitive
                09            # type: ORIGINATOR_ID
                04            # length
                0a 00 00 01   # 10.0.0.1
                """, CTX, new OriginatorId(ip("10.0.0.1")));
    }

    @Test
    void clusterList() {
        assertBothWays("""
                80            # flags: optional non-transitive
                0a            # type: CLUSTER_LIST
                08            # length
                0a 00 00 fe   # 10.0.0.254, most recent
                0a 00 00 fd   # 10.0.0.253
                """, CTX, new ClusterList(List.of(ip("10.0.0.254"), ip("10.0.0.253"))));
    }

    @Test
    void extendedCommunities() {
        assertBothWays("""
                c0                        # flags: optional transitive
                10                        # type: EXTENDED_COMMUNITIES
                08                        # length
                00 02 fd e8 00 00 00 64   # route target 65000:100
                """, CTX, new ExtendedCommunities(List.of(0x0002FDE800000064L)));
    }

    @Test
    void ipv6AddressSpecificExtendedCommunities() {
        assertBothWays("""
                c0                                                # flags: optional transitive
                19                                                # type 25: IPv6 Address Specific Extended Community
                14                                                # length 20
                00 02                                             # route target
                20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   # 2001:db8::1
                00 64                                             # local administrator 100
                """, CTX, new Ipv6ExtendedCommunities(List.of(
                Bytes.fromHex("0002 20010db8000000000000000000000001 0064"))));
    }

    @Test
    void largeCommunities() {
        assertBothWays("""
                c0            # flags: optional transitive
                20            # type 32: LARGE_COMMUNITY
                0c            # length 12
                00 00 fd e8   # global administrator 65000
                00 00 00 01   # local data 1
                ff ff ff ff   # local data 2: 4294967295
                """, CTX, new LargeCommunities(List.of(new LargeCommunity(65000, 1, -1))));
    }

    @Test
    void onlyToCustomer() {
        assertBothWays("""
                c0            # flags: optional transitive
                23            # type 35: OTC
                04            # length
                00 00 fd e9   # AS 65001
                """, CTX, new Otc(65001));
    }

    @Test
    void keepsUnknownOptionalTransitiveAndSetsPartialWhenPassedOn() {
        UnknownAttribute unknown = new UnknownAttribute(0xC0, 99, Bytes.fromHex("010203"));
        assertBothWays("""
                c0         # flags: optional transitive
                63         # type 99, unknown to corvid
                03         # length
                01 02 03   # value, kept as received
                """, CTX, unknown);
        assertThat(Wire.encode(List.of(unknown.withPartial()), CTX)).isEqualTo(Bytes.fromHex("""
                e0         # flags: optional transitive partial (RFC 4271 §5)
                63 03 01 02 03
                """));
    }

    @Test
    void keepsPartialBitOfUnknownAttributeAsReceived() {
        assertBothWays("e0 63 01 aa # optional transitive partial, type 99", CTX,
                new UnknownAttribute(0xE0, 99, Bytes.of((byte) 0xAA)));
    }

    @Test
    void dropsUnknownOptionalNonTransitiveQuietly() {
        AttributeResult r = Wire.decode("""
                80 64 02 ab cd   # optional non-transitive type 100, unknown: RFC 4271 §5 "quietly ignored"
                40 01 01 00      # ORIGIN IGP
                """, CTX);
        assertThat(r.errors()).isEmpty();
        assertThat(r.reset()).isNull();
        assertThat(r.attributes()).containsExactly(Origin.IGP);
    }

    @Test
    void decodesExtendedLengthOfShortValueAndReencodesInOneOctet() {
        AttributeResult r = Wire.decode("""
                50      # flags: well-known transitive, Extended Length
                01      # type: ORIGIN
                00 01   # length, 2 octets
                02      # INCOMPLETE
                """, CTX);
        assertThat(r.attributes()).containsExactly(Origin.INCOMPLETE);
        assertThat(Wire.encode(r.attributes(), CTX)).isEqualTo(Bytes.fromHex("40 01 01 02"));
    }

    @Test
    void usesExtendedLengthWhenValueExceeds255Octets() {
        List<Integer> values = IntStream.range(0, 64).boxed().toList(); // 256 octets
        StringBuilder hex = new StringBuilder("""
                d0      # flags: optional transitive, Extended Length
                08      # type: COMMUNITIES
                01 00   # length 256
                """);
        for (int i = 0; i < 64; i++) hex.append(String.format("%08x # 0:%d%n", i, i));
        assertBothWays(hex.toString(), CTX, new Communities(values));
    }

    @Test
    void keepsExtendedLengthBitOutOfUnknownAttributeFlags() {
        AttributeResult r = Wire.decode("d0 63 00 01 aa # optional transitive, Extended Length, type 99", CTX);
        assertThat(r.attributes()).containsExactly(new UnknownAttribute(0xC0, 99, Bytes.of((byte) 0xAA)));
        assertThat(Wire.encode(r.attributes(), CTX)).isEqualTo(Bytes.fromHex("c0 63 01 aa"));
    }

    @Test
    void writesUnknownAttributeOver255OctetsWithExtendedLength() {
        Bytes value = Bytes.of(new byte[300]);
        UnknownAttribute big = new UnknownAttribute(0xC0, 99, value);
        Bytes wire = Wire.encode(List.of(big), CTX);
        assertThat(wire.length()).isEqualTo(304);
        assertThat(Bytes.of(wire.get(0), wire.get(1), wire.get(2), wire.get(3))).isEqualTo(Bytes.fromHex("d0 63 01 2c"));
        assertThat(Wire.decode(wire, CTX).attributes()).containsExactly(big);
    }

    @Test
    void refusesToEncodeAValueBeyond65535OctetsAndLeavesTheBufferAsItWas() {
        Communities tooMany = new Communities(IntStream.range(0, 16_384).boxed().toList()); // 65536 octets
        ByteBuf out = Unpooled.buffer();
        try {
            AttributeCodec.encode(List.of(Origin.IGP), CTX, out);
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> AttributeCodec.encode(List.of(tooMany), CTX, out))
                    .withMessageContaining("65536");
            assertThat(out.readableBytes()).isEqualTo(4);
        } finally {
            out.release();
        }
    }
}
