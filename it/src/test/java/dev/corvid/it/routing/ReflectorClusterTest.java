package dev.corvid.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.GoBgp;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * Two corvid reflectors, r1 and r2, with the same cluster id {@value #CLUSTER_ID} (RFC 4456 §7: "the RRs in a
 * cluster ... share the same CLUSTER_ID"), iBGP peers of each other, serving four clients — BIRD, FRR, GoBGP and a
 * corvid — each peering with both and originating its own /26.
 *
 * <p>"Every client holds every other client's block exactly once" means, as the clients report it: exactly two
 * paths per block, one from each reflector, both with the originating client as next hop, its router id as
 * ORIGINATOR_ID and the CLUSTER_LIST {@code [10.77.0.100]} (RFC 4456 §8), and exactly one of the two chosen as best.
 * A third copy would be a reflection loop: r1 reflects a client's route to r2, which must drop it because its own
 * CLUSTER_ID is in the CLUSTER_LIST (RFC 4456 §8), so each reflector holds each block once, from the client.
 *
 * <p>Then r1 is killed with SIGKILL (no NOTIFICATION): at no point may a client miss a block, and in the end each
 * holds every block once, from r2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReflectorClusterTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("rr-cluster");

    private static final long AS = 64512;
    private static final String CLUSTER_ID = "10.77.0.100";
    private static final String CORVID_BLOCK = "10.244.1.0/26";
    private static final String BIRD_BLOCK = "10.244.3.0/26";
    private static final String FRR_BLOCK = "10.244.4.0/26";
    private static final String GOBGP_BLOCK = "10.244.5.0/26";

    private static Host r1;
    private static Host r2;
    private static Host c;
    private static Host b;
    private static Host f;
    private static Host g;
    private static CorvidProcess reflector1;
    private static CorvidProcess reflector2;
    private static CorvidProcess corvid;
    private static Bird bird;
    private static Frr frr;
    private static GoBgp gobgp;
    /** Address → host name, for the peers the daemons report. */
    private static final Map<String, String> NAMES = new TreeMap<>();

    @BeforeAll
    static void startTwoReflectorsAndFourClients() {
        var lab = LAB.lab();
        r1 = lab.host("r1");
        r2 = lab.host("r2");
        c = lab.host("corvid");
        b = lab.host("bird");
        f = lab.host("frr");
        g = lab.host("gobgp");
        for (Host host : List.of(r1, r2, c, b, f, g)) {
            NAMES.put(host.ipv4(), host.name());
        }
        bird = Bird.start(lab, b, """
                protocol static { ipv4; route %s blackhole; }
                %s%s""".formatted(BIRD_BLOCK, birdSession(r1), birdSession(r2)));
        frr = Frr.start(lab, f, Frr.originating(AS, f.ipv4(), FRR_BLOCK, AS, r1.ipv4(), r2.ipv4()), true);
        gobgp = GoBgp.start(lab, g, AS,
                GoBgp.neighbor(r1.ipv4(), AS, g.ipv4(), "") + GoBgp.neighbor(r2.ipv4(), AS, g.ipv4(), ""));
        gobgp.gobgp("global", "rib", "add", "-a", "ipv4", GOBGP_BLOCK).orThrow();
        String local = "local-address = \"" + c.ipv4() + "\"";
        corvid = CorvidProcess.start(lab, c, AS, List.of("originate = [\"" + CORVID_BLOCK + "\"]"),
                List.of(CorvidProcess.peer(r1.ipv4(), AS, local), CorvidProcess.peer(r2.ipv4(), AS, local)));
        reflector1 = reflector(r1, r2);
        reflector2 = reflector(r2, r1);
    }

    /** BIRD's iBGP session to one reflector, named after it, exporting BIRD's static block only. */
    private static String birdSession(Host reflector) {
        return """
                protocol bgp %s {
                  local %s as %d;
                  neighbor %s as %d;
                  direct;
                  hold time 3;
                  keepalive time 1;
                  connect retry time 2;
                  error wait time 1,5;
                  ipv4 { import all; export where source = RTS_STATIC; };
                }
                """.formatted(reflector.name(), b.ipv4(), AS, reflector.ipv4(), AS);
    }

    /** A reflector of the cluster: the four clients as rr-clients, the other reflector as a plain iBGP peer. */
    private static CorvidProcess reflector(Host self, Host other) {
        String local = "local-address = \"" + self.ipv4() + "\"";
        List<String> peers = new ArrayList<>();
        for (Host client : List.of(c, b, f, g)) {
            peers.add(CorvidProcess.peer(client.ipv4(), AS, local, "role = rr-client"));
        }
        peers.add(CorvidProcess.peer(other.ipv4(), AS, local));
        return CorvidProcess.start(LAB.lab(), self, AS, List.of("cluster-id = \"" + CLUSTER_ID + "\""), peers);
    }

    @Test
    @Order(1)
    void everyClientHoldsEveryOtherBlockOncePerReflectorWithOriginatorIdAndClusterList() {
        Holdings.await(described(daemons(true)), expected(List.of(r1, r2)),
                "every block at both reflectors and, once per reflector, at every client");
        assertOneBestPathPerBlock(daemons(true));
    }

    @Test
    @Order(2)
    void nothingIsLostWhenOneReflectorIsKilled() {
        Holdings.await(described(daemons(true)), expected(List.of(r1, r2)),
                "every block once per reflector at every client");
        // Nothing lost: from before the kill until the end, the clients with a fast CLI are watched without pause (one
        // command each), and every look at all the daemons below checks it too: every block held at every moment.
        Set<String> blocks = Set.of(CORVID_BLOCK, BIRD_BLOCK, FRR_BLOCK, GOBGP_BLOCK);
        Map<String, Supplier<Set<String>>> fast = Map.of("bird", () -> Holdings.of(bird).keySet(),
                "frr", () -> Holdings.of(frr).keySet(), "gobgp", () -> Holdings.of(gobgp).keySet());
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicReference<String> lost = new AtomicReference<>();
        AtomicInteger watched = new AtomicInteger();
        long start = System.nanoTime();
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (watching.get() && lost.get() == null) {
                fast.forEach((name, daemon) -> {
                    Set<String> held;
                    try {
                        held = daemon.get();
                    } catch (RuntimeException cliFailed) {
                        return; // a CLI that did not answer this time has lost nothing
                    }
                    if (!held.equals(blocks) && lost.get() == null) {
                        lost.set(name + " held only " + held + " " + (System.nanoTime() - start) / 1_000_000
                                + " ms after r1 was killed");
                    }
                });
                watched.incrementAndGet();
            }
        });

        reflector1.process().kill();
        Map<String, Supplier<Map<String, List<String>>>> views = described(daemons(false));
        Map<String, Map<String, List<String>>> expected = expected(List.of(r2));
        expected.remove("r1");
        Map<String, Map<String, List<String>>> seen = new LinkedHashMap<>();
        try {
            Await.condition(Duration.ofSeconds(60), "every client to hold every block once, from r2", () -> {
                views.forEach((name, view) -> seen.put(name, view.get()));
                seen.forEach((name, held) -> assertThat(held.keySet()).as("the blocks " + name + " holds "
                        + (System.nanoTime() - start) / 1_000_000 + " ms after r1 was killed").isEqualTo(blocks));
                assertThat(lost.get()).as("a block lost while r1 went away").isNull();
                return seen.equals(expected);
            });
        } finally {
            watching.set(false);
            join(watcher);
        }
        System.out.println("r1 killed: converged after " + (System.nanoTime() - start) / 1_000_000 + " ms, "
                + watched.get() + " looks at BIRD, FRR and GoBGP, seen " + seen);
        assertThat(lost.get()).as("a block lost while r1 went away").isNull();
        assertOneBestPathPerBlock(daemons(false));
    }

    /** What each daemon reports, by host name: the reflectors still running ({@code withR1}: r1 too), the clients. */
    private static Map<String, Supplier<PathsSeen>> daemons(boolean withR1) {
        Map<String, Supplier<PathsSeen>> daemons = new LinkedHashMap<>();
        if (withR1) {
            daemons.put("r1", () -> PathsSeen.of(reflector1, NAMES));
        }
        daemons.put("r2", () -> PathsSeen.of(reflector2, NAMES));
        daemons.put("corvid", () -> PathsSeen.of(corvid, NAMES));
        daemons.put("bird", () -> PathsSeen.of(bird));
        daemons.put("frr", () -> PathsSeen.of(frr, "ipv4", NAMES));
        daemons.put("gobgp", () -> PathsSeen.of(gobgp, "ipv4", NAMES));
        return daemons;
    }

    /** The paths of each daemon, described without the best mark (a client has two paths and chooses one). */
    private static Map<String, Supplier<Map<String, List<String>>>> described(
            Map<String, Supplier<PathsSeen>> daemons) {
        Map<String, Supplier<Map<String, List<String>>>> views = new LinkedHashMap<>();
        daemons.forEach((name, daemon) -> views.put(name, () -> daemon.get().described(false)));
        return views;
    }

    /**
     * Each reflector: every block once, from the client that originated it (no ORIGINATOR_ID or CLUSTER_LIST yet).
     * Each client: its own block as self, every other block once from each of {@code reflectors}.
     */
    private static Map<String, Map<String, List<String>>> expected(List<Host> reflectors) {
        Map<String, Map<String, List<String>>> expected = new LinkedHashMap<>();
        for (Host reflector : List.of(r1, r2)) {
            Map<String, List<String>> held = new TreeMap<>();
            for (Host client : List.of(c, b, f, g)) {
                held.put(blockOf(client), List.of(new PathsSeen.Seen(blockOf(client), client.name(), client.ipv4(),
                        "-", List.of(), true).describe(false)));
            }
            expected.put(reflector.name(), held);
        }
        for (Host client : List.of(c, b, f, g)) {
            Map<String, List<String>> held = new TreeMap<>();
            held.put(blockOf(client), List.of(PathsSeen.SELF));
            for (Host origin : List.of(c, b, f, g)) {
                if (origin != client) {
                    held.put(blockOf(origin), reflectors.stream().map(reflector -> new PathsSeen.Seen(blockOf(origin),
                            reflector.name(), origin.ipv4(), origin.ipv4(), List.of(CLUSTER_ID), true).describe(false))
                            .sorted().toList());
                }
            }
            expected.put(client.name(), held);
        }
        return expected;
    }

    /** Each daemon marks exactly one path of each block as best. */
    private static void assertOneBestPathPerBlock(Map<String, Supplier<PathsSeen>> daemons) {
        Map<String, Map<String, Integer>> seen = new TreeMap<>();
        Map<String, Map<String, Integer>> expected = new TreeMap<>();
        daemons.forEach((name, daemon) -> {
            seen.put(name, daemon.get().bestCounts());
            Map<String, Integer> one = new TreeMap<>();
            List.of(CORVID_BLOCK, BIRD_BLOCK, FRR_BLOCK, GOBGP_BLOCK).forEach(block -> one.put(block, 1));
            expected.put(name, one);
        });
        assertThat(seen).as("how many best paths each daemon has per block").isEqualTo(expected);
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String blockOf(Host host) {
        return host == c ? CORVID_BLOCK : host == b ? BIRD_BLOCK : host == f ? FRR_BLOCK : GOBGP_BLOCK;
    }
}
