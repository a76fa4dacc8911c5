package dev.corvid.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
import dev.corvid.it.lab.Command;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;
import dev.corvid.it.lab.LabProcess;

/**
 * RFC 4724 graceful restart between corvid ({@code graceful-restart = true}) and BIRD ({@code graceful restart on}).
 * (a) corvid stops on SIGTERM: the session closes without a NOTIFICATION, BIRD keeps corvid's route and corvid's
 * kernel routes stay; corvid starts again and the session comes back without BIRD ever losing the route.
 * (b) BIRD restarts gracefully ({@code birdc graceful restart}, then {@code bird -R}): corvid keeps BIRD's routes in
 * its RIB and in the kernel while BIRD is away and after it is back; {@code show neighbors} and {@code show route}
 * say so meanwhile. (c) BIRD freezes with its old connection still open (a hung process or a rebooted host that
 * sent no RST) and a new BIRD connects: RFC 4724 §4.2, corvid takes the new connection for the peer's restart at
 * once, keeping the routes, instead of refusing it until its hold timer expires. (d) Without graceful restart,
 * SIGTERM still sends Cease / Administrative Shutdown.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulRestartTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("gr");

    private static final long AS = 64512;
    private static final String C_BLOCK = "10.244.1.0/26";
    private static final int BIRD_ROUTES = 5;
    /** Longer than the lab's hold time (3 s): a session kept alive by mistake would have ended by then. */
    private static final Duration AWAY = Duration.ofSeconds(5);

    private static Host c;
    private static Host b;
    private static Bird bird;
    private static CorvidProcess corvid;
    /** The BIRD started in recovery mode ({@code bird -R}) by the last restart. */
    private static LabProcess recovering;

    /** 10.210.0.0/24 ... 10.210.4.0/24. */
    private static Set<String> birdRoutes() {
        return IntStream.range(0, BIRD_ROUTES).mapToObj(i -> "10.210." + i + ".0/24").collect(Collectors.toSet());
    }

    @BeforeAll
    static void startBirdAndCorvidWithGracefulRestart() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b = lab.host("bird");
        String statics = birdRoutes().stream().map(p -> "  route " + p + " blackhole;\n")
                .collect(Collectors.joining());
        bird = Bird.start(lab, b, "protocol static { ipv4;\n" + statics + "}\n"
                + Bird.bgp("corvid", b.ipv4(), AS, c.ipv4(), AS, "direct;", "graceful restart on;", Bird.EXPORT_STATIC));
        corvid = startCorvid(true);
    }

    private static CorvidProcess startCorvid(boolean gracefulRestart) {
        CorvidProcess started = CorvidProcess.start(LAB.lab(), c, AS, List.of("originate = [\"" + C_BLOCK + "\"]"),
                List.of(CorvidProcess.peer(b.ipv4(), AS, "local-address = \"" + c.ipv4() + "\"",
                        "graceful-restart = " + gracefulRestart)));
        Await.condition(Duration.ofSeconds(30), "BIRD established with corvid", () -> bird.established("corvid"));
        Await.condition(Duration.ofSeconds(20), "BIRD to hold corvid's block",
                GracefulRestartTest::birdHasCorvidsBlock);
        Await.condition(Duration.ofSeconds(20), "corvid to install BIRD's routes",
                () -> kernelRoutes().equals(birdRoutes()));
        return started;
    }

    private static boolean birdHasCorvidsBlock() {
        return bird.routes("protocol", "corvid").stream().anyMatch(r -> r.prefix().equals(C_BLOCK));
    }

    /** The prefixes of corvid's routes ({@code proto 201}) in its host's kernel. */
    private static Set<String> kernelRoutes() {
        String out = Command.of("ip", "-n", c.namespace(), "route", "show", "proto", "201").run().orThrow().output();
        return out.lines().map(l -> l.split(" ")[0]).map(p -> p.contains("/") ? p : p + "/32")
                .collect(Collectors.toSet());
    }

    @Test
    @Order(1)
    void sigtermClosesWithoutNotificationSoBirdKeepsCorvidsRouteAndTheKernelKeepsBirds() {
        corvid.process().stop();
        Await.condition(Duration.ofSeconds(10), "BIRD to see the session go", () -> !bird.established("corvid"));
        Await.holdsFor(AWAY, "BIRD keeping corvid's block and corvid's kernel routes staying",
                () -> birdHasCorvidsBlock() && kernelRoutes().equals(birdRoutes()));
        Bird.Protocol p = bird.protocol("corvid");
        // BIRD 2: "Neighbor graceful restart active" and "Restart timer: 114.4/-" counting down from our 120 s.
        assertThat(p.text()).as("BIRD is the helper of corvid's restart").contains("Neighbor graceful restart active",
                "Restart timer:");
        assertThat(p.lastError().orElse("")).as("BIRD was sent no NOTIFICATION").doesNotContain("Administrative");
        assertThat(corvid.process().logText()).contains("without a NOTIFICATION (graceful restart",
                "left 1 peer without a NOTIFICATION");

        long stopped = System.nanoTime();
        corvid = CorvidProcess.start(LAB.lab(), c, AS, List.of("originate = [\"" + C_BLOCK + "\"]"),
                List.of(CorvidProcess.peer(b.ipv4(), AS, "local-address = \"" + c.ipv4() + "\"",
                        "graceful-restart = true")));
        // The whole time until the session is back, BIRD still has the route.
        Await.condition(Duration.ofSeconds(30), "BIRD established with the new corvid, still holding its block", () -> {
            assertThat(birdHasCorvidsBlock()).as("BIRD holds corvid's block during the restart").isTrue();
            return bird.established("corvid");
        });
        Await.holdsFor(Duration.ofSeconds(2), "BIRD holding corvid's block after the restart",
                GracefulRestartTest::birdHasCorvidsBlock);
        System.out.printf("graceful restart: corvid was back and BIRD Established %d ms after the stop%n",
                Duration.ofNanos(System.nanoTime() - stopped).toMillis());
        assertThat(kernelRoutes()).isEqualTo(birdRoutes());
    }

    @Test
    @Order(2)
    void birdsGracefulRestartLeavesItsRoutesInCorvidAndInTheKernel() {
        Command.Result gr = bird.birdc("graceful", "restart");
        assertThat(gr.exitCode()).as(gr.output() + gr.errors()).isZero();
        Await.condition(Duration.ofSeconds(10), "BIRD to exit", () -> !bird.process().alive());
        Await.condition(Duration.ofSeconds(10), "corvid to see the session go", () -> !corvid.established(b.ipv4()));
        Await.holdsFor(AWAY, "BIRD's routes in corvid's RIB and in the kernel while BIRD is away",
                () -> kernelRoutes().equals(birdRoutes()) && !corvid.paths("10.210.0.0/24").isEmpty());
        assertThat(corvid.process().logText()).contains("graceful restart, RFC 4724 §4.2): keeping its "
                + BIRD_ROUTES + " routes");
        JsonNode away = corvid.neighborDetail(b.ipv4());
        assertThat(away.path("state").asText()).as("the RFC name, as PRODUCT.md says").isEqualTo("Idle");
        JsonNode restart = away.path("graceful_restart");
        assertThat(restart.path("negotiated").asBoolean()).isTrue();
        assertThat(restart.path("state").asText()).isEqualTo("restarting");
        assertThat(restart.path("stale_paths").asInt()).isEqualTo(BIRD_ROUTES);
        assertThat(restart.path("seconds_left").asLong())
                .isBetween(1L, (long) restart.path("peer_restart_time").asInt());
        assertThat(corvid.paths("10.210.0.0/24")).singleElement()
                .satisfies(path -> assertThat(path.path("stale").asBoolean()).as("show route: stale").isTrue());
        assertThat(corvid.show("neighbors").output()).contains("Idle (restarting)");

        recovering = startBirdInRecovery();
        Await.condition(Duration.ofSeconds(30), "corvid established with BIRD again, still holding its routes", () -> {
            assertThat(kernelRoutes()).as("corvid's kernel routes while BIRD restarts").isEqualTo(birdRoutes());
            return corvid.established(b.ipv4());
        });
        Await.holdsFor(Duration.ofSeconds(3), "BIRD's routes in the kernel after its End-of-RIB",
                () -> kernelRoutes().equals(birdRoutes()));
        assertThat(corvid.process().logText()).contains("is back from a graceful restart");
        assertThat(recovering.alive()).isTrue();
        Await.condition(Duration.ofSeconds(10), "the restart to be over in show neighbors (End-of-RIB)",
                () -> "none".equals(corvid.neighborDetail(b.ipv4()).path("graceful_restart").path("state").asText()));
        assertThat(corvid.paths("10.210.0.0/24")).singleElement()
                .satisfies(path -> assertThat(path.path("stale").asBoolean()).isFalse());
    }

    @Test
    @Order(3)
    void aNewConnectionFromBirdWhileItsOldOneHangsIsTakenAsItsRestartAtOnce() {
        // A BIRD with a 30 s hold time takes the session over from the recovered one.
        recovering.stop();
        Await.condition(Duration.ofSeconds(10), "corvid to see the recovered BIRD go",
                () -> !corvid.established(b.ipv4()));
        LabProcess hanging = startAnotherBird("hanging", false, "hold time 30;");
        Await.condition(Duration.ofSeconds(30), "corvid established with the long-hold-time BIRD, holding its routes",
                () -> corvid.established(b.ipv4()) && kernelRoutes().equals(birdRoutes()));

        // SIGSTOP: its kernel keeps the connection open and acknowledges what corvid sends; nothing ends it. The
        // BIRD that replaces it listens on another port (the frozen one still holds 179) and connects at once.
        hanging.freeze();
        long frozen = System.nanoTime();
        LabProcess replacing = startAnotherBird("replacing", true, "local port 1790;", "connect delay time 1;");
        Await.condition(Duration.ofSeconds(20), "corvid to take the new BIRD's connection as its restart", () -> {
            assertThat(kernelRoutes()).as("corvid's kernel routes while BIRD restarts").isEqualTo(birdRoutes());
            return corvid.process().logText().contains("connected again while its session was Established");
        });
        Await.condition(Duration.ofSeconds(20), "corvid established with the new BIRD", () -> {
            assertThat(kernelRoutes()).as("corvid's kernel routes while BIRD restarts").isEqualTo(birdRoutes());
            return corvid.established(b.ipv4());
        });
        long took = Duration.ofNanos(System.nanoTime() - frozen).toMillis();
        System.out.printf("RFC 4724 §4.2: the new BIRD Established with corvid %d ms after the old one froze"
                + " (hold time of the old session: 30 s)%n", took);
        assertThat(took).as("well before the old session's hold timer (30 s) would have ended it")
                .isLessThan(Duration.ofSeconds(20).toMillis());
        assertThat(corvid.process().logText()).doesNotContain("hold timer expired");
        Await.holdsFor(Duration.ofSeconds(3), "BIRD's routes in the kernel after the new BIRD's End-of-RIB",
                () -> kernelRoutes().equals(birdRoutes()) && corvid.established(b.ipv4()));

        // SIGKILL while frozen: thawed, it would connect again and, by the same rule, take the session back.
        hanging.kill();
        replacing.stop();
        bird.restart(); // the lab's BIRD again, for the next test
        Await.condition(Duration.ofSeconds(30), "BIRD established with corvid again", () -> bird.established("corvid"));
    }

    /** {@code bird -R}: graceful restart recovery, so its new OPEN has the R bit and F for IPv4 (RFC 4724 §3). */
    private static LabProcess startBirdInRecovery() {
        Path dir = LAB.lab().directory("bird-" + b.name());
        LabProcess p = LAB.lab().process("bird-" + b.name() + "-recovering", List.of("ip", "netns", "exec",
                b.namespace(), "bird", "-f", "-R", "-c", dir.resolve("bird.conf").toString(), "-s",
                dir.resolve("bird.ctl").toString(), "-P", dir.resolve("bird.pid").toString())).start();
        Await.condition(Duration.ofSeconds(20), "the recovering BIRD to answer",
                () -> bird.birdc("show", "status").ok());
        return p;
    }

    /**
     * Another BIRD in BIRD's namespace with its own directory and control socket: the same routes and session, with
     * {@code lines} added to the session (later settings override the lab's); {@code recovery}: {@code bird -R}.
     */
    private static LabProcess startAnotherBird(String name, boolean recovery, String... lines) {
        Path dir = LAB.lab().directory("bird-" + b.name() + "-" + name);
        String statics = birdRoutes().stream().map(p -> "  route " + p + " blackhole;\n")
                .collect(Collectors.joining());
        List<String> session = new ArrayList<>(List.of("direct;", "graceful restart on;"));
        session.addAll(List.of(lines));
        session.add(Bird.EXPORT_STATIC);
        String config = "router id " + b.ipv4() + ";\nlog \"" + dir.resolve("bird.log") + "\" all;\n"
                + "protocol device {}\nprotocol static { ipv4;\n" + statics + "}\n"
                + Bird.bgp("corvid", b.ipv4(), AS, c.ipv4(), AS, session.toArray(String[]::new));
        try {
            Files.writeString(dir.resolve("bird.conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", b.namespace(), "bird", "-f"));
        if (recovery) argv.add("-R");
        argv.addAll(List.of("-c", dir.resolve("bird.conf").toString(), "-s", dir.resolve("bird.ctl").toString(),
                "-P", dir.resolve("bird.pid").toString()));
        return LAB.lab().process("bird-" + b.name() + "-" + name, argv).start();
    }

    @Test
    @Order(4)
    void withoutGracefulRestartSigtermSendsAdministrativeShutdown() {
        corvid.process().stop();
        corvid = startCorvid(false);
        corvid.process().stop();
        Await.condition(Duration.ofSeconds(10), "BIRD to receive Cease / Administrative shutdown",
                () -> bird.protocol("corvid").lastError().orElse("").contains("Administrative shutdown"));
        Await.condition(Duration.ofSeconds(10), "BIRD to drop corvid's block", () -> !birdHasCorvidsBlock());
    }
}
