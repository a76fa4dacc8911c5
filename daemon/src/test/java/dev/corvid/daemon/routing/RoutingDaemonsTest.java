package dev.corvid.daemon.routing;

import static dev.corvid.daemon.CliRun.corvid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corvid.daemon.CliRun;
import dev.corvid.daemon.Corvid;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Four real daemons ({@code corvid run}, each in its own JVM) routing over loopback: a route reflector R (127.0.0.2,
 * AS 64512) with two clients A (127.0.0.3) and B (127.0.0.4), and an eBGP neighbour E (127.0.0.5, AS 64600) of R.
 * Each originates one /26. The tests ask each daemon with {@code corvid show route --json}, as an operator would;
 * the last one stops B and watches its block disappear everywhere.
 */
@TestMethodOrder(OrderAnnotation.class)
class RoutingDaemonsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String R_BLOCK = "10.244.2.0/26", A_BLOCK = "10.244.3.0/26", B_BLOCK = "10.244.4.0/26",
            E_BLOCK = "10.245.5.0/26";

    @TempDir
    static Path dir;

    static final Map<String, Process> daemons = new LinkedHashMap<>();
    static final Map<String, Path> sockets = new LinkedHashMap<>();

    @BeforeAll
    static void startFourDaemons() throws Exception {
        int port = freePort("127.0.0.2");
        String session = "port = %d, hold-time = 3, connect-retry-time = 1".formatted(port);
        start("r", """
                asn = 64512
                router-id = "10.0.0.2"
                listen = ["127.0.0.2:%d"]
                originate = ["%s"]
                peers = [
                  { address = "127.0.0.3", asn = 64512, role = rr-client, passive = true, local-address = "127.0.0.2" }
                  { address = "127.0.0.4", asn = 64512, role = rr-client, passive = true, local-address = "127.0.0.2" }
                  { address = "127.0.0.5", asn = 64600, role = ebgp, passive = true, local-address = "127.0.0.2",
                    import = accept, export = accept }
                ]
                """.formatted(port, R_BLOCK));
        for (String[] client : List.of(new String[] {"a", "3", A_BLOCK}, new String[] {"b", "4", B_BLOCK})) {
            start(client[0], """
                    asn = 64512
                    router-id = "10.0.0.%s"
                    listen = []
                    originate = ["%s"]
                    peers = [ { address = "127.0.0.2", asn = 64512, local-address = "127.0.0.%s", %s } ]
                    """.formatted(client[1], client[2], client[1], session));
        }
        start("e", """
                asn = 64600
                router-id = "10.0.0.5"
                listen = []
                originate = ["%s"]
                peers = [ { address = "127.0.0.2", asn = 64512, role = ebgp, local-address = "127.0.0.5",
                            import = accept, export = originated, %s } ]
                """.formatted(E_BLOCK, session));
    }

    private static void start(String name, String body) throws IOException {
        Path socket = dir.resolve(name + ".sock");
        Path config = Files.writeString(dir.resolve(name + ".conf"), "corvid {\n" + body
                + "control-socket = \"" + socket + "\"\nmetrics = \"\"\n"
                + "kernel.export = false\n}\n"); // never routes in the host's own table
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xmx96m",
                "-cp", System.getProperty("java.class.path"), "dev.corvid.daemon.Corvid", "run", "-c", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("CORVID_LOG_LEVEL", "info");
        daemons.put(name, builder.start());
        sockets.put(name, socket);
    }

    @AfterAll
    static void stopDaemons() throws InterruptedException {
        for (Process p : daemons.values()) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.ofLiteral(address))) {
            return s.getLocalPort();
        }
    }

    /** {@code corvid ARGS --json} against daemon {@code name}, repeated until {@code done} holds; returns that JSON. */
    static JsonNode await(String name, Predicate<JsonNode> done, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--json", "--socket", sockets.get(name).toString()));
        Instant deadline = Instant.now().plus(DEADLINE);
        CliRun last = null;
        while (Instant.now().isBefore(deadline)) {
            last = corvid(all.toArray(String[]::new));
            if (last.exit() == 0 && done.test(JSON.readTree(last.out()))) return JSON.readTree(last.out());
            Thread.sleep(100);
        }
        StringBuilder logs = new StringBuilder();
        for (String d : daemons.keySet()) {
            logs.append("\nlog of ").append(d).append(":\n").append(Files.readString(dir.resolve(d + ".log")));
        }
        throw new AssertionError("corvid " + String.join(" ", all) + " did not answer as expected within " + DEADLINE
                + "; last exit " + last.exit() + ", output " + last.out() + last.err() + logs);
    }

    /** The routes of daemon {@code name} once they hold every prefix of {@code prefixes}, keyed by prefix. */
    static Map<String, JsonNode> routesOnceHolding(String name, String... prefixes) throws Exception {
        JsonNode routes = await(name, r -> prefixes(r).containsAll(List.of(prefixes)), "show", "route");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        routes.forEach(r -> out.put(r.path("prefix").asText(), r.path("paths")));
        return out;
    }

    static List<String> prefixes(JsonNode routes) {
        List<String> out = new ArrayList<>();
        routes.forEach(r -> out.add(r.path("prefix").asText()));
        return out;
    }

    static List<Long> asPath(JsonNode path) {
        List<Long> out = new ArrayList<>();
        path.path("as_path").forEach(n -> out.add(n.asLong()));
        return out;
    }

    @Test
    @Order(1)
    void theReflectorSelectsEachClientsBlockWithTheClientAsNextHop() throws Exception {
        Map<String, JsonNode> routes = routesOnceHolding("r", R_BLOCK, A_BLOCK, B_BLOCK, E_BLOCK);
        JsonNode a = routes.get(A_BLOCK).get(0);
        assertThat(a.path("from").asText()).isEqualTo("127.0.0.3");
        assertThat(a.path("next_hop").asText()).isEqualTo("127.0.0.3");
        assertThat(asPath(a)).isEmpty();
        assertThat(a.path("origin").asText()).isEqualTo("igp");
        assertThat(a.path("local_pref").asLong()).isEqualTo(100);
        assertThat(a.path("best").asBoolean()).isTrue();
        assertThat(a.path("reason").asText()).isEqualTo("only path");
        JsonNode own = routes.get(R_BLOCK).get(0);
        assertThat(own.path("from").asText()).isEqualTo("local");
        JsonNode e = routes.get(E_BLOCK).get(0);
        assertThat(e.path("next_hop").asText()).isEqualTo("127.0.0.5");
        assertThat(asPath(e)).containsExactly(64600L);
    }

    @Test
    @Order(2)
    void aClientsBlockIsReflectedToTheOtherClientWithOriginatorIdAndClusterList() throws Exception {
        Map<String, JsonNode> routes = routesOnceHolding("a", R_BLOCK, A_BLOCK, B_BLOCK, E_BLOCK);
        JsonNode b = routes.get(B_BLOCK).get(0);
        assertThat(b.path("from").asText()).isEqualTo("127.0.0.2");
        assertThat(b.path("next_hop").asText()).as("iBGP keeps the next hop").isEqualTo("127.0.0.4");
        assertThat(asPath(b)).isEmpty();
        assertThat(b.path("originator_id").asText()).isEqualTo("10.0.0.4");
        assertThat(b.path("cluster_list")).extracting(JsonNode::asText).containsExactly("10.0.0.2");
        JsonNode r = routes.get(R_BLOCK).get(0);
        assertThat(r.path("next_hop").asText()).as("the reflector's own block").isEqualTo("127.0.0.2");
        assertThat(r.path("originator_id").isNull()).isTrue();
        assertThat(r.path("cluster_list")).isEmpty();
        JsonNode e = routes.get(E_BLOCK).get(0);
        assertThat(e.path("next_hop").asText()).isEqualTo("127.0.0.5");
        assertThat(asPath(e)).containsExactly(64600L);
        assertThat(e.path("originator_id").isNull()).as("an eBGP route is advertised, not reflected").isTrue();
        routesOnceHolding("b", R_BLOCK, A_BLOCK, B_BLOCK, E_BLOCK);
    }

    @Test
    @Order(3)
    void theEbgpNeighbourGetsEveryBlockWithOurAsPrependedAndOurAddressAsNextHop() throws Exception {
        Map<String, JsonNode> routes = routesOnceHolding("e", R_BLOCK, A_BLOCK, B_BLOCK, E_BLOCK);
        for (String block : List.of(R_BLOCK, A_BLOCK, B_BLOCK)) {
            JsonNode p = routes.get(block).get(0);
            assertThat(p.path("next_hop").asText()).as(block).isEqualTo("127.0.0.2");
            assertThat(asPath(p)).as(block).containsExactly(64512L);
            assertThat(p.path("local_pref").isNull()).as("no LOCAL_PREF over eBGP").isTrue();
            assertThat(p.path("originator_id").isNull()).isTrue();
        }
    }

    @Test
    @Order(4)
    void neighborsAndStatusCountTheRoutes() throws Exception {
        JsonNode neighbors = await("r", list -> list.size() == 3
                && list.get(0).path("prefixes_sent").asInt() == 3, "show", "neighbors");
        JsonNode a = neighbors.get(0);
        assertThat(a.path("address").asText()).isEqualTo("127.0.0.3");
        assertThat(a.path("prefixes_received").asInt()).isEqualTo(1);
        assertThat(a.path("prefixes_accepted").asInt()).isEqualTo(1);
        assertThat(a.path("prefixes_sent").asInt()).as("R's, B's and E's blocks").isEqualTo(3);
        JsonNode status = await("r", s -> true, "show", "status");
        assertThat(status.path("routes").asInt()).isEqualTo(4);
    }

    @Test
    @Order(5)
    void showRouteFiltersByTableAndPeerAndPrintsText() throws Exception {
        JsonNode in = await("r", r -> true, "show", "route", "--table", "adj-in", "--peer", "127.0.0.4");
        assertThat(prefixes(in)).containsExactly(B_BLOCK);
        JsonNode out = await("r", r -> true, "show", "route", "--table", "adj-out", "--peer", "127.0.0.3");
        assertThat(prefixes(out)).containsExactly(R_BLOCK, B_BLOCK, E_BLOCK);
        assertThat(out.get(1).path("paths").get(0).path("cluster_list")).extracting(JsonNode::asText)
                .containsExactly("10.0.0.2");
        JsonNode one = await("r", r -> true, "show", "route", A_BLOCK);
        assertThat(prefixes(one)).containsExactly(A_BLOCK);

        CliRun text = corvid("show", "route", A_BLOCK, "--socket", sockets.get("r").toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out()).isEqualTo(A_BLOCK + "\n  * from 127.0.0.3  next-hop 127.0.0.3  as-path (empty)"
                + "  origin igp  local-pref 100  (only path)\n");
        CliRun bad = corvid("show", "route", "--table", "rib", "--socket", sockets.get("r").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'rib' is not a table: use adj-in, loc or adj-out");
    }

    @Test
    @Order(6)
    void stoppingAClientWithdrawsItsBlockEverywhere() throws Exception {
        Process b = daemons.get("b");
        b.destroy(); // SIGTERM
        assertThat(b.waitFor(15, TimeUnit.SECONDS)).isTrue();
        for (String name : List.of("r", "a", "e")) {
            JsonNode routes = await(name, r -> !prefixes(r).contains(B_BLOCK), "show", "route");
            assertThat(prefixes(routes)).as(name).containsExactly(R_BLOCK, A_BLOCK, E_BLOCK);
        }
    }
}
