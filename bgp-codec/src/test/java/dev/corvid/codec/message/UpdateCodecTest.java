package dev.corvid.codec.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.Communities;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.MpReach;
import dev.corvid.codec.attribute.MpUnreach;
import dev.corvid.codec.attribute.MultiExitDisc;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.codec.testing.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** UPDATE wire vectors (RFC 4271 §4.3, RFC 4760, RFC 4724 §2, RFC 7911), each asserted decode AND encode. */
@ExtendWith(LeakCheck.class)
class UpdateCodecTest {
    static final WireContext FOUR = WireContext.FOUR_OCTET_AS;

    @Test
    void decodesAndEncodesIpv4AnnouncementWithAttributes() {
        String hex = """
                ffffffffffffffffffffffffffffffff  # marker
                0056                              # length 86
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                0031                              # Total Path Attribute Length 49
                40 01 01 00                       # ORIGIN IGP
                40 02 0e 02 03 0000fc00 0000fde9 fa56ea00  # AS_PATH AS_SEQUENCE 64512 65001 4200000000
                40 03 04 0a000001                 # NEXT_HOP 10.0.0.1
                80 04 04 00000032                 # MULTI_EXIT_DISC 50
                40 05 04 00000064                 # LOCAL_PREF 100
                c0 08 04 fc000064                 # COMMUNITIES 64512:100
                18 0af401                         # NLRI 10.244.1.0/24
                1a 0af40140                       # NLRI 10.244.1.64/26
                20 c0000201                       # NLRI 192.0.2.1/32
                """;
        Update update = new Update(List.of(), List.of(Origin.IGP, AsPath.sequence(64512, 65001, 4_200_000_000L),
                new NextHop(ip("10.0.0.1")), new MultiExitDisc(50), new LocalPref(100),
                new Communities(List.of(0xfc000064))),
                nlri("10.244.1.0/24", "10.244.1.64/26", "192.0.2.1/32"));
        assertBothWays(hex, update, FOUR);
        assertThat(update.allReachable(Family.IPV4_UNICAST)).isEqualTo(update.nlri());
        assertThat(update.isEndOfRib()).isFalse();
    }

    @Test
    void decodesAndEncodesIpv4WithdrawalOnly() {
        String hex = """
                ffffffffffffffffffffffffffffffff  # marker
                001d                              # length 29
                02                                # UPDATE
                0006                              # Withdrawn Routes Length 6
                18 0af401                         # 10.244.1.0/24
                08 0a                             # 10.0.0.0/8
                0000                              # Total Path Attribute Length 0
                """;
        Update update = new Update(nlri("10.244.1.0/24", "10.0.0.0/8"), List.of(), List.of());
        assertBothWays(hex, update, FOUR);
        assertThat(update.allWithdrawn(Family.IPV4_UNICAST)).isEqualTo(update.withdrawn());
    }

    @Test
    void decodesAndEncodesIpv6ReachWithGlobalAndLinkLocalNextHop() {
        String hex = """
                ffffffffffffffffffffffffffffffff  # marker
                005c                              # length 92
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                0045                              # Total Path Attribute Length 69
                80 0e 35                          # MP_REACH_NLRI, optional non-transitive, 53 octets
                0002 01                           #   AFI IPv6, SAFI unicast
                20                                #   next hop length 32 (RFC 2545 §3)
                20010db8000000000000000000000001  #   global 2001:db8::1
                fe800000000000000000000000000001  #   link-local fe80::1
                00                                #   reserved
                30 20010db80001                   #   2001:db8:1::/48
                40 20010db800020000               #   2001:db8:2::/64
                40 01 01 00                       # ORIGIN IGP
                40 02 06 02 01 0000fde9           # AS_PATH AS_SEQUENCE 65001
                """;
        Bytes nextHop = Bytes.fromHex("20010db8000000000000000000000001 fe800000000000000000000000000001");
        MpReach reach = new MpReach(Family.IPV6_UNICAST, nextHop, nlri("2001:db8:1::/48", "2001:db8:2::/64"));
        Update update = new Update(List.of(), List.of(reach, Origin.IGP, AsPath.sequence(65001)), List.of());
        assertBothWays(hex, update, FOUR);
        assertThat(update.allReachable(Family.IPV6_UNICAST)).isEqualTo(reach.nlri());
        assertThat(update.allReachable(Family.IPV4_UNICAST)).isEmpty();
        assertThat(update.mpReach()).contains(reach);
    }

    @Test
    void decodesAndEncodesIpv6Unreach() {
        String hex = """
                ffffffffffffffffffffffffffffffff  # marker
                0024                              # length 36
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                000d                              # Total Path Attribute Length 13
                80 0f 0a                          # MP_UNREACH_NLRI, 10 octets
                0002 01                           #   AFI IPv6, SAFI unicast
                30 20010db80001                   #   2001:db8:1::/48
                """;
        MpUnreach unreach = new MpUnreach(Family.IPV6_UNICAST, nlri("2001:db8:1::/48"));
        Update update = new Update(List.of(), List.of(unreach), List.of());
        assertBothWays(hex, update, FOUR);
        assertThat(update.allWithdrawn(Family.IPV6_UNICAST)).isEqualTo(unreach.withdrawn());
        assertThat(update.isEndOfRib()).isFalse();
    }

    @Test
    void decodesAndEncodesIpv4EndOfRib() {
        String hex = """
                ffffffffffffffffffffffffffffffff  # marker
                0017                              # length 23
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                0000                              # Total Path Attribute Length 0
                """;
        Update eor = Update.endOfRib(Family.IPV4_UNICAST);
        assertBothWays(hex, eor, WireContext.DEFAULT);
        assertThat(eor.endOfRib()).contains(Family.IPV4_UNICAST);
    }

    @Test
    void decodesAndEncodesIpv6EndOfRib() {
        String hex = """
                ffffffffffffffffffffffffffffffff  # marker
                001d                              # length 29
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                0006                              # Total Path Attribute Length 6
                80 0f 03 0002 01                  # MP_UNREACH_NLRI IPv6 unicast, no NLRI (RFC 4724 §2)
                """;
        Update eor = Update.endOfRib(Family.IPV6_UNICAST);
        // RFC 7606 §5.2: an End-of-RIB has no reachable NLRI but is no error.
        assertBothWays(hex, eor, FOUR);
        assertThat(eor.endOfRib()).contains(Family.IPV6_UNICAST);
        assertThat(eor.isEndOfRib()).isTrue();
    }

    @Test
    void decodesAndEncodesAddPathIpv4() {
        WireContext ctx = FOUR.withAddPath(Set.of(Family.IPV4_UNICAST));
        String hex = """
                ffffffffffffffffffffffffffffffff  # marker
                002d                              # length 45
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                000e                              # Total Path Attribute Length 14
                40 01 01 00                       # ORIGIN IGP
                40 02 00                          # AS_PATH empty (iBGP)
                40 03 04 0a000001                 # NEXT_HOP 10.0.0.1
                00000001 18 0af401                # path id 1, 10.244.1.0/24 (RFC 7911 §3)
                """;
        Update update = new Update(List.of(), List.of(Origin.IGP, AsPath.EMPTY, new NextHop(ip("10.0.0.1"))),
                List.of(new Nlri(Prefix.parse("10.244.1.0/24"), 1)));
        assertBothWays(hex, update, ctx);
    }

    @Test
    void decodesAndEncodesAddPathIpv6() {
        WireContext ctx = FOUR.withAddPath(Set.of(Family.IPV6_UNICAST));
        String hex = """
                ffffffffffffffffffffffffffffffff  # marker
                0041                              # length 65
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                002a                              # Total Path Attribute Length 42
                80 0e 20                          # MP_REACH_NLRI, 32 octets
                0002 01                           #   AFI IPv6, SAFI unicast
                10                                #   next hop length 16
                20010db8000000000000000000000001  #   2001:db8::1
                00                                #   reserved
                00000007 30 20010db80001          #   path id 7, 2001:db8:1::/48
                40 01 01 00                       # ORIGIN IGP
                40 02 00                          # AS_PATH empty
                """;
        MpReach reach = new MpReach(Family.IPV6_UNICAST, Bytes.fromHex("20010db8000000000000000000000001"),
                List.of(new Nlri(Prefix.parse("2001:db8:1::/48"), 7)));
        Update update = new Update(List.of(), List.of(reach, Origin.IGP, AsPath.EMPTY), List.of());
        assertBothWays(hex, update, ctx);
    }

    @Test
    void rejectsIpv6PrefixesInTheIpv4Fields() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Update(nlri("2001:db8::/32"), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MP_UNREACH_NLRI");
    }

    static void assertBothWays(String hex, Update update, WireContext ctx) {
        assertThat(decode(hex, ctx)).isEqualTo(new DecodeResult.Decoded(update));
        assertThat(encode(update, ctx)).isEqualTo(Bytes.fromHex(hex));
    }

    static DecodeResult decode(String hex, WireContext ctx) {
        ByteBuf frame = Unpooled.wrappedBuffer(Bytes.fromHex(hex).toArray());
        try {
            DecodeResult result = MessageCodec.decode(frame, ctx);
            assertThat(frame.isReadable()).as("the decoder reads the frame to its end").isFalse();
            return result;
        } finally {
            frame.release();
            assertThat(frame.refCnt()).isZero();
        }
    }

    static Bytes encode(BgpMessage message, WireContext ctx) {
        ByteBuf out = MessageCodec.encode(message, ctx, UnpooledByteBufAllocator.DEFAULT);
        try {
            return Bytes.read(out, out.readableBytes());
        } finally {
            out.release();
        }
    }

    static List<Nlri> nlri(String... prefixes) {
        return java.util.Arrays.stream(prefixes).map(Nlri::parse).toList();
    }

    static Inet4Address ip(String literal) {
        try {
            return (Inet4Address) InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
