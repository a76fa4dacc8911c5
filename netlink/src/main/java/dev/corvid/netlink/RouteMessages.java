package dev.corvid.netlink;

import static dev.corvid.netlink.NetlinkMessages.AF_INET;
import static dev.corvid.netlink.NetlinkMessages.AF_INET6;
import static dev.corvid.netlink.NetlinkMessages.NLM_F_CREATE;
import static dev.corvid.netlink.NetlinkMessages.NLM_F_EXCL;
import static dev.corvid.netlink.NetlinkMessages.NLM_F_REPLACE;
import static dev.corvid.netlink.NetlinkMessages.NLM_F_REQUEST;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Ipv6Prefix;
import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * rtnetlink route messages: {@code struct rtmsg} (12 octets: family, dst_len, src_len, tos, table, protocol, scope,
 * type, flags) and its attributes, as {@code linux/rtnetlink.h} and {@code man 7 rtnetlink} lay them out. One next
 * hop goes into RTA_GATEWAY / RTA_OIF / {@code rtm_flags}; several into RTA_MULTIPATH, a sequence of
 * {@code struct rtnexthop} (len, flags, hops, ifindex: 8 octets), each followed by its own RTA_GATEWAY.
 */
final class RouteMessages {
    static final int RTM_NEWROUTE = 24, RTM_DELROUTE = 25, RTM_GETROUTE = 26;
    static final int RTMSG = 12;
    private static final int RTA_DST = 1, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PRIORITY = 6, RTA_METRICS = 8,
            RTA_MULTIPATH = 9, RTA_TABLE = 15;
    private static final int RTAX_MTU = 2;
    private static final int RTNH_F_ONLINK = 4, RTNEXTHOP = 8;
    private static final int RT_SCOPE_UNIVERSE = 0, RT_SCOPE_LINK = 253, RT_SCOPE_NOWHERE = 255;
    private static final int RT_TABLE_COMPAT = 252;

    private RouteMessages() {}

    /** An upper bound of the octets {@link #write} needs for {@code route}. */
    static int size(KernelRoute route) {
        return NetlinkMessages.HEADER + RTMSG + 20 + 8 + 8 + 12 + 4 + route.nextHops().size() * (RTNEXTHOP + 20 + 8);
    }

    /** The request as one message with sequence number {@code seq}; {@code ack}: ask for an ACK even on success. */
    static void write(ByteBuffer out, RouteRequest request, int seq, boolean ack) {
        KernelRoute route = request.route();
        int ackFlag = ack ? NetlinkMessages.NLM_F_ACK : 0;
        int start = switch (request) {
            case RouteRequest.Add a -> NetlinkMessages.begin(out, RTM_NEWROUTE,
                    NLM_F_REQUEST | ackFlag | NLM_F_CREATE | NLM_F_EXCL, seq);
            case RouteRequest.Replace r -> NetlinkMessages.begin(out, RTM_NEWROUTE,
                    NLM_F_REQUEST | ackFlag | NLM_F_CREATE | NLM_F_REPLACE, seq);
            case RouteRequest.Remove r -> NetlinkMessages.begin(out, RTM_DELROUTE, NLM_F_REQUEST | ackFlag, seq);
        };
        boolean remove = request instanceof RouteRequest.Remove;
        Prefix d = route.destination();
        List<NextHop> hops = remove ? List.of() : route.nextHops();
        boolean single = hops.size() == 1;
        // A route straight onto a device (no gateway) has link scope, as `ip route add PREFIX dev X` makes it;
        // RT_SCOPE_NOWHERE in a removal matches any scope.
        int scope = remove ? RT_SCOPE_NOWHERE : onDevicesOnly(hops) ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
        out.put((byte) (d instanceof Ipv4Prefix ? AF_INET : AF_INET6)).put((byte) d.length()).put((byte) 0)
                .put((byte) 0).put((byte) (route.table() < 256 ? route.table() : RT_TABLE_COMPAT))
                .put((byte) route.protocol()).put((byte) scope).put((byte) route.type())
                .putInt(single && hops.getFirst().onlink() ? RTNH_F_ONLINK : 0);
        if (d instanceof Ipv4Prefix v4) NetlinkMessages.ipv4Attribute(out, RTA_DST, v4.bits());
        else NetlinkMessages.attribute(out, RTA_DST, d.address().getAddress());
        NetlinkMessages.intAttribute(out, RTA_TABLE, route.table());
        if (route.metric() != 0) NetlinkMessages.intAttribute(out, RTA_PRIORITY, route.metric());
        if (route.mtu() != 0 && !remove) {
            int metrics = NetlinkMessages.open(out, RTA_METRICS);
            NetlinkMessages.intAttribute(out, RTAX_MTU, route.mtu());
            NetlinkMessages.close(out, metrics);
        }
        if (single) {
            NextHop hop = hops.getFirst();
            hop.gateway().ifPresent(g -> NetlinkMessages.attribute(out, RTA_GATEWAY, g.getAddress()));
            hop.device().ifPresent(i -> NetlinkMessages.intAttribute(out, RTA_OIF, i));
        } else if (!hops.isEmpty()) {
            int multipath = NetlinkMessages.open(out, RTA_MULTIPATH);
            for (NextHop hop : hops) {
                int nh = out.position();
                out.putShort((short) 0).put((byte) (hop.onlink() ? RTNH_F_ONLINK : 0)).put((byte) 0)
                        .putInt(hop.device().orElse(0));
                hop.gateway().ifPresent(g -> NetlinkMessages.attribute(out, RTA_GATEWAY, g.getAddress()));
                out.putShort(nh, (short) (out.position() - nh));
            }
            NetlinkMessages.close(out, multipath);
        }
        NetlinkMessages.finish(out, start);
    }

    /** Next hops that are all devices without a gateway (a route of link scope); false for none. */
    private static boolean onDevicesOnly(List<NextHop> hops) {
        for (NextHop h : hops) if (h.gateway().isPresent()) return false;
        return !hops.isEmpty();
    }

    /** An RTM_GETROUTE dump request of one family ({@code v4}: IPv4, otherwise IPv6), every table. */
    static void writeDump(ByteBuffer out, int seq, boolean v4) {
        NetlinkMessages.writeDump(out, RTM_GETROUTE, seq, v4 ? AF_INET : AF_INET6, RTMSG);
    }

    /** The route of an RTM_NEWROUTE/RTM_DELROUTE message whose rtmsg starts at {@code body} and ends at {@code end}. */
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
        List<NextHop> multipath = null;
        int metric = 0, mtu = 0;
        for (int at = body + RTMSG; at + 4 <= end; ) {
            int len = in.getShort(at) & 0xFFFF;
            int kind = in.getShort(at + 2) & 0x3FFF; // without NLA_F_NESTED / NLA_F_NET_BYTEORDER
            if (len < 4 || at + len > end) break;
            switch (kind) {
                case RTA_DST -> dst = NetlinkMessages.value(in, at, len);
                case RTA_GATEWAY -> gateway = Optional.of(NetlinkMessages.address(NetlinkMessages.value(in, at, len)));
                case RTA_OIF -> device = OptionalInt.of(in.getInt(at + 4));
                case RTA_TABLE -> table = in.getInt(at + 4);
                case RTA_PRIORITY -> metric = in.getInt(at + 4);
                case RTA_METRICS -> mtu = readMtu(in, at + 4, at + len);
                case RTA_MULTIPATH -> multipath = readMultipath(in, at + 4, at + len);
                default -> { }
            }
            at += NetlinkMessages.align(len);
        }
        Prefix destination = family == AF_INET ? Ipv4Prefix.of(dst, length) : Ipv6Prefix.of(dst, length);
        List<NextHop> hops;
        if (KernelRoute.discards(type)) {
            hops = List.of(); // IPv6 reports these on lo; they forward nowhere
        } else if (multipath != null) {
            hops = multipath;
        } else if (gateway.isPresent() || device.isPresent()) {
            hops = List.of(new NextHop(gateway, device, onlink && device.isPresent()));
        } else {
            hops = List.of();
        }
        return Optional.of(new KernelRoute(destination, type, hops, table, protocol, metric, mtu));
    }

    private static int readMtu(ByteBuffer in, int from, int end) {
        for (int at = from; at + 4 <= end; ) {
            int len = in.getShort(at) & 0xFFFF;
            if (len < 4 || at + len > end) break;
            if ((in.getShort(at + 2) & 0x3FFF) == RTAX_MTU && len >= 8) return in.getInt(at + 4);
            at += NetlinkMessages.align(len);
        }
        return 0;
    }

    private static List<NextHop> readMultipath(ByteBuffer in, int from, int end) {
        List<NextHop> hops = new ArrayList<>();
        for (int at = from; at + RTNEXTHOP <= end; ) {
            int len = in.getShort(at) & 0xFFFF;
            if (len < RTNEXTHOP || at + len > end) break;
            boolean onlink = (in.get(at + 2) & RTNH_F_ONLINK) != 0;
            int ifindex = in.getInt(at + 4);
            Optional<InetAddress> gateway = Optional.empty();
            for (int a = at + RTNEXTHOP; a + 4 <= at + len; ) {
                int alen = in.getShort(a) & 0xFFFF;
                if (alen < 4 || a + alen > at + len) break;
                if ((in.getShort(a + 2) & 0x3FFF) == RTA_GATEWAY) {
                    gateway = Optional.of(NetlinkMessages.address(NetlinkMessages.value(in, a, alen)));
                }
                a += NetlinkMessages.align(alen);
            }
            OptionalInt device = ifindex > 0 ? OptionalInt.of(ifindex) : OptionalInt.empty();
            if (gateway.isPresent() || device.isPresent()) {
                hops.add(new NextHop(gateway, device, onlink && device.isPresent()));
            }
            at += NetlinkMessages.align(len);
        }
        return List.copyOf(hops);
    }
}
