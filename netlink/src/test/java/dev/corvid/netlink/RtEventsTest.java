package dev.corvid.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel's multicast events in a namespace this test creates ({@link NetnsLab}), caused with {@code ip}. */
class RtEventsTest {
    private static NetnsLab lab;

    @BeforeAll
    static void createTheNamespace() throws Exception {
        lab = NetnsLab.create("ne");
    }

    @AfterAll
    static void deleteTheNamespace() throws Exception {
        if (lab != null) lab.close();
    }

    /** Polls until an event matches (at most 5 s); the matching event. */
    private static RtEvent await(RtEvents events, Predicate<RtEvent> wanted) {
        List<RtEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (RtEvent e : events.poll(Duration.ofMillis(100))) {
                if (wanted.test(e)) return e;
                seen.add(e);
            }
        }
        throw new AssertionError("no such event in 5 s; saw " + seen);
    }

    @Test
    void seesBlackholeRoutesComeAndGo() throws Exception {
        Prefix block = Prefix.parse("10.244.9.0/26");
        try (RtEvents events = RtEvents.openIn(lab.path())) {
            lab.ip("route", "add", "blackhole", "10.244.9.0/26", "proto", "static");
            RtEvent added = await(events, e -> e instanceof RtEvent.RouteAdded a && a.route().destination().equals(block));
            assertThat(added).isEqualTo(new RtEvent.RouteAdded(
                    KernelRoute.discard(block, KernelRoute.BLACKHOLE, KernelRoute.MAIN_TABLE, 4, 0)));
            assertThat(((RtEvent.RouteAdded) added).route()).hasToString("blackhole 10.244.9.0/26 table 254 proto 4");
            lab.ip("route", "del", "blackhole", "10.244.9.0/26");
            assertThat(await(events, e -> e instanceof RtEvent.RouteRemoved r && r.route().destination().equals(block)))
                    .isEqualTo(new RtEvent.RouteRemoved(((RtEvent.RouteAdded) added).route()));
        }
    }

    @Test
    void seesAddressesAndLinksChange() throws Exception {
        int dummy1 = lab.index("dummy1");
        InterfaceAddress address = new InterfaceAddress(dummy1, InetAddress.ofLiteral("10.7.7.1"),
                Prefix.parse("10.7.7.0/24"));
        try (RtEvents events = RtEvents.openIn(lab.path())) {
            lab.ip("addr", "add", "10.7.7.1/24", "dev", "dummy1");
            await(events, new RtEvent.AddressAdded(address)::equals);
            lab.ip("addr", "del", "10.7.7.1/24", "dev", "dummy1");
            await(events, new RtEvent.AddressRemoved(address)::equals);
            lab.ip("link", "set", "dummy1", "down");
            await(events, new RtEvent.LinkChanged(new Link(dummy1, "dummy1", false, 1500))::equals);
            lab.ip("link", "set", "dummy1", "up");
            await(events, new RtEvent.LinkChanged(new Link(dummy1, "dummy1", true, 1500))::equals);
            lab.ip("link", "add", "gone0", "type", "veth", "peer", "name", "gone1");
            int gone0 = lab.index("gone0");
            lab.ip("link", "del", "gone0");
            await(events, e -> e instanceof RtEvent.LinkRemoved r && r.link().index() == gone0
                    && r.link().name().equals("gone0"));
        }
    }

    @Test
    void anOverrunIsReportedAsAnEventNotThrown() throws Exception {
        // A receive buffer of a few KiB holds a few events; 2000 routes added at once overflow it.
        try (RtEvents events = RtEvents.openIn(lab.path(), 4096); RtNetlink nl = RtNetlink.openIn(lab.path())) {
            List<NextHop> hop = List.of(NextHop.via(InetAddress.ofLiteral("10.0.0.2")));
            BatchOutcome outcome = nl.apply(IntStream.range(0, 2000).mapToObj(i -> new RouteRequest.Add(
                    KernelRoute.unicast(new Ipv4Prefix(0x0A02_0000 + i, 32), hop, KernelRoute.MAIN_TABLE, 201, 0, 0)))
                    .toList());
            assertThat(outcome.failures()).isEmpty();
            assertThat(await(events, e -> e instanceof RtEvent.Overrun)).isEqualTo(new RtEvent.Overrun());
        } finally {
            lab.ip("route", "flush", "proto", "201");
        }
    }
}
