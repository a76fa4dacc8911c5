package dev.corvid.bench.codec;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.Communities;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.MultiExitDisc;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.message.UpdatePacker;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Ipv6Prefix;
import dev.corvid.codec.nlri.Nlri;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The UPDATEs the benchmarks use: one attribute set of a typical route, many /24s or /48s. */
final class BenchUpdates {
    static final WireContext CTX_4096 = WireContext.FOUR_OCTET_AS;
    static final WireContext CTX_65535 = WireContext.FOUR_OCTET_AS.withExtendedMessage(true);
    static final Bytes IPV6_NEXT_HOP = Bytes.fromHex("20010db8000000000000000000000001");

    private BenchUpdates() {}

    /** ORIGIN, AS_PATH of three ASes, MED, LOCAL_PREF, two communities, and NEXT_HOP for IPv4. */
    static List<PathAttribute> attributes(boolean nextHop) {
        List<PathAttribute> a = new ArrayList<>(List.of(Origin.IGP, AsPath.sequence(64512, 65001, 4_200_000_000L)));
        if (nextHop) a.add(new NextHop(address("10.0.0.1")));
        a.add(new MultiExitDisc(50));
        a.add(new LocalPref(100));
        a.add(new Communities(List.of(0xfc000064, 0xfc0000c8)));
        return a;
    }

    /** 10.0.0.0/24, 10.0.1.0/24, ... */
    static List<Nlri> ipv4Slash24s(int count) {
        List<Nlri> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(Nlri.of(new Ipv4Prefix(0x0A00_0000 + (i << 8), 24)));
        return out;
    }

    /** 2001:db8:0::/48, 2001:db8:1::/48, ... (wrapping into 2001:db9:: past 65536) */
    static List<Nlri> ipv6Slash48s(int count) {
        List<Nlri> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(Nlri.of(new Ipv6Prefix(0x2001_0db8_0000_0000L + ((long) i << 16), 0, 48)));
        return out;
    }

    /** One UPDATE holding exactly {@code count} prefixes, as an unpooled heap buffer; fails if they need two. */
    static ByteBuf singleMessage(boolean ipv4, int count, WireContext ctx) {
        List<ByteBuf> messages = new ArrayList<>();
        if (ipv4) {
            UpdatePacker.announce(Family.IPV4_UNICAST, attributes(true), null, ipv4Slash24s(count), ctx,
                    UnpooledByteBufAllocator.DEFAULT, messages::add);
        } else {
            UpdatePacker.announce(Family.IPV6_UNICAST, attributes(false), IPV6_NEXT_HOP, ipv6Slash48s(count), ctx,
                    UnpooledByteBufAllocator.DEFAULT, messages::add);
        }
        try {
            if (messages.size() != 1) {
                throw new IllegalStateException(count + " prefixes need " + messages.size() + " messages of at most "
                        + ctx.maxMessageLength() + " octets");
            }
            return Unpooled.wrappedBuffer(ByteBufUtil.getBytes(messages.getFirst()));
        } finally {
            messages.forEach(ByteBuf::release);
        }
    }

    static Inet4Address address(String literal) {
        try {
            return (Inet4Address) InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
