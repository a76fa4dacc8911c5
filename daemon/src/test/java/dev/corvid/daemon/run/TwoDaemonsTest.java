package dev.corvid.daemon.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.daemon.CliRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real daemons ({@code corvid run} in their own JVMs) peering over loopback, 127.0.0.2 (a route reflector, AS
 * 64512) and 127.0.0.3 (its client), asked through {@code corvid show} as an operator would; the last test stops
 * the client with SIGTERM. The reflector is passive towards its client, so that after the client stops, its last
 * error stays the client's Cease rather than the refused reconnection attempts.
 */
@TestMethodOrder(OrderAnnotation.class)
class TwoDaemonsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static Path socketA, socketB, logA, logB;
    static Process a, b;

    @BeforeAll
    static void startTwoDaemons() throws Exception {
        int portA = freePort("127.0.0.2"), portB = freePort("127.0.0.3");
        socketA = dir.resolve("a/corvid.sock");
        socketB = dir.resolve("b/corvid.sock");
        // A socket file left behind by a daemon that was killed: A must replace it.
        Files.createDirectories(socketA.getParent());
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socketA));
        dead.close();
        Path configA = Files.writeString(dir.resolve("a.conf"), """
                corvid {
                  asn = 64512
                  router-id = "10.0.0.2"
                  listen = ["127.0.0.2:%d"]
                  control-socket = "/nonexistent/overridden-by-the-command-line.sock"
                  metrics = ""
                  kernel.export = false
                  peers = [ { address = "127.0.0.3", port = %d, asn = 64512, role = rr-client, passive = true,
                              local-address = "127.0.0.2", hold-time = 3, connect-retry-time = 1 } ]
                }
                """.formatted(portA, portB));
        Path configB = Files.writeString(dir.resolve("b.conf"), """
                corvid {
                  asn = 64512
                  router-id = "10.0.0.3"
                  listen = ["127.0.0.3:%d"]
                  control-socket = "%s"
                  metrics = ""
                  kernel.export = false
                  peers = [ { address = "127.0.0.2", port = %d, asn = 64512, local-address = "127.0.0.3",
                              hold-time = 3, connect-retry-time = 1 } ]
                }
                """.formatted(portB, socketB, portA));
        logA = dir.resolve("a.log");
        logB = dir.resolve("b.log");
        a = corvidRun(logA, "run", "-c", configA.toString(), "--socket", socketA.toString());
        b = corvidRun(logB, "run", "-c", configB.toString());
        awaitShow(socketA, "show", "status");
        awaitShow(socketB, "show", "status");
    }

    @AfterAll
    static void stopDaemons() throws InterruptedException {
        for (Process p : new Process[] {a, b}) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code corvid ARGS} in a JVM of its own, from this test's classpath, its standard error in {@code log}. */
    static Process corvidRun(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xmx96m",
                "-cp", System.getProperty("java.class.path"), "dev.corvid.daemon.Corvid"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put(Logging.LEVEL_VARIABLE, "info");
        return builder.start();
    }

    static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.ofLiteral(address))) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code corvid ARGS --json --socket SOCKET} until its JSON satisfies {@code done}; returns that JSON. */
    static JsonNode awaitJson(Path socket, Predicate<JsonNode> done, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--json", "--socket", socket.toString()));
        Instant deadline = Instant.now().plus(DEADLINE);
        CliRun last = null;
        while (Instant.now().isBefore(deadline)) {
            last = CliRun.corvid(all.toArray(String[]::new));
            if (last.exit() == 0 && done.test(last.json())) return last.json();
            Thread.sleep(100);
        }
        throw new AssertionError("corvid " + String.join(" ", all) + " did not answer as expected within " + DEADLINE
                + "; last exit " + last.exit() + ", output " + last.out() + last.err() + "\nlog A:\n"
                + Files.readString(logA) + "\nlog B:\n" + Files.readString(logB));
    }

    static void awaitShow(Path socket, String... args) throws Exception {
        awaitJson(socket, json -> true, args);
    }

    @Test
    @Order(1)
    void bothDaemonsReportTheSessionEstablishedWithThePeersAsAndRole() throws Exception {
        JsonNode seenByA = awaitJson(socketA, list -> list.path(0).path("state").asText().equals("Established"),
                "show", "neighbors");
        JsonNode seenByB = awaitJson(socketB, list -> list.path(0).path("state").asText().equals("Established"),
                "show", "neighbors");
        assertThat(seenByA).hasSize(1);
        assertThat(seenByA.get(0).path("address").asText()).isEqualTo("127.0.0.3");
        assertThat(seenByA.get(0).path("asn").asLong()).isEqualTo(64512);
        assertThat(seenByA.get(0).path("role").asText()).isEqualTo("rr-client");
        assertThat(seenByB).hasSize(1);
        assertThat(seenByB.get(0).path("address").asText()).isEqualTo("127.0.0.2");
        assertThat(seenByB.get(0).path("role").asText()).isEqualTo("mesh");

        JsonNode detail = awaitShowJson(socketA, "show", "neighbors", "127.0.0.3");
        assertThat(detail.path("hold_time").asInt()).isEqualTo(3);
        assertThat(detail.path("dynamic").asBoolean()).isFalse();
        assertThat(detail.path("established_transitions").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(detail.path("peer_open").path("router_id").asText()).isEqualTo("10.0.0.3");
        assertThat(detail.path("peer_open").path("capabilities").toString()).contains("four-octet-as 64512");
        assertThat(Files.readString(logA)).contains("replaced the stale control socket " + socketA);
    }

    private static JsonNode awaitShowJson(Path socket, String... args) throws Exception {
        return awaitJson(socket, json -> true, args);
    }

    @Test
    @Order(2)
    void statusShowsTheSpeakersIdentityAndItsEstablishedPeer() throws Exception {
        JsonNode status = awaitJson(socketA, s -> s.path("peers_established").asInt() == 1, "show", "status");
        assertThat(status.path("router_id").asText()).isEqualTo("10.0.0.2");
        assertThat(status.path("asn").asLong()).isEqualTo(64512);
        assertThat(status.path("peers").asInt()).isEqualTo(1);
        assertThat(status.path("peers_by_state").path("Established").asInt()).isEqualTo(1);
        assertThat(status.path("version").asText()).isNotBlank();
        assertThat(status.path("uptime_seconds").asLong()).isNotNegative();
        assertThat(status.path("routes").asInt()).isZero();
    }

    @Test
    @Order(3)
    void aSecondDaemonNeverTakesTheControlSocketOfARunningOne() {
        CliRun second = CliRun.corvid("run", "-c", dir.resolve("b.conf").toString());
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.err()).isEqualTo("corvid: another corvid daemon is running with the control socket "
                + socketB + "; stop it first, or give this one its own socket with --socket (or control-socket in the"
                + " config)\n");
        assertThat(socketB).exists();
    }

    @Test
    @Order(4)
    void sigtermSendsAdministrativeShutdownWithItsReasonAndExitsZero() throws Exception {
        b.destroy(); // SIGTERM
        assertThat(b.waitFor(15, TimeUnit.SECONDS)).as("B stops within 15 s").isTrue();
        assertThat(b.exitValue()).isZero();
        assertThat(socketB).as("B removed its control socket").doesNotExist();
        JsonNode peer = awaitJson(socketA, p -> p.path("last_error").asText().contains("corvid shutting down"),
                "show", "neighbors", "127.0.0.3");
        assertThat(peer.path("last_error").asText()).contains("Cease / Administrative Shutdown")
                .contains("\"corvid shutting down\"");
        assertThat(peer.path("state").asText()).isNotEqualTo("Established");
        String logOfB = Files.readString(logB);
        assertThat(logOfB).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO corvid\\.daemon "
                + "stopping: sending Cease / Administrative Shutdown \"corvid shutting down\" to every peer$");
        assertThat(logOfB).containsPattern("(?m)^\\S+ INFO corvid\\.daemon stopped$");
    }
}
