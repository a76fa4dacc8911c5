package dev.corvid.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Route messages written and read back without a kernel; the exact octets of one request; the records' rules. */
class RouteMessagesTest {
    private static final Prefix BLOCK = Prefix.parse("10.244.1.0/26");

    private static InetAddress ip(String text) {
        return InetAddress.ofLiteral(text);
    }

    static List<KernelRoute> routes() {
        return List.of(
                KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("10.0.0.2"), 3)), 254, 201, 0, 0),
                KernelRoute.unicast(BLOCK, List.of(NextHop.onlink(ip("192.168.7.1"), 9)), 254, 201, 32, 1480),
                KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("10.0.0.2"), 3), NextHop.onlink(ip("10.9.0.3"), 4)),
                        1000, 201, 7, 0),
                KernelRoute.unicast(BLOCK, List.of(NextHop.direct(5)), 254, 201, 0, 0),
                KernelRoute.unicast(Prefix.parse("2001:db8:42::/64"), List.of(NextHop.via(ip("2001:db8::2"), 3),
                        NextHop.via(ip("2001:db8::3"), 3)), 254, 201, 1024, 1400),
                KernelRoute.discard(Prefix.parse("0.0.0.0/0"), KernelRoute.BLACKHOLE, 254, 201, 0));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aRouteReadsBackAsWritten(KernelRoute route) {
        ByteBuffer out = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
        RouteMessages.write(out, new RouteRequest.Replace(route), 7, true);
        assertThat(out.position()).isLessThanOrEqualTo(RouteMessages.size(route)).isEqualTo(out.getInt(0));
        assertThat(RouteMessages.read(out, NetlinkMessages.HEADER, out.position())).contains(route);
    }

    @Test
    void anAddIsOneRtmNewrouteWithCreateAndExclusive() {
        ByteBuffer out = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        RouteMessages.write(out, new RouteRequest.Add(KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("10.0.0.2"))),
                254, 201, 32, 0)), 1, false);
        assertThat(HexFormat.of().formatHex(out.array(), 0, out.position())).isEqualTo(
                "3c000000" + "1800" + "0106" + "01000000" + "00000000" // nlmsghdr: 60 octets, NEWROUTE, REQUEST|CREATE|EXCL
                        + "021a0000" + "fec90001" + "00000000"          // rtmsg: inet /26, main, proto 201, universe, unicast
                        + "08000100" + "0af40100"                       // RTA_DST 10.244.1.0
                        + "08000f00" + "fe000000"                       // RTA_TABLE 254
                        + "08000600" + "20000000"                       // RTA_PRIORITY 32
                        + "08000500" + "0a000002");                     // RTA_GATEWAY 10.0.0.2
    }

    @Test
    void aRemovalNamesNoNextHopAndMatchesAnyScope() {
        ByteBuffer out = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        KernelRoute route = KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("10.0.0.2"))), 254, 201, 0, 1400);
        RouteMessages.write(out, new RouteRequest.Remove(route), 1, false);
        assertThat(out.get(NetlinkMessages.HEADER + 6) & 0xFF).isEqualTo(255); // RT_SCOPE_NOWHERE
        assertThat(RouteMessages.read(out, NetlinkMessages.HEADER, out.position()))
                .contains(new KernelRoute(BLOCK, KernelRoute.UNICAST, List.of(), 254, 201, 0, 0));
    }

    @Test
    void theKernelsExplanationIsReadFromAnExtendedAck() {
        byte[] text = "Nexthop has invalid gateway\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        int start = NetlinkMessages.begin(in, NetlinkMessages.NLMSG_ERROR,
                NetlinkMessages.NLM_F_CAPPED | NetlinkMessages.NLM_F_ACK_TLVS, 9);
        in.putInt(-101);
        NetlinkMessages.begin(in, RouteMessages.RTM_NEWROUTE, 0x605, 9); // the request's header only (capped)
        NetlinkMessages.attribute(in, NetlinkMessages.NLMSGERR_ATTR_MSG, text);
        NetlinkMessages.finish(in, start);
        String kernel = NetlinkMessages.errorText(in, 0, in.position());
        assertThat(kernel).isEqualTo("Nexthop has invalid gateway");
        assertThat(new NetlinkException("adding " + BLOCK, 101, kernel)).hasMessage("adding 10.244.1.0/26: ENETUNREACH "
                + "(network unreachable: no route to the next hop); kernel: Nexthop has invalid gateway");
    }

    @Test
    void routesPrintLikeIpRoute() {
        assertThat(KernelRoute.unicast(BLOCK, List.of(NextHop.onlink(ip("10.0.0.2"), 3)), 254, 201, 32, 1480))
                .hasToString("10.244.1.0/26 via 10.0.0.2 dev #3 onlink table 254 proto 201 metric 32 mtu 1480");
        assertThat(KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("10.0.0.2")), NextHop.via(ip("10.0.0.3"))), 254,
                201, 0, 0)).hasToString("10.244.1.0/26 nexthop via 10.0.0.2 nexthop via 10.0.0.3 table 254 proto 201");
        KernelRoute unreachable = KernelRoute.discard(BLOCK, KernelRoute.UNREACHABLE, 254, 201, 0);
        assertThat(unreachable).hasToString("unreachable 10.244.1.0/26 table 254 proto 201");
        assertThat(unreachable.typeName()).isEqualTo("unreachable");
        assertThat(new KernelRoute(BLOCK, KernelRoute.LOCAL, List.of(NextHop.direct(1)), 255, 2, 0, 0).typeName())
                .isEqualTo("local");
    }

    @Test
    void meaninglessRoutesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("2001:db8::1"))), 254, 201, 0, 0))
                .hasMessage("route 10.244.1.0/26: next hop 2001:db8::1 is not of the route's address family");
        assertThatThrownBy(() -> KernelRoute.unicast(BLOCK, List.of(), 254, 201, 0, 0))
                .hasMessage("unicast route 10.244.1.0/26 has no next hop");
        assertThatThrownBy(() -> new NextHop(java.util.Optional.of(ip("10.0.0.2")), java.util.OptionalInt.empty(), true))
                .hasMessageContaining("an onlink next hop needs a device");
    }
}
