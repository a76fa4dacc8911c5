package dev.corvid.daemon.kernel;

import static dev.corvid.daemon.kernel.KernelLab.await;
import static dev.corvid.daemon.kernel.KernelLab.entry;
import static dev.corvid.daemon.kernel.KernelLab.show;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.Encapsulation;
import dev.corvid.config.KernelConfig;
import dev.corvid.daemon.routing.FibRoute;
import dev.corvid.netlink.RtEvent;
import dev.corvid.netlink.RtEvents;
import dev.corvid.netlink.RtNetlink;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel thread against a real kernel: each test gets its own namespace ({@link KernelLab}), submits what the
 * Loc-RIB wants and waits until {@code ip route show table 254 proto 201}, {@code show kernel} and the counters say
 * what a user would expect.
 */
class KernelSyncTest {
    private static final String EMPTY = "";
    private KernelLab lab;
    private final List<KernelSync> syncs = new ArrayList<>();

    @BeforeEach
    void createTheNode() throws Exception {
        lab = KernelLab.create();
    }

    @AfterEach
    void stopAndDeleteTheNode() throws Exception {
        syncs.forEach(KernelSync::close);
        if (lab != null) lab.close();
    }

    static KernelConfig config(Encapsulation encapsulation, int metric, int mtu, int overhead) {
        return new KernelConfig(true, 254, 201, metric, encapsulation, "tunl0", mtu, overhead, List.of());
    }

    private KernelSync start(KernelConfig config) {
        KernelSync sync = KernelSync.start(config, () -> RtNetlink.openIn(lab.path()));
        syncs.add(sync);
        return sync;
    }

    private KernelSync start(Encapsulation encapsulation) {
        return start(config(encapsulation, 32, 0, 20));
    }

    static FibRoute route(String prefix, String... nextHops) {
        return new FibRoute(Prefix.parse(prefix), Stream.of(nextHops).map(InetAddress::ofLiteral).toList());
    }

    private String awaitRoutes(String expected) {
        return await("ip route show table 254 proto 201 to be:\n" + expected, lab::corvidRoutes, expected::equals);
    }

    private static KernelCounters awaitCounters(KernelSync sync, String what, Predicate<KernelCounters> done) {
        return await(what, sync::counters, done);
    }

    @Test
    void installsReplacesAndWithdrawsARoute() {
        KernelSync sync = start(Encapsulation.NONE);
        sync.submit(List.of(route("10.244.1.0/26", "10.0.0.2")), false);
        awaitRoutes("10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32");

        sync.submit(List.of(route("10.244.1.0/26", "10.0.0.3")), false);
        awaitRoutes("10.244.1.0/26 via 10.0.0.3 dev eth0 metric 32");
        awaitCounters(sync, "one add, one replacement", c -> c.added() == 1 && c.replaced() == 1 && c.installed() == 1);

        sync.submit(List.of(route("10.244.1.0/26")), false);
        awaitRoutes(EMPTY);
        KernelCounters c = awaitCounters(sync, "one removal", n -> n.removed() == 1);
        assertThat(c).extracting(KernelCounters::installed, KernelCounters::failures, KernelCounters::lastError)
                .containsExactly(0L, 0L, "");
        assertThat(show(sync).path("routes")).isEmpty();
    }

    @Test
    void twoNextHopsBecomeOneMultipathRoute() {
        KernelSync sync = start(Encapsulation.NONE);
        sync.submit(List.of(route("10.244.3.0/26", "10.0.0.2", "10.0.0.3")), false);
        awaitRoutes("""
                10.244.3.0/26 metric 32
                \tnexthop via 10.0.0.2 dev eth0 weight 1
                \tnexthop via 10.0.0.3 dev eth0 weight 1""");
        JsonNode entry = entry(show(sync), "10.244.3.0/26");
        assertThat(entry.path("state").asText()).isEqualTo("installed");
        assertThat(entry.path("next_hops").findValuesAsText("gateway")).containsExactly("10.0.0.2", "10.0.0.3");

        sync.submit(List.of(route("10.244.3.0/26", "10.0.0.3")), false); // one path of the set went away
        awaitRoutes("10.244.3.0/26 via 10.0.0.3 dev eth0 metric 32");
        assertThat(sync.counters().replaced()).isEqualTo(1);
    }

    @Test
    void ipipRoutesGoOnlinkThroughTheTunnelDevice() throws Exception {
        lab.tunnel(); // a VXLAN device named tunl0: there is no ipip module on these machines
        KernelSync sync = start(Encapsulation.IPIP);
        sync.submit(List.of(route("10.244.2.0/26", "172.16.0.2"), route("10.244.4.0/26", "10.0.0.2")), false);
        awaitRoutes("""
                10.244.2.0/26 via 172.16.0.2 dev tunl0 metric 32 onlink
                10.244.4.0/26 via 10.0.0.2 dev tunl0 metric 32 onlink""");
        JsonNode hop = entry(show(sync), "10.244.2.0/26").path("next_hops").path(0);
        assertThat(hop.path("device").asText()).isEqualTo("tunl0");
        assertThat(hop.path("onlink").asBoolean()).isTrue();
    }

    @Test
    void crossSubnetGoesDirectToNextHopsOnEitherLocalSubnetAndThroughTheTunnelBeyond() throws Exception {
        lab.tunnel();
        KernelSync sync = start(Encapsulation.CROSS_SUBNET);
        sync.submit(List.of(route("10.244.1.0/26", "10.0.0.2"), route("10.244.2.0/26", "10.1.0.2"),
                route("10.244.3.0/26", "172.16.0.2")), false);
        awaitRoutes("""
                10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32
                10.244.2.0/26 via 10.1.0.2 dev eth1 metric 32
                10.244.3.0/26 via 172.16.0.2 dev tunl0 metric 32 onlink""");
    }

    @Test
    void theMtuIsLoweredByTheTunnelOverheadOnlyOnTunnelledRoutes() throws Exception {
        lab.tunnel();
        KernelSync sync = start(config(Encapsulation.CROSS_SUBNET, 32, 1500, 50)); // VXLAN over IPv4: 50 octets
        sync.submit(List.of(route("10.244.1.0/26", "10.0.0.2"), route("10.244.3.0/26", "172.16.0.2")), false);
        awaitRoutes("""
                10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32 mtu 1500
                10.244.3.0/26 via 172.16.0.2 dev tunl0 metric 32 onlink mtu 1450""");
        assertThat(entry(show(sync), "10.244.3.0/26").path("mtu").asInt()).isEqualTo(1450);
    }

    @Test
    void anotherProgramsRouteIsNeverOverwrittenAndShowSaysSo() throws Exception {
        lab.ip("route", "add", "10.244.9.0/26", "via", "10.0.0.9", "proto", "static", "metric", "32");
        String foreign = "10.244.9.0/26 via 10.0.0.9 dev eth0 proto static metric 32";
        KernelSync sync = start(Encapsulation.NONE);
        sync.submit(List.of(route("10.244.9.0/26", "10.0.0.2"), route("10.244.1.0/26", "10.0.0.2")), false);
        awaitRoutes("10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32");
        String why = "another program's route to 10.244.9.0/26 is in table 254 with metric 32; corvid leaves it alone";
        JsonNode conflict = await("show kernel to report the conflict", () -> entry(show(sync), "10.244.9.0/26"),
                e -> e.path("state").asText().equals("failed"));
        assertThat(conflict.path("error").asText()).isEqualTo(why);
        assertThat(sync.counters()).extracting(KernelCounters::failing, KernelCounters::lastError)
                .containsExactly(1L, why);
        assertThat(lab.routes("10.244.9.0/26")).isEqualTo(foreign);

        sync.submit(List.of(route("10.244.9.0/26")), false);
        await("show kernel to drop the prefix", () -> show(sync),
                s -> entry(s, "10.244.9.0/26").isMissingNode() && s.path("counters").path("failing").asInt() == 0);
        assertThat(lab.routes("10.244.9.0/26")).isEqualTo(foreign);
    }

    @Test
    void aRouteTheKernelRefusesFailsWithTheKernelsReasonAndTheOthersAreStillInstalled() {
        KernelSync sync = start(Encapsulation.NONE);
        // 192.168.77.1 is on no subnet of this node and the route is not onlink: ENETUNREACH
        sync.submit(List.of(route("10.244.7.0/26", "192.168.77.1"), route("10.244.1.0/26", "10.0.0.2")), false);
        awaitRoutes("10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32");
        JsonNode refused = await("show kernel to report the refusal", () -> entry(show(sync), "10.244.7.0/26"),
                e -> e.path("state").asText().equals("failed"));
        assertThat(refused.path("error").asText()).startsWith("adding 10.244.7.0/26 via 192.168.77.1 table 254 proto 201")
                .contains("ENETUNREACH");
        assertThat(sync.counters()).extracting(KernelCounters::installed, KernelCounters::failing)
                .containsExactly(1L, 1L);

        sync.submit(List.of(route("10.244.7.0/26", "10.0.0.7")), false); // a next hop it can reach: the route goes in
        awaitRoutes("""
                10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32
                10.244.7.0/26 via 10.0.0.7 dev eth0 metric 32""");
        assertThat(entry(show(sync), "10.244.7.0/26").path("state").asText()).isEqualTo("installed");
    }

    @Test
    void aRestartKeepsWhatIsStillWantedReplacesWhatChangedAndRemovesTheRestOnlyOnceSynced() throws Exception {
        for (String[] r : new String[][] {{"10.244.1.0/26", "10.0.0.2"}, {"10.244.2.0/26", "10.0.0.3"},
                {"10.244.3.0/26", "10.0.0.4"}}) {
            lab.ip("route", "add", r[0], "via", r[1], "proto", "201", "metric", "32");
        }
        try (RtEvents events = RtEvents.openIn(lab.path())) { // what `ip monitor route` would print
            KernelSync sync = start(Encapsulation.NONE);
            sync.submit(List.of(route("10.244.1.0/26", "10.0.0.2"), route("10.244.2.0/26", "10.0.0.5")), false);
            awaitCounters(sync, "the changed route replaced", c -> c.replaced() == 1);
            JsonNode before = show(sync);
            assertThat(before.path("synced").asBoolean()).isFalse();
            assertThat(before.path("routes").findValuesAsText("prefix"))
                    .containsExactly("10.244.1.0/26", "10.244.2.0/26", "10.244.3.0/26");
            assertThat(lab.corvidRoutes()).isEqualTo("""
                    10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32
                    10.244.2.0/26 via 10.0.0.5 dev eth0 metric 32
                    10.244.3.0/26 via 10.0.0.4 dev eth0 metric 32""");

            sync.submit(List.of(), true);
            awaitRoutes("""
                    10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32
                    10.244.2.0/26 via 10.0.0.5 dev eth0 metric 32""");
            KernelCounters c = awaitCounters(sync, "the stale route removed", n -> n.removed() == 1);
            assertThat(c).extracting(KernelCounters::added, KernelCounters::replaced, KernelCounters::installed)
                    .containsExactly(0L, 1L, 2L);
            assertThat(show(sync).path("synced").asBoolean()).isTrue();
            List<String> touched = new ArrayList<>();
            for (RtEvent e : events.poll(Duration.ofMillis(100))) {
                switch (e) {
                    case RtEvent.RouteAdded a -> touched.add("added " + a.route().destination());
                    case RtEvent.RouteRemoved r -> touched.add("removed " + r.route().destination());
                    default -> { }
                }
            }
            assertThat(touched).as("the kernel's route events after the restart")
                    .containsExactly("added 10.244.2.0/26", "removed 10.244.3.0/26");
        }
    }

    @Test
    void aRestartKeepsAnIpv6RouteInstalledWithoutAMetric() {
        // kernel.metric = 0 is valid; the kernel stores an IPv6 route without a metric with metric 1024
        KernelConfig config = config(Encapsulation.NONE, 0, 0, 20);
        KernelSync first = start(config);
        first.submit(List.of(route("2001:db8:42::/64", "2001:db8::2")), true);
        awaitCounters(first, "the IPv6 route added", c -> c.added() == 1);
        first.close();

        KernelSync second = start(config);
        second.submit(List.of(route("2001:db8:42::/64", "2001:db8::2")), true);
        JsonNode show = await("the second run to speak about the route", () -> show(second),
                s -> !entry(s, "2001:db8:42::/64").isMissingNode());
        assertThat(entry(show, "2001:db8:42::/64").path("state").asText()).isEqualTo("installed");
        assertThat(second.counters()).extracting(KernelCounters::added, KernelCounters::replaced,
                KernelCounters::failures).containsExactly(0L, 0L, 0L);
    }
}
