package dev.corvid.daemon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.Encapsulation;
import dev.corvid.config.KernelConfig;
import dev.corvid.daemon.routing.FibRoute;
import dev.corvid.netlink.InterfaceAddress;
import dev.corvid.netlink.KernelRoute;
import dev.corvid.netlink.Link;
import dev.corvid.netlink.NextHop;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How a Loc-RIB entry becomes a kernel route under each {@code kernel.encapsulation}, without a kernel: a host with
 * {@code eth0} (index 2) on 10.0.0.1/24 and 2001:db8::1/64, {@code eth1} (3) on 10.1.0.1/24 and the tunnel device
 * {@code tunl0} (5).
 */
class RoutePlanTest {
    private static final Prefix BLOCK = Prefix.parse("10.244.1.0/26");
    private static final int ETH0 = 2, ETH1 = 3, TUNL0 = 5;
    private static final Link TUNNEL_UP = new Link(TUNL0, "tunl0", true, 1480);
    private static final List<InterfaceAddress> ADDRESSES = List.of(
            new InterfaceAddress(ETH0, ip("10.0.0.1"), Prefix.parse("10.0.0.0/24")),
            new InterfaceAddress(ETH0, ip("2001:db8::1"), Prefix.parse("2001:db8::/64")),
            new InterfaceAddress(ETH0, ip("fe80::1"), Prefix.parse("fe80::/64")),
            new InterfaceAddress(ETH1, ip("10.1.0.1"), Prefix.parse("10.1.0.0/24")));
    private static final Interfaces HOST = host(TUNNEL_UP);

    private static InetAddress ip(String text) {
        return InetAddress.ofLiteral(text);
    }

    private static Interfaces host(Link... tunnel) {
        List<Link> links = new ArrayList<>(List.of(new Link(ETH0, "eth0", true, 1500),
                new Link(ETH1, "eth1", true, 1500)));
        links.addAll(List.of(tunnel));
        return Interfaces.of(links, ADDRESSES);
    }

    private static KernelConfig config(Encapsulation encapsulation, int mtu, int overhead) {
        return new KernelConfig(true, 254, 201, 32, encapsulation, "tunl0", mtu, overhead, List.of());
    }

    private static RoutePlan.Outcome plan(Encapsulation encapsulation, String... nextHops) {
        return plan(encapsulation, HOST, BLOCK, nextHops);
    }

    private static RoutePlan.Outcome plan(Encapsulation encapsulation, Interfaces host, Prefix prefix,
                                          String... nextHops) {
        return new RoutePlan(config(encapsulation, 0, 20)).plan(
                new FibRoute(prefix, List.of(nextHops).stream().map(RoutePlanTest::ip).toList()), host);
    }

    private static RoutePlan.Outcome install(Prefix prefix, int mtu, NextHop... hops) {
        return new RoutePlan.Outcome.Install(KernelRoute.unicast(prefix, List.of(hops), 254, 201, 32, mtu));
    }

    @Test
    void withoutEncapsulationARouteGoesViaTheBgpNextHopAndTheKernelPicksTheDevice() {
        assertThat(plan(Encapsulation.NONE, "10.0.0.2")).isEqualTo(install(BLOCK, 0, NextHop.via(ip("10.0.0.2"))));
        assertThat(plan(Encapsulation.NONE, "192.168.7.2")).isEqualTo(install(BLOCK, 0, NextHop.via(ip("192.168.7.2"))));
    }

    @Test
    void severalNextHopsBecomeOneMultipathRouteInTheirOrder() {
        assertThat(plan(Encapsulation.NONE, "10.0.0.2", "10.0.0.3"))
                .isEqualTo(install(BLOCK, 0, NextHop.via(ip("10.0.0.2")), NextHop.via(ip("10.0.0.3"))));
    }

    @Test
    void ipipSendsEveryIpv4NextHopOnlinkThroughTheTunnelDevice() {
        assertThat(plan(Encapsulation.IPIP, "10.0.0.2", "192.168.7.2")).isEqualTo(install(BLOCK, 0,
                NextHop.onlink(ip("10.0.0.2"), TUNL0), NextHop.onlink(ip("192.168.7.2"), TUNL0)));
    }

    @Test
    void crossSubnetGoesDirectInsideALocalSubnetAndThroughTheTunnelOutside() {
        assertThat(plan(Encapsulation.CROSS_SUBNET, "10.0.0.2")).isEqualTo(install(BLOCK, 0, NextHop.via(ip("10.0.0.2"))));
        assertThat(plan(Encapsulation.CROSS_SUBNET, "10.1.0.2")).isEqualTo(install(BLOCK, 0, NextHop.via(ip("10.1.0.2"))));
        assertThat(plan(Encapsulation.CROSS_SUBNET, "192.168.7.2"))
                .isEqualTo(install(BLOCK, 0, NextHop.onlink(ip("192.168.7.2"), TUNL0)));
        assertThat(plan(Encapsulation.CROSS_SUBNET, "10.0.0.2", "192.168.7.2")).isEqualTo(install(BLOCK, 0,
                NextHop.via(ip("10.0.0.2")), NextHop.onlink(ip("192.168.7.2"), TUNL0)));
    }

    @Test
    void ipv6IsNeverTunnelledBecauseIpipCarriesIpv4Only() {
        Prefix v6 = Prefix.parse("2001:db8:42::/64");
        for (Encapsulation e : Encapsulation.values()) {
            assertThat(plan(e, HOST, v6, "2001:db8::2")).isEqualTo(install(v6, 0, NextHop.via(ip("2001:db8::2"))));
            assertThat(plan(e, HOST, v6, "2001:db8:99::2")).isEqualTo(install(v6, 0, NextHop.via(ip("2001:db8:99::2"))));
        }
    }

    @Test
    void aNextHopThatIsAnAddressOfThisHostIsRefused() {
        assertThat(plan(Encapsulation.NONE, "10.0.0.1"))
                .isEqualTo(new RoutePlan.Outcome.Refused("the next hop 10.0.0.1 is an address of this host"));
        assertThat(plan(Encapsulation.NONE, "0.0.0.0"))
                .isEqualTo(new RoutePlan.Outcome.Refused("the next hop 0.0.0.0 is unspecified"));
    }

    @Test
    void aRouteWithoutNextHopsInstallsNothing() {
        assertThat(plan(Encapsulation.IPIP)).isEqualTo(new RoutePlan.Outcome.Nothing());
    }

    @Test
    void aMissingTunnelDeviceIsRefusedWithWhatToDo() {
        assertThat(plan(Encapsulation.IPIP, host(), BLOCK, "192.168.7.2")).isEqualTo(new RoutePlan.Outcome.Refused(
                "the tunnel device tunl0 does not exist; create it (Calico's IPIP pools create tunl0) or set"
                        + " kernel.tunnel-device"));
        // cross-subnet needs no tunnel for a next hop on a local subnet
        assertThat(plan(Encapsulation.CROSS_SUBNET, host(), BLOCK, "10.0.0.2"))
                .isEqualTo(install(BLOCK, 0, NextHop.via(ip("10.0.0.2"))));
    }

    @Test
    void anEcmpSetWithOneNextHopRefusedInstallsTheOthersAndSaysWhatWasLeftOut() {
        RoutePlan.Outcome o = plan(Encapsulation.CROSS_SUBNET, host(), BLOCK, "10.0.0.2", "192.0.2.7");
        assertThat(o).isEqualTo(new RoutePlan.Outcome.Install(KernelRoute.unicast(BLOCK,
                List.of(NextHop.via(ip("10.0.0.2"))), 254, 201, 32, 0), Optional.of("a next hop is left out: the tunnel"
                + " device tunl0 does not exist; create it (Calico's IPIP pools create tunl0) or set kernel.tunnel-device")));
    }

    @Test
    void aTunnelDeviceThatIsDownIsRefusedWithTheCommandThatBringsItUp() {
        Interfaces down = host(new Link(TUNL0, "tunl0", false, 1480));
        assertThat(plan(Encapsulation.CROSS_SUBNET, down, BLOCK, "192.168.7.2")).isEqualTo(new RoutePlan.Outcome.Refused(
                "the tunnel device tunl0 is down; bring it up with ip link set tunl0 up"));
    }

    @Test
    void theMtuIsLoweredByTheOverheadOnlyForTunnelledRoutes() {
        RoutePlan vxlan = new RoutePlan(config(Encapsulation.CROSS_SUBNET, 1500, 50));
        assertThat(vxlan.plan(new FibRoute(BLOCK, List.of(ip("10.0.0.2"))), HOST))
                .isEqualTo(install(BLOCK, 1500, NextHop.via(ip("10.0.0.2"))));
        assertThat(vxlan.plan(new FibRoute(BLOCK, List.of(ip("192.168.7.2"))), HOST))
                .isEqualTo(install(BLOCK, 1450, NextHop.onlink(ip("192.168.7.2"), TUNL0)));
        RoutePlan noMtu = new RoutePlan(config(Encapsulation.IPIP, 0, 20));
        assertThat(noMtu.plan(new FibRoute(BLOCK, List.of(ip("192.168.7.2"))), HOST))
                .isEqualTo(install(BLOCK, 0, NextHop.onlink(ip("192.168.7.2"), TUNL0)));
    }

    @Test
    void anIpv6RouteWithoutAMetricIsPlannedWithTheMetricTheKernelGivesIt() {
        RoutePlan noMetric = new RoutePlan(new KernelConfig(true, 254, 201, 0, Encapsulation.NONE, "tunl0", 0, 20,
                List.of()));
        Prefix v6 = Prefix.parse("2001:db8:42::/64");
        assertThat(noMetric.plan(new FibRoute(v6, List.of(ip("2001:db8::2"))), HOST)).isEqualTo(
                new RoutePlan.Outcome.Install(KernelRoute.unicast(v6, List.of(NextHop.via(ip("2001:db8::2"))), 254, 201,
                        1024, 0)));
        assertThat(noMetric.plan(new FibRoute(BLOCK, List.of(ip("10.0.0.2"))), HOST)).isEqualTo(
                new RoutePlan.Outcome.Install(KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("10.0.0.2"))), 254, 201,
                        0, 0)));
    }

    @Test
    void sameIgnoresTheDeviceTheKernelChoseButNotOneCorvidSet() {
        KernelRoute wantVia = KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("10.0.0.2"))), 254, 201, 32, 0);
        KernelRoute dumped = wantVia.withNextHops(List.of(NextHop.via(ip("10.0.0.2"), ETH0)));
        assertThat(RoutePlan.same(wantVia, dumped)).isTrue();

        KernelRoute wantTunnel = wantVia.withNextHops(List.of(NextHop.onlink(ip("10.0.0.2"), TUNL0)));
        assertThat(RoutePlan.same(wantTunnel, wantTunnel)).isTrue();
        assertThat(RoutePlan.same(wantTunnel, wantVia.withNextHops(List.of(NextHop.onlink(ip("10.0.0.2"), ETH1)))))
                .isFalse();
        assertThat(RoutePlan.same(wantTunnel, dumped)).as("onlink differs").isFalse();
        assertThat(RoutePlan.same(wantVia, wantVia.withNextHops(List.of(NextHop.via(ip("10.0.0.3"), ETH0))))).isFalse();
    }

    @Test
    void sameComparesMultipathNextHopsInAnyOrderAndTheMetricAndMtu() {
        KernelRoute ecmp = KernelRoute.unicast(BLOCK, List.of(NextHop.via(ip("10.0.0.2")), NextHop.via(ip("10.0.0.3"))),
                254, 201, 32, 0);
        assertThat(RoutePlan.same(ecmp, ecmp.withNextHops(List.of(NextHop.via(ip("10.0.0.3"), ETH0),
                NextHop.via(ip("10.0.0.2"), ETH0))))).isTrue();
        assertThat(RoutePlan.same(ecmp, ecmp.withNextHops(List.of(NextHop.via(ip("10.0.0.2"), ETH0))))).isFalse();
        assertThat(RoutePlan.same(ecmp, KernelRoute.unicast(BLOCK, ecmp.nextHops(), 254, 201, 32, 1450))).isFalse();
        assertThat(RoutePlan.same(ecmp, KernelRoute.unicast(BLOCK, ecmp.nextHops(), 254, 201, 33, 0))).isFalse();
        assertThat(RoutePlan.same(ecmp, KernelRoute.unicast(BLOCK, ecmp.nextHops(), 100, 201, 32, 0))).isFalse();
    }
}
