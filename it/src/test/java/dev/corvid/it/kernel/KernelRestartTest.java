package dev.corvid.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * Reconcile after {@code kill -9}: corvid installs BIRD's 50 routes, dies without a chance to clean up (its routes
 * stay in the kernel), BIRD withdraws one while corvid is down, and a new corvid with the same config adopts the
 * routes it finds with its protocol: the 49 that stay are neither deleted nor re-added ({@code ip monitor route}
 * prints no line about them), the one BIRD no longer announces is deleted once corvid is synced. A graceful stop
 * (SIGTERM) and start must keep every route the same way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelRestartTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("krestart");

    private static final long AS = 64512;
    private static final int STAYING = 49;
    private static final String WITHDRAWN = "10.201.99.0/24";

    private static Host c;
    private static Host b;
    private static Bird bird;
    private static List<String> peers;
    /** The corvid that runs now: each test restarts it. */
    private static CorvidProcess corvid;

    @BeforeAll
    static void startBirdWithTwoStaticProtocols() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b = lab.host("bird");
        var stay = new StringBuilder("protocol static stay { ipv4;\n");
        staying().forEach(p -> stay.append("  route ").append(p).append(" blackhole;\n"));
        bird = Bird.start(lab, b, stay + "}\nprotocol static withdrawn { ipv4; route " + WITHDRAWN + " blackhole; }\n"
                + Bird.bgp("corvid", b.ipv4(), AS, c.ipv4(), AS, "direct;", Bird.EXPORT_STATIC));
        peers = List.of(CorvidProcess.peer(b.ipv4(), AS, "local-address = \"" + c.ipv4() + "\""));
    }

    /** 10.201.0.0/24 ... 10.201.48.0/24. */
    private static List<String> staying() {
        return IntStream.range(0, STAYING).mapToObj(i -> "10.201." + i + ".0/24").toList();
    }

    @Test
    @Order(1)
    void aRestartAfterKillNineKeepsTheRoutesThatStayAndDeletesOnlyTheWithdrawnOne() {
        var lab = LAB.lab();
        CorvidProcess first = CorvidProcess.start(lab, c, AS, List.of(), peers);
        KernelTable.await(c, Duration.ofSeconds(30), "all 50 routes of BIRD", t -> t.routes().size() == STAYING + 1
                && t.route(WITHDRAWN).isPresent());
        Await.condition(Duration.ofSeconds(30), "the first corvid to be synced",
                () -> first.kernel().path("synced").asBoolean());
        Map<String, KernelTable.Route> before = new LinkedHashMap<>(KernelTable.of(c).routes());

        RouteMonitor monitor = RouteMonitor.start(lab, c);
        first.process().kill();
        assertThat(KernelTable.of(c).routes()).as("corvid's routes right after kill -9").isEqualTo(before);
        bird.birdc("disable", "withdrawn").orThrow();

        long restarted = System.nanoTime();
        CorvidProcess second = CorvidProcess.start(lab, c, AS, List.of(), peers);
        corvid = second;
        JsonNode settled = Await.until(Duration.ofSeconds(70), "the restarted corvid to be synced with "
                + STAYING + " routes installed and one removed", () -> {
                    JsonNode kernel = second.kernel();
                    JsonNode counters = kernel.path("counters");
                    return kernel.path("synced").asBoolean() && counters.path("installed").asInt() == STAYING
                            && counters.path("removed").asInt() == 1 ? kernel : null;
                });
        Duration synced = Duration.ofNanos(System.nanoTime() - restarted);
        Await.holdsFor(Duration.ofSeconds(2), STAYING + " routes of corvid's in the kernel",
                () -> KernelTable.of(c).routes().size() == STAYING);
        monitor.stop();
        System.out.printf("kernel restart: the new corvid was synced with %d routes kept and 1 removed %d ms after it "
                + "was started%n", STAYING, synced.toMillis());

        Map<String, KernelTable.Route> after = KernelTable.of(c).routes();
        Map<String, KernelTable.Route> expected = new LinkedHashMap<>(before);
        expected.remove(WITHDRAWN);
        assertThat(after).as("corvid's routes after the restart").isEqualTo(expected);
        for (String prefix : staying()) {
            assertThat(monitor.linesAbout(prefix)).as("ip monitor route lines about " + prefix
                    + ", which stayed through the restart").isEmpty();
        }
        assertThat(monitor.linesAbout(WITHDRAWN)).as("ip monitor route lines about the withdrawn " + WITHDRAWN)
                .singleElement().asString().startsWith("Deleted " + WITHDRAWN + " via " + b.ipv4());
        JsonNode counters = settled.path("counters");
        assertThat(counters.path("added").asInt()).as("show kernel: added after the restart").isZero();
        assertThat(counters.path("replaced").asInt()).as("show kernel: replaced after the restart").isZero();
    }

    @Test
    @Order(2)
    void aGracefulStopLeavesEveryRouteInTheKernelAndTheNextStartKeepsThemAll() {
        var lab = LAB.lab();
        KernelTable.await(c, Duration.ofSeconds(30), STAYING + " routes of BIRD", t -> t.routes().size() == STAYING);
        Map<String, KernelTable.Route> before = KernelTable.of(c).routes();
        RouteMonitor monitor = RouteMonitor.start(lab, c);
        corvid.process().stop();
        long lines = staying().stream().mapToLong(prefix -> monitor.linesAbout(prefix).size()).sum();
        assertThat(KernelTable.of(c).routes()).as("corvid's routes after SIGTERM (corvid logs that they stay until the "
                + "next start reconciles them); ip monitor printed " + lines + " lines about them")
                .hasSize(STAYING).isEqualTo(before);

        corvid = CorvidProcess.start(lab, c, AS, List.of(), peers);
        JsonNode settled = Await.until(Duration.ofSeconds(70), "the restarted corvid to be synced with "
                + STAYING + " routes installed", () -> {
                    JsonNode kernel = corvid.kernel();
                    return kernel.path("synced").asBoolean()
                            && kernel.path("counters").path("installed").asInt() == STAYING ? kernel : null;
                });
        Await.holdsFor(Duration.ofSeconds(2), STAYING + " routes of corvid's in the kernel",
                () -> KernelTable.of(c).routes().size() == STAYING);
        monitor.stop();
        assertThat(KernelTable.of(c).routes()).as("corvid's routes after the stop and start").isEqualTo(before);
        for (String prefix : staying()) {
            assertThat(monitor.linesAbout(prefix)).as("ip monitor route lines about " + prefix).isEmpty();
        }
        JsonNode counters = settled.path("counters");
        assertThat(counters.path("added").asInt() + counters.path("replaced").asInt() + counters.path("removed").asInt())
                .as("show kernel: routes added, replaced or removed after the start; counters " + counters).isZero();
    }
}
