package dev.corvid.daemon.run;

import static dev.corvid.daemon.CliRun.corvid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corvid.codec.Family;
import dev.corvid.codec.capability.AddPath;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.capability.RouteRefreshCapability;
import dev.corvid.codec.message.Open;
import dev.corvid.config.ConfigLoader;
import dev.corvid.config.ConfigResult;
import dev.corvid.config.CorvidConfig;
import dev.corvid.daemon.CliRun;
import dev.corvid.daemon.control.ControlServer;
import dev.corvid.fsm.SessionState;
import dev.corvid.fsm.transport.PeerStatus;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corvid show status|neighbors} against a control socket whose daemon reports a fixed set of peers: the
 * JSON field names of PRODUCT.md, the text tables, and the exit codes.
 */
class ShowCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private Path socket;
    private ControlServer server;

    static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    static InetAddress ip(String text) {
        return InetAddress.ofLiteral(text);
    }

    static CorvidConfig config() {
        ConfigResult result = ConfigLoader.parse("""
                corvid {
                  asn = 64512
                  router-id = "10.0.0.1"
                  listen = ["127.0.0.1:1179", "[::1]:1179"]
                  peers = [ { address = "10.0.0.2", asn = 64512, role = rr-client }
                            { address = "10.0.0.254", asn = 65001 } ]
                  peer-ranges = [ { prefix = "10.1.0.0/24", asn = 64512 } ]
                }
                """, "test.conf");
        return ((ConfigResult.Loaded) result).config();
    }

    static List<PeerStatus> peers() {
        Open open = Open.of(64512, 90, (Inet4Address) ip("10.0.0.2"), List.of(new Multiprotocol(Family.IPV4_UNICAST),
                new RouteRefreshCapability(), new FourOctetAs(64512),
                new AddPath(List.of(new AddPath.Tuple(Family.IPV4_UNICAST, AddPath.Tuple.BOTH)))));
        return List.of(
                new PeerStatus(ip("10.0.0.254"), 65001, "ebgp", false, SessionState.ACTIVE,
                        NOW.minusSeconds(42), Optional.empty(),
                        Optional.of("received NOTIFICATION OPEN Message Error / Bad Peer AS"), 1, 1, 0, 0, 0, 0,
                        Optional.empty(), PeerStatus.ErrorCounts.NONE, false),
                new PeerStatus(ip("10.1.0.7"), 64512, "mesh", true, SessionState.ESTABLISHED,
                        NOW.minusSeconds(3 * 86_400 + 4 * 3600 + 5 * 60), Optional.of(NOW.minusSeconds(10)),
                        Optional.empty(), 10, 10, 0, 0, 1, 90, Optional.empty(), PeerStatus.ErrorCounts.NONE, false),
                new PeerStatus(ip("10.0.0.2"), 64512, "rr-client", false, SessionState.ESTABLISHED,
                        NOW.minusSeconds(3725), Optional.of(NOW.minusSeconds(3725)), Optional.empty(),
                        1250, 1249, 3, 2, 2, 90, Optional.of(open), PeerStatus.ErrorCounts.NONE, false));
    }

    @BeforeEach
    void startControlSocket() throws Exception {
        socket = dir.resolve("corvid.sock");
        server = ControlServer.claim(socket);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        server.serve(new ControlCommands(config(), () -> CompletableFuture.completedFuture(peers()), clock));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void neighborsAsJsonCarryTheProductFieldNamesInAddressOrder() throws Exception {
        CliRun run = corvid("show", "neighbors", "--json", "--socket", socket.toString());
        assertThat(run.exit()).isZero();
        JsonNode list = run.json();
        assertThat(list).hasSize(3);
        assertThat(list.findValuesAsText("address")).containsExactly("10.0.0.2", "10.0.0.254", "10.1.0.7");
        JsonNode first = list.get(0);
        assertThat(first.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("address", "asn",
                "role", "state", "uptime_seconds", "prefixes_received", "prefixes_accepted", "prefixes_sent",
                "last_error", "graceful_restart");
        assertThat(first.path("asn").asLong()).isEqualTo(64512);
        assertThat(first.path("role").asText()).isEqualTo("rr-client");
        assertThat(first.path("state").asText()).isEqualTo("Established");
        assertThat(first.path("uptime_seconds").asLong()).isEqualTo(3725);
        assertThat(first.path("last_error").isNull()).isTrue();
        assertThat(list.get(1).path("state").asText()).isEqualTo("Active");
        assertThat(list.get(1).path("last_error").asText())
                .isEqualTo("received NOTIFICATION OPEN Message Error / Bad Peer AS");
    }

    @Test
    void neighborsAsTextAreOneAlignedLinePerPeer() {
        CliRun run = corvid("show", "neighbors", "--socket", socket.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                ADDRESS        AS  ROLE       STATE          UPTIME  RECEIVED  ACCEPTED  SENT  LAST ERROR
                10.0.0.2    64512  rr-client  Established  01:02:05         0         0     0
                10.0.0.254  65001  ebgp       Active       00:00:42         0         0     0  received NOTIFICATION OPEN Message Error / Bad Peer AS
                10.1.0.7    64512  mesh       Established  3d04h05m         0         0     0
                """);
    }

    @Test
    void oneNeighborInDetailShowsCountersAndThePeersOpen() throws Exception {
        CliRun run = corvid("show", "neighbors", "10.0.0.2", "--json", "--socket", socket.toString());
        assertThat(run.exit()).isZero();
        JsonNode peer = run.json();
        assertThat(peer.path("dynamic").asBoolean()).isFalse();
        assertThat(peer.path("state_since").asText()).isEqualTo("2025-06-01T10:57:55Z");
        assertThat(peer.path("hold_time").asInt()).isEqualTo(90);
        assertThat(peer.path("messages_received").asLong()).isEqualTo(1250);
        assertThat(peer.path("messages_sent").asLong()).isEqualTo(1249);
        assertThat(peer.path("updates_received").asLong()).isEqualTo(3);
        assertThat(peer.path("updates_sent").asLong()).isEqualTo(2);
        assertThat(peer.path("established_transitions").asInt()).isEqualTo(2);
        JsonNode open = peer.path("peer_open");
        assertThat(open.path("asn").asLong()).isEqualTo(64512);
        assertThat(open.path("hold_time").asInt()).isEqualTo(90);
        assertThat(open.path("router_id").asText()).isEqualTo("10.0.0.2");
        assertThat(texts(open.path("capabilities"))).containsExactly(
                "multiprotocol ipv4-unicast", "route-refresh", "four-octet-as 64512", "add-path ipv4-unicast send-receive");

        CliRun text = corvid("show", "neighbors", "10.0.0.2", "--socket", socket.toString());
        assertThat(text.out()).startsWith("neighbor 10.0.0.2\n  AS            64512\n  role          rr-client\n")
                .contains("  state         Established for 01:02:05 (since 2025-06-01T10:57:55Z)\n")
                .contains("  capabilities  multiprotocol ipv4-unicast\n                route-refresh\n");
    }

    @Test
    void anUnknownNeighborIsOneLineAndExit1() {
        CliRun run = corvid("show", "neighbors", "10.9.9.9", "--socket", socket.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("corvid: no neighbor 10.9.9.9 (neither configured nor connected from a peer"
                + " range; 'corvid show neighbors' lists them)\n");
        CliRun notAnAddress = corvid("show", "neighbors", "router1", "--socket", socket.toString());
        assertThat(notAnAddress.exit()).isEqualTo(1);
        assertThat(notAnAddress.err()).isEqualTo("corvid: 'router1' is not an IPv4 or IPv6 address\n");
    }

    @Test
    void statusCountsPeersByStateAndShowsTheSpeakersIdentity() throws Exception {
        CliRun run = corvid("show", "status", "--json", "--socket", socket.toString());
        assertThat(run.exit()).isZero();
        JsonNode status = run.json();
        assertThat(status.path("router_id").asText()).isEqualTo("10.0.0.1");
        assertThat(status.path("asn").asLong()).isEqualTo(64512);
        assertThat(status.path("version").asText()).isNotBlank();
        assertThat(status.path("uptime_seconds").asLong()).isZero(); // the clock is fixed
        assertThat(status.path("peers").asInt()).isEqualTo(3);
        assertThat(status.path("peers_established").asInt()).isEqualTo(2);
        assertThat(status.path("peers_by_state").path("Established").asInt()).isEqualTo(2);
        assertThat(status.path("peers_by_state").path("Active").asInt()).isEqualTo(1);
        assertThat(status.path("peers_by_state").path("Idle").asInt()).isZero();
        assertThat(status.path("peer_ranges").asInt()).isEqualTo(1);
        assertThat(status.path("routes").asInt()).isZero();
        assertThat(texts(status.path("listen"))).containsExactly("127.0.0.1:1179", "[::1]:1179");

        CliRun text = corvid("show", "status", "--socket", socket.toString());
        assertThat(text.out()).contains("router id    10.0.0.1\n", "AS           64512\n",
                "peers        3 (1 Active, 2 Established), 1 peer range\n", "routes       0\n");
    }

    @Test
    void withoutADaemonEveryShowIsOneLineAndExit2() {
        Path nowhere = dir.resolve("nowhere.sock");
        for (String[] args : List.of(new String[] {"show", "status", "--socket", nowhere.toString()},
                new String[] {"show", "neighbors", "--json", "--socket", nowhere.toString()})) {
            CliRun run = corvid(args);
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isEqualTo("corvid: cannot reach the daemon at " + nowhere
                    + ": no such file or directory (is 'corvid run' running? use --socket to choose another)\n");
        }
    }
}
