package dev.corvid.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * A peer's routes in corvid's kernel: BIRD (iBGP, segment A) announces 1000 /24s, which corvid installs in its main
 * table ({@code proto 201 metric 32}, {@code encapsulation = none}: via BIRD's address, the next hop BIRD sets for
 * its own routes, RFC 4271 §5.1.3); when BIRD disables the session all of them go. FRR does the same with 100. The
 * times are printed (reported, not asserted).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelInteropTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("kinterop");

    private static final long AS = 64512;
    private static final int BIRD_ROUTES = 1000;
    private static final int FRR_ROUTES = 100;
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(30);

    private static Host c;
    private static Host b;
    private static Host f;
    private static CorvidProcess corvid;
    private static Bird bird;

    @BeforeAll
    static void startCorvidAndBirdWithItsSessionDisabled() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b = lab.host("bird");
        f = lab.host("frr");
        var statics = new StringBuilder("protocol static { ipv4;\n");
        birdPrefixes().forEach(p -> statics.append("  route ").append(p).append(" blackhole;\n"));
        bird = Bird.start(lab, b, statics + "}\n"
                + Bird.bgp("corvid", b.ipv4(), AS, c.ipv4(), AS, "disabled;", "direct;", Bird.EXPORT_STATIC));
        String local = "local-address = \"" + c.ipv4() + "\"";
        corvid = CorvidProcess.start(lab, c, AS, List.of(), List.of(
                CorvidProcess.peer(b.ipv4(), AS, local), CorvidProcess.peer(f.ipv4(), AS, local)));
    }

    /** 10.200.0.0/24 ... 10.203.231.0/24. */
    private static List<String> birdPrefixes() {
        return IntStream.range(0, BIRD_ROUTES).mapToObj(i -> "10." + (200 + i / 256) + "." + (i % 256) + ".0/24").toList();
    }

    /** 10.210.0.0/24 ... 10.210.99.0/24. */
    private static List<String> frrPrefixes() {
        return IntStream.range(0, FRR_ROUTES).mapToObj(i -> "10.210." + i + ".0/24").toList();
    }

    @Test
    @Order(1)
    void installsBirdsThousandRoutesViaBirdAndRemovesThemAllWhenBirdDisablesTheSession() {
        List<String> prefixes = birdPrefixes();
        long enabled = System.nanoTime();
        bird.birdc("enable", "corvid").orThrow();
        Await.condition(Duration.ofSeconds(20), "BIRD's session to corvid to come up", () -> bird.established("corvid"));
        Duration up = Duration.ofNanos(System.nanoTime() - enabled);
        Duration installed = KernelTable.await(c, INSTALL_TIMEOUT, "BIRD's " + BIRD_ROUTES + " routes",
                table -> table.count(prefixes) == BIRD_ROUTES);

        KernelTable table = KernelTable.of(c);
        assertThat(table.routes()).as("corvid's routes in its kernel").hasSize(BIRD_ROUTES);
        for (String prefix : prefixes) {
            assertThat(table.route(prefix)).as(prefix).hasValueSatisfying(route -> {
                assertThat(route.gateway()).as(prefix + " via").isEqualTo(b.ipv4());
                assertThat(route.device()).as(prefix + " dev").isEqualTo("eth0");
                assertThat(route.onlink()).as(prefix + " onlink").isFalse();
                assertThat(route.metric()).as(prefix + " metric").isEqualTo(32);
            });
        }
        JsonNode shown = corvid.kernel();
        assertThat(shown.path("counters").path("installed").asInt()).as("show kernel: installed").isEqualTo(BIRD_ROUTES);
        assertThat(shown.path("counters").path("failing").asInt()).as("show kernel: failing").isZero();
        assertThat(shown.path("routes").size()).as("show kernel: routes").isEqualTo(BIRD_ROUTES);

        bird.birdc("disable", "corvid").orThrow();
        Duration removed = KernelTable.await(c, INSTALL_TIMEOUT, "BIRD's routes gone",
                t -> t.count(prefixes) == 0);
        System.out.printf("kernel interop, BIRD: session up %d ms after 'birdc enable'; %d routes in the kernel %d ms "
                + "later; all removed %d ms after 'birdc disable'%n", up.toMillis(), BIRD_ROUTES,
                installed.toMillis(), removed.toMillis());
        assertThat(KernelTable.of(c).routes()).as("corvid's routes after BIRD left").isEmpty();
        JsonNode after = corvid.kernel();
        assertThat(after.path("counters").path("installed").asInt()).as("show kernel: installed").isZero();
        assertThat(after.path("counters").path("removed").asInt()).as("show kernel: removed").isEqualTo(BIRD_ROUTES);
    }

    @Test
    @Order(2)
    void installsFrrsHundredRoutesViaFrrAndRemovesThemWhenBgpdStops() {
        List<String> prefixes = frrPrefixes();
        var config = new StringBuilder("router bgp " + AS + "\n bgp router-id " + f.ipv4()
                + "\n no bgp default ipv4-unicast\n no bgp network import-check\n" + Frr.neighbor(c.ipv4(), AS)
                + " !\n address-family ipv4 unicast\n");
        prefixes.forEach(p -> config.append("  network ").append(p).append('\n'));
        config.append("  neighbor ").append(c.ipv4()).append(" activate\n exit-address-family\n");
        long started = System.nanoTime();
        Frr frr = Frr.start(LAB.lab(), f, config.toString(), false);
        Await.condition(Duration.ofSeconds(20), "FRR's session to corvid to come up", () -> frr.established(c.ipv4()));
        Duration up = Duration.ofNanos(System.nanoTime() - started);
        Duration installed = KernelTable.await(c, INSTALL_TIMEOUT, "FRR's " + FRR_ROUTES + " routes",
                table -> table.count(prefixes) == FRR_ROUTES);
        KernelTable table = KernelTable.of(c);
        List<String> wrong = new ArrayList<>();
        for (String prefix : prefixes) {
            KernelTable.Route route = table.route(prefix).orElseThrow();
            if (!route.gateway().equals(f.ipv4()) || !route.device().equals("eth0") || route.onlink()) {
                wrong.add(route.toString());
            }
        }
        assertThat(wrong).as("FRR's routes not via " + f.ipv4() + " dev eth0").isEmpty();
        assertThat(corvid.kernel().path("counters").path("installed").asInt()).as("show kernel: installed")
                .isEqualTo(FRR_ROUTES);

        long stopping = System.nanoTime();
        frr.bgpd().stop();
        KernelTable.await(c, INSTALL_TIMEOUT, "FRR's routes gone", t -> t.count(prefixes) == 0);
        Duration removed = Duration.ofNanos(System.nanoTime() - stopping);
        System.out.printf("kernel interop, FRR: session up %d ms after bgpd started; %d routes in the kernel %d ms "
                + "later; all removed %d ms after bgpd was stopped%n", up.toMillis(), FRR_ROUTES,
                installed.toMillis(), removed.toMillis());
        assertThat(KernelTable.of(c).routes()).as("corvid's routes after FRR left").isEmpty();
    }
}
