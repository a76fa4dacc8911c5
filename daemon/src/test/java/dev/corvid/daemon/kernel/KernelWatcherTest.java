package dev.corvid.daemon.kernel;

import static dev.corvid.daemon.kernel.KernelLab.await;
import static dev.corvid.daemon.kernel.KernelLab.entry;
import static dev.corvid.daemon.kernel.KernelLab.show;
import static dev.corvid.daemon.kernel.KernelSyncTest.route;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.Encapsulation;
import dev.corvid.config.KernelConfig;
import dev.corvid.config.KernelLearnRule;
import dev.corvid.netlink.KernelRoute;
import dev.corvid.netlink.NextHop;
import dev.corvid.netlink.RtEvents;
import dev.corvid.netlink.RtNetlink;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel watcher with the kernel thread, in a namespace of their own ({@link KernelLab}): what other programs do
 * to the kernel's routes, links and addresses reaches corvid through the multicast events, with no periodic scan.
 *
 * <p>Every test learns blackhole routes ({@code kernel.learn = [{type = blackhole}]}) and starts with the blackhole
 * route {@value #READY}: once the watcher has announced it, the watcher has subscribed and dumped, so what the test
 * does next reaches it as an event.
 */
class KernelWatcherTest {
    private static final String READY = "10.255.255.0/24";
    private static final KernelLearnRule BLACKHOLES = new KernelLearnRule(Optional.of("blackhole"), OptionalInt.empty(),
            OptionalInt.empty(), Optional.empty());
    private KernelLab lab;
    private final List<AutoCloseable> running = new ArrayList<>();
    /** What the watcher announces now: learned prefixes minus forgotten ones. */
    private final Set<Prefix> learned = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void createTheNode() throws Exception {
        lab = KernelLab.create();
        lab.ip("route", "add", "blackhole", READY, "proto", "80");
    }

    @AfterEach
    void stopAndDeleteTheNode() throws Exception {
        for (AutoCloseable c : running.reversed()) c.close();
        if (lab != null) lab.close();
    }

    private static KernelConfig config(Encapsulation encapsulation) {
        return new KernelConfig(true, 254, 201, 32, encapsulation, "tunl0", 0, 20, List.of(BLACKHOLES));
    }

    /** A kernel thread and a watcher that tells it about the kernel, the watcher ready. */
    private KernelSync start(Encapsulation encapsulation) {
        KernelSync sync = KernelSync.start(config(encapsulation), () -> RtNetlink.openIn(lab.path()));
        running.add(sync);
        watch(Optional.of(sync), config(encapsulation));
        return sync;
    }

    private void watch(Optional<KernelSync> sync, KernelConfig config) {
        running.add(KernelWatcher.start(config, sync, (added, removed) -> {
            learned.addAll(added);
            removed.forEach(learned::remove);
        }, () -> RtEvents.openIn(lab.path()), () -> RtNetlink.openIn(lab.path())));
        awaitLearned(READY);
    }

    private void awaitLearned(String... prefixes) {
        Set<Prefix> expected = Set.copyOf(List.of(prefixes).stream().map(Prefix::parse).toList());
        await("the watcher to announce " + expected, () -> Set.copyOf(learned), expected::equals);
    }

    private String awaitRoutes(String expected) {
        return await("ip route show table 254 proto 201 to be:\n" + expected, lab::corvidRoutes, expected::equals);
    }

    @Test
    void learnsABlackholeRouteWhenItIsAddedAndForgetsItWhenItIsDeleted() throws Exception {
        watch(Optional.empty(), config(Encapsulation.NONE));
        lab.ip("route", "add", "blackhole", "10.244.5.0/26", "proto", "80");
        lab.ip("route", "add", "10.244.6.0/26", "via", "10.0.0.9", "proto", "80"); // unicast: no rule matches
        awaitLearned(READY, "10.244.5.0/26");

        lab.ip("route", "del", "blackhole", "10.244.5.0/26");
        awaitLearned(READY);
    }

    @Test
    void aMissingTunnelDeviceFailsWithWhatToDoAndTheRouteIsInstalledOnceTheDeviceIsThere() throws Exception {
        KernelSync sync = start(Encapsulation.IPIP);
        sync.submit(List.of(route("10.244.2.0/26", "172.16.0.2")), false);
        JsonNode failed = await("show kernel to report the missing device", () -> entry(show(sync), "10.244.2.0/26"),
                e -> e.path("state").asText().equals("failed"));
        assertThat(failed.path("error").asText()).isEqualTo("the tunnel device tunl0 does not exist; create it"
                + " (Calico's IPIP pools create tunl0) or set kernel.tunnel-device");
        assertThat(lab.corvidRoutes()).isEmpty();

        lab.tunnel(); // a VXLAN device named tunl0: there is no ipip module on these machines
        awaitRoutes("10.244.2.0/26 via 172.16.0.2 dev tunl0 metric 32 onlink");
        await("show kernel to report it installed", () -> entry(show(sync), "10.244.2.0/26"),
                e -> e.path("state").asText().equals("installed") && !e.has("error"));
        assertThat(sync.counters().failing()).isZero();
    }

    @Test
    void aRouteOfCorvidsDeletedByHandIsPutBack() throws Exception {
        KernelSync sync = start(Encapsulation.NONE);
        sync.submit(List.of(route("10.244.1.0/26", "10.0.0.2")), false);
        awaitRoutes("10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32");

        lab.ip("route", "del", "10.244.1.0/26", "proto", "201", "metric", "32");
        await("the route to be added again", sync::counters, c -> c.added() == 2);
        awaitRoutes("10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32");
    }

    @Test
    void anIpv6MultipathRouteOfCorvidsDeletedByHandIsPutBack() throws Exception {
        KernelSync sync = start(Encapsulation.NONE);
        sync.submit(List.of(route("2001:db8:42::/64", "2001:db8::2", "2001:db8::3")), false);
        String ecmp = """
                2001:db8:42::/64 metric 32 pref medium
                	nexthop via 2001:db8::2 dev eth0 weight 1
                	nexthop via 2001:db8::3 dev eth0 weight 1""";
        Supplier<String> routes = () -> lab.routes("-6", "table", "254", "proto", "201");
        await("the IPv6 multipath route", routes, ecmp::equals);

        lab.ip("-6", "route", "del", "2001:db8:42::/64", "proto", "201", "metric", "32");
        await("the route to be added again", sync::counters, c -> c.added() == 2);
        await("the IPv6 multipath route again", routes, ecmp::equals);
    }

    @Test
    void anAddressOnTheNextHopsSubnetTurnsATunnelledRouteDirectAndBack() throws Exception {
        lab.tunnel();
        KernelSync sync = start(Encapsulation.CROSS_SUBNET);
        sync.submit(List.of(route("10.244.3.0/26", "172.16.0.2")), false);
        awaitRoutes("10.244.3.0/26 via 172.16.0.2 dev tunl0 metric 32 onlink");

        lab.ip("addr", "add", "172.16.0.1/24", "dev", "eth1");
        awaitRoutes("10.244.3.0/26 via 172.16.0.2 dev eth1 metric 32");

        lab.ip("addr", "del", "172.16.0.1/24", "dev", "eth1");
        awaitRoutes("10.244.3.0/26 via 172.16.0.2 dev tunl0 metric 32 onlink");
    }

    @Test
    void corvidInstallsItsRouteOnceAnotherProgramsRouteInTheWayIsGone() throws Exception {
        lab.ip("route", "add", "10.244.9.0/26", "via", "10.0.0.9", "proto", "static", "metric", "32");
        KernelSync sync = start(Encapsulation.NONE);
        sync.submit(List.of(route("10.244.9.0/26", "10.0.0.2")), false);
        await("show kernel to report the conflict", () -> entry(show(sync), "10.244.9.0/26"),
                e -> e.path("state").asText().equals("failed"));

        lab.ip("route", "del", "10.244.9.0/26", "proto", "static", "metric", "32");
        awaitRoutes("10.244.9.0/26 via 10.0.0.2 dev eth0 metric 32");
    }

    @Test
    void aLateRemovalEventOfAnEarlierWithdrawalLeavesTheReannouncedRouteInCorvidsHands() throws Exception {
        KernelSync sync = start(Encapsulation.NONE);
        sync.submit(List.of(route("10.244.1.0/26", "10.0.0.2")), false);
        awaitRoutes("10.244.1.0/26 via 10.0.0.2 dev eth0 metric 32");
        sync.submit(List.of(route("10.244.1.0/26")), false);
        await("the withdrawal", sync::counters, c -> c.removed() == 1);
        sync.submit(List.of(route("10.244.1.0/26", "10.0.0.2")), false);
        await("the re-announcement", sync::counters, c -> c.added() == 2);

        // The RTM_DELROUTE of the withdrawal, as a busy watcher delivers it only now (after the re-announcement).
        int eth0 = Integer.parseInt(lab.ip("-o", "link", "show", "dev", "eth0").split(":")[0]);
        sync.routesGone(List.of(KernelRoute.unicast(Prefix.parse("10.244.1.0/26"),
                List.of(NextHop.via(InetAddress.ofLiteral("10.0.0.2"), eth0)), 254, 201, 32, 0)));
        JsonNode entry = entry(show(sync), "10.244.1.0/26");
        assertThat(entry.path("state").asText()).as(entry.toString()).isEqualTo("installed");

        sync.submit(List.of(route("10.244.1.0/26")), false);
        awaitRoutes("");
    }
}
