package dev.corvid.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Single routes installed, replaced, listed and removed over rtnetlink in a namespace this test creates
 * ({@link NetnsLab}), checked with {@code ip route} inside it; ECMP, onlink, metric and MTU round trips through the
 * dump; the devices and addresses the kernel lists.
 */
class RtNetlinkTest {
    private static final int PROTOCOL = 201;
    private static final Prefix BLOCK = Prefix.parse("10.244.1.0/26");
    private static NetnsLab lab;
    private static int dummy0;

    @BeforeAll
    static void createTheNamespace() throws Exception {
        lab = NetnsLab.create("nl");
        dummy0 = lab.index("dummy0");
    }

    @AfterAll
    static void deleteTheNamespace() throws Exception {
        if (lab != null) lab.close();
    }

    @AfterEach
    void flushOurRoutes() throws Exception {
        lab.ip("route", "flush", "proto", String.valueOf(PROTOCOL));
        lab.ip("-6", "route", "flush", "proto", String.valueOf(PROTOCOL));
    }

    private static String ipRoute(String... family) throws Exception {
        String[] args = family.length == 0 ? new String[] {"route", "show", "proto", String.valueOf(PROTOCOL)}
                : new String[] {family[0], "route", "show", "proto", String.valueOf(PROTOCOL)};
        return lab.ip(args).strip().replaceAll("[ \t]+\n", "\n");
    }

    private static InetAddress ip(String text) {
        return InetAddress.ofLiteral(text);
    }

    private static KernelRoute via(String gateway) {
        return KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip(gateway))), KernelRoute.MAIN_TABLE, PROTOCOL, 0, 0);
    }

    private static List<KernelRoute> ours(RtNetlink nl, boolean v4) {
        return nl.routes(v4).stream().filter(r -> r.protocol() == PROTOCOL).toList();
    }

    @Test
    void installsReplacesListsAndRemovesARoute() throws Exception {
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            nl.replace(via("10.0.0.2"));
            assertThat(ipRoute()).isEqualTo("10.244.1.0/26 via 10.0.0.2 dev dummy0");
            nl.replace(via("10.0.0.3")); // NLM_F_REPLACE: the same destination, a new next hop, still one route
            assertThat(ipRoute()).isEqualTo("10.244.1.0/26 via 10.0.0.3 dev dummy0");
            // The kernel fills in the device it picked; with it, the dump equals what was installed.
            assertThat(ours(nl, true)).containsExactly(KernelRoute.unicast(BLOCK,
                    List.of(NextHop.via(ip("10.0.0.3"), dummy0)), KernelRoute.MAIN_TABLE, PROTOCOL, 0, 0));
            nl.delete(via("10.0.0.3"));
            assertThat(ipRoute()).isEmpty();
        }
    }

    @Test
    void aRefusedRouteSaysWhichRouteAndWhy() throws Exception {
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            // 192.168.77.1 is on no local subnet and the route is not onlink: the kernel refuses it.
            assertThatThrownBy(() -> nl.replace(via("192.168.77.1")))
                    .isInstanceOf(NetlinkException.class)
                    .hasMessageStartingWith("installing 10.244.1.0/26 via 192.168.77.1 table 254 proto 201: ENETUNREACH "
                            + "(network unreachable: no route to the next hop)");
            assertThatThrownBy(() -> nl.delete(via("10.0.0.9")))
                    .isInstanceOf(NetlinkException.class)
                    .hasMessageStartingWith("removing 10.244.1.0/26 via 10.0.0.9 table 254 proto 201: ESRCH");
            assertThat(ipRoute()).isEmpty();
        }
    }

    @Test
    void anEcmpRouteOfTwoNextHopsRoundTripsThroughTheDump() throws Exception {
        KernelRoute ecmp = KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("10.0.0.2"), dummy0),
                NextHop.via(ip("10.0.0.3"), dummy0)), KernelRoute.MAIN_TABLE, PROTOCOL, 0, 0);
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            nl.replace(ecmp);
            assertThat(ipRoute()).isEqualTo("""
                    10.244.1.0/26
                    \tnexthop via 10.0.0.2 dev dummy0 weight 1
                    \tnexthop via 10.0.0.3 dev dummy0 weight 1""");
            assertThat(ours(nl, true)).containsExactly(ecmp);
        }
    }

    @Test
    void anIpv6EcmpRouteIsInstalledReplacedAndDumpedAsOneRoute() throws Exception {
        Prefix block = Prefix.parse("2001:db8:42::/64");
        KernelRoute ecmp = KernelRoute.unicast(block, List.of(NextHop.via(ip("2001:db8::2"), dummy0),
                NextHop.via(ip("2001:db8::3"), dummy0)), KernelRoute.MAIN_TABLE, PROTOCOL, 1024, 0);
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            nl.replace(ecmp);
            assertThat(ours(nl, false)).containsExactly(ecmp);
            KernelRoute three = ecmp.withNextHops(List.of(NextHop.via(ip("2001:db8::4"), dummy0),
                    NextHop.via(ip("2001:db8::5"), dummy0), NextHop.via(ip("2001:db8::6"), dummy0)));
            nl.replace(three); // RTA_MULTIPATH with NLM_F_REPLACE swaps all next hops at once
            assertThat(ours(nl, false)).containsExactly(three);
            assertThat(ipRoute("-6")).contains("nexthop via 2001:db8::6 dev dummy0").doesNotContain("2001:db8::2");
            nl.delete(three);
            assertThat(ours(nl, false)).isEmpty();
        }
    }

    @Test
    void anOnlinkRouteThroughATunnelDeviceNeedsNoSubnetForItsNextHop() throws Exception {
        // Calico's IPIP routes go "via NODE dev tunl0 onlink"; these kernels have no ipip module, so a VXLAN device
        // stands in as the tunnel: what matters is a device without a subnet holding the next hop.
        lab.ip("link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "dev", "dummy0");
        lab.ip("link", "set", "vx0", "up");
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            int vx0 = lab.index("vx0");
            KernelRoute onlink = KernelRoute.unicast(Prefix.parse("10.244.2.0/26"),
                    List.of(NextHop.onlink(ip("192.168.77.1"), vx0)), KernelRoute.MAIN_TABLE, PROTOCOL, 0, 1430);
            nl.replace(onlink);
            assertThat(ipRoute()).isEqualTo("10.244.2.0/26 via 192.168.77.1 dev vx0 onlink mtu 1430");
            assertThat(ours(nl, true)).containsExactly(onlink);
        } finally {
            lab.ip("link", "del", "vx0");
        }
    }

    @Test
    void metricAndMtuRoundTripThroughTheDump() throws Exception {
        KernelRoute route = KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("10.0.0.2"), dummy0)), 100, PROTOCOL,
                32, 1480);
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            nl.replace(route);
            assertThat(lab.ip("route", "show", "table", "100").strip())
                    .isEqualTo("10.244.1.0/26 via 10.0.0.2 dev dummy0 proto 201 metric 32 mtu 1480");
            assertThat(ours(nl, true)).containsExactly(route);
            assertThat(route).hasToString("10.244.1.0/26 via 10.0.0.2 dev #" + dummy0
                    + " table 100 proto 201 metric 32 mtu 1480");
            nl.delete(route);
            assertThat(ours(nl, true)).isEmpty();
        }
    }

    @Test
    void listsTheDevicesAndTheirAddresses() throws Exception {
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            assertThat(nl.links()).contains(new Link(1, "lo", true, 65536), new Link(dummy0, "dummy0", true, 1500));
            assertThat(nl.addresses(true)).contains(
                    new InterfaceAddress(dummy0, ip("10.0.0.1"), Prefix.parse("10.0.0.0/24")),
                    new InterfaceAddress(1, ip("127.0.0.1"), Prefix.parse("127.0.0.0/8")));
            assertThat(nl.addresses(false))
                    .contains(new InterfaceAddress(dummy0, ip("2001:db8::1"), Prefix.parse("2001:db8::/64")));
        }
    }
}
