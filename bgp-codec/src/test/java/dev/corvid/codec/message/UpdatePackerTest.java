package dev.corvid.codec.message;

import static dev.corvid.codec.message.UpdateCodecTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.MpUnreach;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.codec.testing.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class UpdatePackerTest {
    static final List<PathAttribute> IPV4_ATTRIBUTES = List.of(Origin.IGP, AsPath.EMPTY, new NextHop(ip("10.0.0.1")));

    @Test
    void writesTheSameOctetsAsTheCodecForAnAddPathIpv6Announcement() {
        // The vector of UpdateCodecTest.decodesAndEncodesAddPathIpv6: MP_REACH_NLRI first (RFC 7606 §5.1).
        WireContext ctx = WireContext.FOUR_OCTET_AS.withAddPath(Set.of(Family.IPV6_UNICAST));
        List<ByteBuf> out = new ArrayList<>();
        int n = UpdatePacker.announce(Family.IPV6_UNICAST, List.of(Origin.IGP, AsPath.EMPTY),
                Bytes.fromHex("20010db8000000000000000000000001"),
                List.of(new Nlri(Prefix.parse("2001:db8:1::/48"), 7)), ctx, PooledByteBufAllocator.DEFAULT, out::add);
        assertThat(n).isOne();
        assertThat(hexAndRelease(out)).containsExactly("""
                ffffffffffffffffffffffffffffffff 0041 02 0000 002a
                800e20 000201 10 20010db8000000000000000000000001 00 00000007 30 20010db80001
                400101 00 400200""".replaceAll("\\s", ""));
    }

    @Test
    void splitsIpv4AnnouncementsAtTheMessageLimit() {
        // 19 + 4 + 14 octets of attributes leave 4059 octets: 1014 /24s of 4 octets per 4096-octet message.
        List<Nlri> prefixes = slash24s(3000);
        List<ByteBuf> out = new ArrayList<>();
        int n = UpdatePacker.announce(Family.IPV4_UNICAST, IPV4_ATTRIBUTES, null, prefixes, WireContext.FOUR_OCTET_AS,
                PooledByteBufAllocator.DEFAULT, out::add);
        try {
            assertThat(n).isEqualTo(3);
            assertThat(out).extracting(ByteBuf::readableBytes).containsExactly(4093, 4093, 37 + 4 * (3000 - 2 * 1014));
        } finally {
            out.forEach(ByteBuf::release);
        }
    }

    @Test
    void appendingToOneBufferWritesTheSameMessagesBackToBack() {
        List<Nlri> prefixes = slash24s(3000);
        List<ByteBuf> separate = new ArrayList<>();
        UpdatePacker.announce(Family.IPV4_UNICAST, IPV4_ATTRIBUTES, null, prefixes, WireContext.FOUR_OCTET_AS,
                PooledByteBufAllocator.DEFAULT, separate::add);
        UpdatePacker.withdraw(Family.IPV6_UNICAST, List.of(Nlri.parse("2001:db8::/48")), WireContext.FOUR_OCTET_AS,
                PooledByteBufAllocator.DEFAULT, separate::add);
        ByteBuf shared = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        try {
            shared.writeByte(0x55); // something already there stays, and the messages follow it
            assertThat(UpdatePacker.announceInto(Family.IPV4_UNICAST, IPV4_ATTRIBUTES, null, prefixes,
                    WireContext.FOUR_OCTET_AS, PooledByteBufAllocator.DEFAULT, shared)).isEqualTo(3);
            assertThat(UpdatePacker.withdrawInto(Family.IPV6_UNICAST, List.of(Nlri.parse("2001:db8::/48")),
                    WireContext.FOUR_OCTET_AS, shared)).isOne();
            assertThat(ByteBufUtil.hexDump(shared)).isEqualTo("55" + String.join("", hexAndRelease(separate)));
        } finally {
            shared.release();
        }
    }

    @Test
    void splitsIpv6WithdrawalsIntoMpUnreach() {
        List<Nlri> prefixes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) prefixes.add(Nlri.parse("2001:db8:" + Integer.toHexString(i) + "::/48"));
        List<ByteBuf> out = new ArrayList<>();
        UpdatePacker.withdraw(Family.IPV6_UNICAST, prefixes, WireContext.FOUR_OCTET_AS, PooledByteBufAllocator.DEFAULT,
                out::add);
        List<Nlri> seen = new ArrayList<>();
        try {
            assertThat(out).hasSize(2);
            for (ByteBuf m : out) {
                Update u = (Update) ((DecodeResult.Decoded) MessageCodec.decode(m.duplicate(), WireContext.FOUR_OCTET_AS))
                        .message();
                assertThat(u.attributes()).singleElement().isInstanceOf(MpUnreach.class);
                seen.addAll(u.allWithdrawn(Family.IPV6_UNICAST));
            }
        } finally {
            out.forEach(ByteBuf::release);
        }
        assertThat(seen).isEqualTo(prefixes);
    }

    @Test
    void sendsNothingForNoPrefixes() {
        List<ByteBuf> out = new ArrayList<>();
        assertThat(UpdatePacker.announce(Family.IPV4_UNICAST, IPV4_ATTRIBUTES, null, List.of(), WireContext.DEFAULT,
                PooledByteBufAllocator.DEFAULT, out::add)).isZero();
        assertThat(UpdatePacker.withdraw(Family.IPV6_UNICAST, List.of(), WireContext.DEFAULT,
                PooledByteBufAllocator.DEFAULT, out::add)).isZero();
        assertThat(out).isEmpty();
    }

    @Test
    void rejectsWhatItCannotPack() {
        List<ByteBuf> out = new ArrayList<>();
        assertThatThrownBy(() -> UpdatePacker.announce(Family.IPV4_UNICAST,
                List.of(new MpUnreach(Family.IPV6_UNICAST, List.of())), null, slash24s(1), WireContext.DEFAULT,
                PooledByteBufAllocator.DEFAULT, out::add)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpdatePacker.announce(Family.IPV6_UNICAST, List.of(Origin.IGP), null,
                List.of(Nlri.parse("2001:db8::/32")), WireContext.DEFAULT, PooledByteBufAllocator.DEFAULT, out::add))
                .hasMessageContaining("next hop");
        assertThatThrownBy(() -> UpdatePacker.withdraw(Family.IPV6_UNICAST, slash24s(1), WireContext.DEFAULT,
                PooledByteBufAllocator.DEFAULT, out::add)).hasMessageContaining("is not an IPV6 prefix");
        assertThat(out).isEmpty();
    }

    @Test
    void leavesTheMessageToTheSinkWhenTheSinkThrows() {
        List<ByteBuf> given = new ArrayList<>();
        assertThatThrownBy(() -> UpdatePacker.announce(Family.IPV4_UNICAST, IPV4_ATTRIBUTES, null, slash24s(3000),
                WireContext.FOUR_OCTET_AS, PooledByteBufAllocator.DEFAULT, m -> {
                    given.add(m);
                    throw new IllegalStateException("channel closed");
                })).hasMessage("channel closed");
        assertThat(given).hasSize(1);
        given.getFirst().release();
        assertThat(given.getFirst().refCnt()).isZero();
    }

    static List<Nlri> slash24s(int count) {
        List<Nlri> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(Nlri.of(new Ipv4Prefix(0x0A00_0000 + (i << 8), 24)));
        return out;
    }

    static List<String> hexAndRelease(List<ByteBuf> messages) {
        try {
            return messages.stream().map(ByteBufUtil::hexDump).toList();
        } finally {
            messages.forEach(ByteBuf::release);
        }
    }
}
