package dev.corvid.codec.attribute;

import static dev.corvid.codec.attribute.Wire.assertBothWays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 4760 MP_REACH_NLRI / MP_UNREACH_NLRI, with RFC 2545, RFC 8950 next hops and RFC 7911 path ids. */
class MpNlriVectorsTest {
    private static final WireContext CTX = WireContext.FOUR_OCTET_AS;
    private static final Bytes V6_GLOBAL = Bytes.fromHex("20010db8000000000000000000000001");
    private static final Bytes V6_LINK_LOCAL = Bytes.fromHex("fe800000000000000000000000000001");

    @Test
    void mpReachIpv6WithGlobalNextHop() {
        assertBothWays("""
                80                                                # flags: optional non-transitive
                0e                                                # type: MP_REACH_NLRI
                1c                                                # length 28
                00 02                                             # AFI IPv6
                01                                                # SAFI unicast
                10                                                # next hop length 16
                20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   # 2001:db8::1
                00                                                # reserved
                30 20 01 0d b8 00 01                              # 2001:db8:1::/48
                """, CTX, new MpReach(Family.IPV6_UNICAST, V6_GLOBAL, List.of(Nlri.parse("2001:db8:1::/48"))));
    }

    @Test
    void mpReachIpv6WithGlobalAndLinkLocalNextHop() {
        assertBothWays("""
                80 0e                                             # MP_REACH_NLRI, optional non-transitive
                2c                                                # length 44
                00 02 01                                          # IPv6 unicast
                20                                                # next hop length 32 (RFC 2545 §3)
                20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   # global 2001:db8::1
                fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01   # link-local fe80::1
                00                                                # reserved
                30 20 01 0d b8 00 01                              # 2001:db8:1::/48
                """, CTX, new MpReach(Family.IPV6_UNICAST, Bytes.fromHex(V6_GLOBAL.hex() + V6_LINK_LOCAL.hex()),
                List.of(Nlri.parse("2001:db8:1::/48"))));
    }

    @Test
    void mpReachIpv4WithIpv6NextHop() {
        assertBothWays("""
                80 0e                                             # MP_REACH_NLRI
                19                                                # length 25
                00 01 01                                          # IPv4 unicast
                10                                                # next hop length 16 (RFC 8950)
                20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   # 2001:db8::1
                00                                                # reserved
                18 0a f4 01                                       # 10.244.1.0/24
                """, CTX, new MpReach(Family.IPV4_UNICAST, V6_GLOBAL, List.of(Nlri.parse("10.244.1.0/24"))));
    }

    @Test
    void mpReachIpv4WithAddPathIds() {
        WireContext addPath = CTX.withAddPath(Set.of(Family.IPV4_UNICAST));
        assertBothWays("""
                80 0e            # MP_REACH_NLRI
                1b               # length 27
                00 01 01         # IPv4 unicast
                04               # next hop length 4
                c0 00 02 01      # 192.0.2.1
                00               # reserved
                00 00 00 01      # path id 1
                1a 0a f4 01 00   # 10.244.1.0/26
                00 00 00 02      # path id 2
                1a 0a f4 01 00   # 10.244.1.0/26
                """, addPath, new MpReach(Family.IPV4_UNICAST, Bytes.fromHex("c0000201"), List.of(
                new Nlri(Prefix.parse("10.244.1.0/26"), 1), new Nlri(Prefix.parse("10.244.1.0/26"), 2))));
    }

    @Test
    void addPathFollowsTheDirection() {
        WireContext receiveOnly = new WireContext(true, Set.of(Family.IPV6_UNICAST), Set.of(), false);
        MpUnreach withdrawn = new MpUnreach(Family.IPV6_UNICAST,
                List.of(new Nlri(Prefix.parse("2001:db8:1::/48"), 7)));
        String withPathId = """
                80 0f                  # MP_UNREACH_NLRI
                0e                     # length 14
                00 02 01               # IPv6 unicast
                00 00 00 07            # path id 7
                30 20 01 0d b8 00 01   # 2001:db8:1::/48
                """;
        assertThat(Wire.decode(withPathId, receiveOnly).attributes()).containsExactly(withdrawn);
        assertThat(Wire.encode(List.of(withdrawn), receiveOnly)).isEqualTo(Bytes.fromHex("""
                80 0f 0a 00 02 01      # MP_UNREACH_NLRI of IPv6 unicast, no path id: not negotiated for sending
                30 20 01 0d b8 00 01   # 2001:db8:1::/48
                """));
    }

    @Test
    void keepsOtherFamiliesRaw() {
        assertBothWays("""
                80 0e                     # MP_REACH_NLRI
                20                        # length 32
                00 01 80                  # AFI IPv4, SAFI 128 (MPLS VPN): not decoded
                0c                        # next hop length 12
                00 00 00 00 00 00 00 00   # route distinguisher 0
                c0 00 02 01               # 192.0.2.1
                00                        # reserved
                70 00 06 41 00 00 fd e8   # NLRI, kept as received
                00 00 00 64 0a f4 01      #
                """, CTX, new MpReach(new Family(1, 128), Bytes.fromHex("0000000000000000c0000201"), List.of(),
                Bytes.fromHex("70000641 0000fde8 00000064 0af401")));
    }

    @Test
    void mpUnreachIpv6() {
        assertBothWays("""
                80                     # flags: optional non-transitive
                0f                     # type: MP_UNREACH_NLRI
                0a                     # length 10
                00 02 01               # IPv6 unicast
                30 20 01 0d b8 00 01   # 2001:db8:1::/48
                """, CTX, new MpUnreach(Family.IPV6_UNICAST, List.of(Nlri.parse("2001:db8:1::/48"))));
    }

    @Test
    void mpUnreachWithoutNlriIsTheEndOfRibMarker() {
        assertBothWays("80 0f 03 00 02 01 # MP_UNREACH_NLRI IPv6 unicast, nothing withdrawn (RFC 4724 §2)", CTX,
                new MpUnreach(Family.IPV6_UNICAST, List.of()));
    }

    @Test
    void mpUnreachOfOtherFamilyKeptRaw() {
        assertBothWays("80 0f 06 00 19 41 aa bb cc # AFI 25 SAFI 65 (VPLS), withdrawn kept raw", CTX,
                new MpUnreach(new Family(25, 65), List.of(), Bytes.fromHex("aabbcc")));
    }

    @Test
    void ignoresReservedOctetOnReceiptAndWritesZero() {
        AttributeResult r = Wire.decode("""
                80 0e 0a 00 01 01 04 c0 00 02 01
                ff            # reserved, not zero: "SHOULD be ignored upon receipt" (RFC 4760 §3)
                00            # 0.0.0.0/0
                """, CTX);
        assertThat(r.errors()).isEmpty();
        assertThat(Wire.encode(r.attributes(), CTX)).isEqualTo(Bytes.fromHex("80 0e 0a 00 01 01 04 c0 00 02 01 00 00"));
    }
}
