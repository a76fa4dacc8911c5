package dev.corvid.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.Command;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * What corvid does when the kernel cannot take its routes, and with routes it finds there: a tunnel device that does
 * not exist (the routes are reported as failed with an error that names the device and what to do; the daemon keeps
 * running and installs them once the device appears, without a restart); another program's route to a prefix a peer
 * announces (left alone and reported as a conflict); and blackhole routes that {@code kernel.learn} picks up
 * (announced to BIRD while they exist).
 *
 * <p>The kernels of these machines have no {@code ipip} module: the tunnel device is a VXLAN device, which serves
 * corvid's {@code onlink} routes just as well.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelErrorsTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("kerrors");

    private static final long AS = 64512;
    private static final String TUNNEL = "tunl9";
    private static final List<String> ANNOUNCED = List.of("10.240.1.0/24", "10.240.2.0/24");
    /** Announced by BIRD too, but another program's route to it is in corvid's table first. */
    private static final String FOREIGN = "10.240.9.0/24";
    private static final String BLOCK = "10.244.5.0/26";

    private static Host c;
    private static Host b;
    private static CorvidProcess corvid;
    private static Bird bird;

    @BeforeAll
    static void startCorvidWithoutItsTunnelDeviceAndAForeignRouteInItsTable() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b = lab.host("bird");
        ip("route", "add", FOREIGN, "via", b.ipv4(), "proto", "static", "metric", "32");
        var statics = new StringBuilder("protocol static { ipv4;\n");
        for (String p : ANNOUNCED) statics.append("  route ").append(p).append(" blackhole;\n");
        statics.append("  route ").append(FOREIGN).append(" blackhole;\n}\n");
        bird = Bird.start(lab, b, statics + Bird.bgp("corvid", b.ipv4(), AS, c.ipv4(), AS, "direct;", Bird.EXPORT_STATIC));
        corvid = CorvidProcess.start(lab, c, AS, List.of("kernel { encapsulation = ipip, tunnel-device = \"" + TUNNEL
                + "\", learn = [{ type = blackhole }] }"),
                List.of(CorvidProcess.peer(b.ipv4(), AS, "local-address = \"" + c.ipv4() + "\"")));
    }

    private static void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", c.namespace()));
        argv.addAll(List.of(args));
        Command.of(argv).run().orThrow();
    }

    private static Optional<JsonNode> shown(String prefix) {
        for (JsonNode route : corvid.kernel().path("routes")) {
            if (prefix.equals(route.path("prefix").asText())) return Optional.of(route);
        }
        return Optional.empty();
    }

    @Test
    @Order(1)
    void aMissingTunnelDeviceFailsTheRoutesWithAnErrorNamingItAndTheyAreInstalledOnceItExists() {
        for (String prefix : ANNOUNCED) {
            JsonNode route = Await.until(Duration.ofSeconds(30), "show kernel to list " + prefix + " as failed",
                    () -> shown(prefix).filter(r -> "failed".equals(r.path("state").asText())).orElse(null));
            assertThat(route.path("error").asText()).as("the error of " + prefix)
                    .contains(TUNNEL).contains("does not exist").contains("create it");
        }
        JsonNode counters = corvid.kernel().path("counters");
        assertThat(counters.path("failing").asInt()).as("show kernel: failing").isEqualTo(ANNOUNCED.size() + 1);
        assertThat(counters.path("last_error").asText()).as("show kernel: last_error").contains(TUNNEL);
        assertThat(KernelTable.of(c).routes()).as("corvid's routes without " + TUNNEL).isEmpty();
        assertThat(corvid.show("status").ok()).as("show status answers").isTrue();
        assertThat(corvid.process().alive()).as("corvid runs").isTrue();

        ip("link", "add", TUNNEL, "type", "vxlan", "id", "9", "dstport", "4789", "dev", "eth0");
        ip("link", "set", TUNNEL, "up");
        Duration took = KernelTable.await(c, Duration.ofSeconds(10), "the routes through " + TUNNEL + " once it exists",
                t -> t.count(ANNOUNCED) == ANNOUNCED.size());
        System.out.printf("kernel errors: routes installed %d ms after %s appeared%n", took.toMillis(), TUNNEL);
        for (String prefix : ANNOUNCED) {
            assertThat(KernelTable.of(c).route(prefix)).as(prefix)
                    .contains(new KernelTable.Route(prefix, b.ipv4(), TUNNEL, true, 32, 0));
            assertThat(shown(prefix).map(r -> r.path("state").asText())).as("show kernel: state of " + prefix)
                    .contains("installed");
        }
    }

    @Test
    @Order(2)
    void anotherProgramsRouteToAnAnnouncedPrefixIsLeftAloneAndReportedAsAConflict() {
        KernelTable.await(c, Duration.ofSeconds(30), "the routes through " + TUNNEL,
                t -> t.count(ANNOUNCED) == ANNOUNCED.size());
        JsonNode route = Await.until(Duration.ofSeconds(10), "show kernel to report the conflict at " + FOREIGN,
                () -> shown(FOREIGN).filter(r -> r.path("error").asText().contains("another program")).orElse(null));
        assertThat(route.path("state").asText()).as("show kernel: state of " + FOREIGN).isEqualTo("failed");
        assertThat(route.path("error").asText()).as("the error of " + FOREIGN).contains(FOREIGN).contains("metric 32");
        assertThat(KernelTable.of(c, "exact", FOREIGN).routes().values()).as("the kernel's routes to " + FOREIGN)
                .containsExactly(new KernelTable.Route(FOREIGN, b.ipv4(), "eth0", false, 32, 0));
        assertThat(KernelTable.of(c, "proto", "static").route(FOREIGN)).as("the foreign route is still proto static")
                .isPresent();
        assertThat(KernelTable.of(c).route(FOREIGN)).as("corvid's route to " + FOREIGN).isEmpty();
    }

    @Test
    @Order(3)
    void announcesALearnedBlackholeRouteToBirdWhileItExists() {
        ip("route", "add", "blackhole", BLOCK, "proto", "80");
        Bird.Route atBird = Await.until(Duration.ofSeconds(10), "BIRD to receive the learned " + BLOCK,
                () -> bird.routes().stream().filter(r -> BLOCK.equals(r.prefix())).findFirst().orElse(null));
        assertThat(atBird.attribute("BGP.next_hop")).as("next hop of " + BLOCK + " at BIRD").contains(c.ipv4());

        ip("route", "del", "blackhole", BLOCK, "proto", "80");
        Await.condition(Duration.ofSeconds(10), "BIRD to lose " + BLOCK,
                () -> bird.routes().stream().noneMatch(r -> BLOCK.equals(r.prefix())));
    }
}
