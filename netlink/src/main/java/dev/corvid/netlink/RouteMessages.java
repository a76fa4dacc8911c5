package dev.corvid.netlink;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * rtnetlink route messages, written and read in host byte order (x86-64 and arm64 Linux: little-endian), addresses
 * in network order. The layouts are those of {@code linux/netlink.h} and {@code linux/rtnetlink.h}: a 16-octet
 * {@code nlmsghdr}, a 12-octet {@code rtmsg}, then {@code rtattr}s (4-octet header, 4-octet aligned).
 */
final class RouteMessages {
    static final int NLMSG_ERROR = 2, NLMSG_DONE = 3;
    static final int RTM_NEWROUTE = 24, RTM_DELROUTE = 25, RTM_GETROUTE = 26;
    static final int NLM_F_REQUEST = 1, NLM_F_MULTI = 2, NLM_F_ACK = 4, NLM_F_DUMP = 0x300;
    static final int NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400;
    static final int HEADER = 16, RTMSG = 12;
    private static final int RTA_DST = 1, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_TABLE = 15;
    private static final int RTNH_F_ONLINK = 4;
    private static final int AF_INET = 2, AF_INET6 = 10;
    private static final int RT_SCOPE_UNIVERSE = 0;

    private RouteMessages() {}

    /** RTM_NEWROUTE (with {@code flags}, e.g. create + replace) or RTM_DELROUTE for {@code route}. */
    static void write(ByteBuffer out, int type, int flags, int seq, KernelRoute route) {
        out.order(ByteOrder.nativeOrder());
        int start = out.position();
        out.putInt(0).putShort((short) type).putShort((short) (NLM_F_REQUEST | NLM_F_ACK | flags)).putInt(seq).putInt(0);
        Prefix d = route.destination();
        boolean v4 = d instanceof Ipv4Prefix;
        out.put((byte) (v4 ? AF_INET : AF_INET6)).put((byte) d.length()).put((byte) 0).put((byte) 0)
                .put((byte) (route.table() < 256 ? route.table() : 252)) // RT_TABLE_COMPAT; RTA_TABLE has it all
                .put((byte) route.protocol()).put((byte) RT_SCOPE_UNIVERSE).put((byte) route.type())
                .putInt(route.onlink() ? RTNH_F_ONLINK : 0);
        attribute(out, RTA_DST, d.address().getAddress());
        route.gateway().ifPresent(g -> attribute(out, RTA_GATEWAY, g.getAddress()));
        route.device().ifPresent(i -> attribute(out, RTA_OIF, intBytes(i)));
        attribute(out, RTA_TABLE, intBytes(route.table()));
        out.putInt(start, out.position() - start);
    }

    /** An RTM_GETROUTE dump request of one family ({@code v4}: IPv4, otherwise IPv6). */
    static void writeDump(ByteBuffer out, int seq, boolean v4) {
        out.order(ByteOrder.nativeOrder());
        int start = out.position();
        out.putInt(0).putShort((short) RTM_GETROUTE).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP)).putInt(seq).putInt(0);
        out.put((byte) (v4 ? AF_INET : AF_INET6)).put(new byte[RTMSG - 1]);
        out.putInt(start, out.position() - start);
    }

    private static void attribute(ByteBuffer out, int type, byte[] value) {
        out.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        while ((out.position() & 3) != 0) out.put((byte) 0);
    }

    private static byte[] intBytes(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    /** The route of an RTM_NEWROUTE message whose rtmsg starts at {@code body} and ends at {@code end}. */
    static Optional<KernelRoute> read(ByteBuffer in, int body, int end) {
        in.order(ByteOrder.nativeOrder());
        int family = in.get(body) & 0xFF;
        if (family != AF_INET && family != AF_INET6) return Optional.empty();
        int length = in.get(body + 1) & 0xFF;
        int table = in.get(body + 4) & 0xFF;
        int protocol = in.get(body + 5) & 0xFF;
        int type = in.get(body + 7) & 0xFF;
        boolean onlink = (in.getInt(body + 8) & RTNH_F_ONLINK) != 0;
        byte[] dst = new byte[family == AF_INET ? 4 : 16];
        Optional<InetAddress> gateway = Optional.empty();
        OptionalInt device = OptionalInt.empty();
        for (int at = body + RTMSG; at + 4 <= end; ) {
            int len = in.getShort(at) & 0xFFFF;
            int kind = in.getShort(at + 2) & 0xFFFF;
            if (len < 4 || at + len > end) break;
            byte[] value = new byte[len - 4];
            in.get(at + 4, value);
            switch (kind) {
                case RTA_DST -> dst = value;
                case RTA_GATEWAY -> gateway = Optional.of(address(value));
                case RTA_OIF -> device = OptionalInt.of(ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt());
                case RTA_TABLE -> table = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt();
                default -> { }
            }
            at += (len + 3) & ~3;
        }
        Prefix destination = Prefix.parse(address(dst).getHostAddress() + "/" + length);
        return Optional.of(new KernelRoute(destination, gateway, device, table, protocol, type, onlink));
    }

    private static InetAddress address(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address of " + octets.length + " octets", e);
        }
    }
}
