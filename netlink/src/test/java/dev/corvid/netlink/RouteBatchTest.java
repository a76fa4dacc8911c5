package dev.corvid.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches of route requests ({@link RtNetlink#apply}) in a namespace this test creates ({@link NetnsLab}): many per
 * send, the refused ones reported by request, foreign routes never touched, an overrun reported instead of thrown.
 */
class RouteBatchTest {
    private static final int PROTOCOL = 201;
    private static final Prefix BLOCK = Prefix.parse("10.244.1.0/26");
    private static NetnsLab lab;

    @BeforeAll
    static void createTheNamespace() throws Exception {
        lab = NetnsLab.create("nb");
    }

    @AfterAll
    static void deleteTheNamespace() throws Exception {
        if (lab != null) lab.close();
    }

    @AfterEach
    void flushRoutes() throws Exception {
        lab.ip("route", "flush", "proto", String.valueOf(PROTOCOL));
        lab.ip("route", "flush", "proto", "static");
    }

    private static InetAddress ip(String text) {
        return InetAddress.ofLiteral(text);
    }

    private static KernelRoute route(Prefix destination, String gateway, int metric) {
        return KernelRoute.unicast(destination, List.of(NextHop.via(ip(gateway))), KernelRoute.MAIN_TABLE, PROTOCOL,
                metric, 0);
    }

    /** {@code n} /32s from 10.1.0.0 up via {@code gateway}. */
    private static List<KernelRoute> hosts(int n, String gateway) {
        List<NextHop> hop = List.of(NextHop.via(ip(gateway)));
        return IntStream.range(0, n).mapToObj(i -> KernelRoute.unicast(new Ipv4Prefix(0x0A01_0000 + i, 32), hop,
                KernelRoute.MAIN_TABLE, PROTOCOL, 0, 0)).toList();
    }

    private static List<String> ipRoutes() throws Exception {
        return lab.ip("route", "show", "proto", String.valueOf(PROTOCOL)).strip().lines().map(String::strip).toList();
    }

    @Test
    void installsReplacesAndRemovesAThousandRoutesInBatches() throws Exception {
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            BatchOutcome added = nl.apply(hosts(1000, "10.0.0.2").stream().map(RouteRequest.Add::new).toList());
            assertThat(added).isEqualTo(new BatchOutcome(List.of(), false));
            assertThat(ipRoutes()).hasSize(1000).contains("10.1.0.0 via 10.0.0.2 dev dummy0", "10.1.3.231 via 10.0.0.2 dev dummy0");

            BatchOutcome replaced = nl.apply(hosts(1000, "10.0.0.3").stream().map(RouteRequest.Replace::new).toList());
            assertThat(replaced.failures()).isEmpty();
            assertThat(ipRoutes()).hasSize(1000).allMatch(line -> line.endsWith(" via 10.0.0.3 dev dummy0"));

            BatchOutcome removed = nl.apply(hosts(1000, "10.0.0.3").stream().map(RouteRequest.Remove::new).toList());
            assertThat(removed.failures()).isEmpty();
            assertThat(lab.ip("route", "show", "proto", String.valueOf(PROTOCOL))).isEmpty();
        }
    }

    @Test
    void addNeverOverwritesAForeignRouteWithTheSameKey() throws Exception {
        lab.ip("route", "add", "10.244.1.0/26", "via", "10.0.0.5", "proto", "static");
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            RouteRequest add = new RouteRequest.Add(route(BLOCK, "10.0.0.2", 0));
            BatchOutcome outcome = nl.apply(List.of(add));
            assertThat(outcome.failures()).singleElement().satisfies(f -> {
                assertThat(f.request()).isEqualTo(add);
                assertThat(f.error().errno()).isEqualTo(17);
                assertThat(f.error()).hasMessageStartingWith(
                        "adding 10.244.1.0/26 via 10.0.0.2 table 254 proto 201: EEXIST (a route with this prefix");
            });
        }
        assertThat(lab.ip("route", "show", "10.244.1.0/26").strip()).isEqualTo("10.244.1.0/26 via 10.0.0.5 dev dummy0 proto static");
    }

    @Test
    void removeNeverDeletesAForeignRouteWithTheSamePrefix() throws Exception {
        lab.ip("route", "add", "10.244.1.0/26", "via", "10.0.0.5", "proto", "static");
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            KernelRoute ours = route(BLOCK, "10.0.0.2", 32);
            assertThat(nl.apply(List.of(new RouteRequest.Add(ours))).failures()).isEmpty();
            // ours goes, the foreign one (another protocol, metric 0) stays; a second removal finds nothing of ours
            assertThat(nl.apply(List.of(new RouteRequest.Remove(ours))).failures()).isEmpty();
            BatchOutcome again = nl.apply(List.of(new RouteRequest.Remove(ours),
                    new RouteRequest.Remove(route(BLOCK, "10.0.0.5", 0))));
            assertThat(again.failures()).extracting(f -> NetlinkException.name(f.error().errno()))
                    .containsExactly("ESRCH", "ESRCH");
        }
        assertThat(lab.ip("route", "show", "10.244.1.0/26").strip()).isEqualTo("10.244.1.0/26 via 10.0.0.5 dev dummy0 proto static");
    }

    @Test
    void aBatchWithSomeBadRoutesReportsExactlyThose() throws Exception {
        lab.ip("link", "add", "down0", "type", "veth", "peer", "name", "down1");
        try (RtNetlink nl = RtNetlink.openIn(lab.path())) {
            int down0 = lab.index("down0");
            RouteRequest unreachable = new RouteRequest.Add(route(Prefix.parse("10.244.7.0/26"), "192.168.77.1", 0));
            RouteRequest noDevice = new RouteRequest.Add(KernelRoute.unicast(Prefix.parse("10.244.8.0/26"),
                    List.of(NextHop.onlink(ip("192.168.77.1"), 9999)), KernelRoute.MAIN_TABLE, PROTOCOL, 0, 0));
            RouteRequest deviceDown = new RouteRequest.Add(KernelRoute.unicast(Prefix.parse("10.244.9.0/26"),
                    List.of(NextHop.onlink(ip("192.168.77.1"), down0)), KernelRoute.MAIN_TABLE, PROTOCOL, 0, 0));
            RouteRequest v6Unreachable = new RouteRequest.Add(KernelRoute.unicast(Prefix.parse("2001:db8:9::/64"),
                    List.of(NextHop.via(ip("2001:db8:77::1"))), KernelRoute.MAIN_TABLE, PROTOCOL, 0, 0));
            List<RouteRequest> good = hosts(300, "10.0.0.2").stream().<RouteRequest>map(RouteRequest.Add::new).toList();
            List<RouteRequest> batch = new java.util.ArrayList<>(good.subList(0, 100));
            batch.add(unreachable);
            batch.addAll(good.subList(100, 200));
            batch.addAll(List.of(noDevice, deviceDown, v6Unreachable));
            batch.addAll(good.subList(200, 300));

            BatchOutcome outcome = nl.apply(batch);

            assertThat(outcome.overrun()).isFalse();
            assertThat(outcome.failures()).extracting(Failure::request)
                    .containsExactly(unreachable, noDevice, deviceDown, v6Unreachable);
            assertThat(outcome.failures()).extracting(f -> NetlinkException.name(f.error().errno()))
                    .containsExactly("ENETUNREACH", "ENODEV", "ENETDOWN", "EHOSTUNREACH"); // IPv6 says host, not network
            assertThat(outcome.failures().get(1).error()).hasMessageStartingWith(
                    "adding 10.244.8.0/26 via 192.168.77.1 dev #9999 onlink table 254 proto 201: ENODEV (no such device");
            assertThat(ipRoutes()).hasSize(300);
        } finally {
            lab.ip("link", "del", "down0");
        }
    }

    @Test
    void anOverrunOfTheRepliesIsReportedNotThrown() throws Exception {
        // A receive buffer of a few KiB holds a handful of error replies; 3000 refused removals overflow it.
        try (RtNetlink nl = RtNetlink.openIn(lab.path(), 4096)) {
            BatchOutcome outcome = nl.apply(hosts(3000, "10.0.0.2").stream().map(RouteRequest.Remove::new).toList());
            assertThat(outcome.overrun()).isTrue();
            assertThat(outcome.failures()).hasSizeLessThan(3000)
                    .allMatch(f -> f.error().errno() == 3 && f.request() instanceof RouteRequest.Remove);
            // the socket stays usable
            nl.replace(route(BLOCK, "10.0.0.2", 0));
            assertThat(ipRoutes()).containsExactly("10.244.1.0/26 via 10.0.0.2 dev dummy0");
        }
    }
}
