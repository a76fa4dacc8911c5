package dev.corvid.it.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** GoBGP in one lab host: {@code gobgpd -f FILE --api-hosts 127.0.0.1:PORT}, asked through {@code gobgp -p PORT -j}. */
public final class GoBgp {

    /** The gRPC port, on the loopback of the host's own namespace. */
    private static final int API_PORT = 50051;

    /** api.PeerState.SessionState: ESTABLISHED. */
    private static final int ESTABLISHED = 6;

    private final Host host;
    private final LabProcess process;

    private GoBgp(Host host, LabProcess process) {
        this.host = host;
        this.process = process;
    }

    /** Writes {@code gobgpd.toml} (global AS and router id, then {@code neighbors}) and starts gobgpd. */
    public static GoBgp start(Lab lab, Host host, long asn, String neighbors) {
        Path dir = lab.directory("gobgp-" + host.name());
        Path config = dir.resolve("gobgpd.toml");
        Lab.writeFile(config, """
                [global.config]
                  as = %d
                  router-id = "%s"
                %s
                """.formatted(asn, host.ipv4(), neighbors));
        LabProcess process = lab.process("gobgpd-" + host.name(), List.of("ip", "netns", "exec", host.namespace(),
                "gobgpd", "-f", config.toString(), "-t", "toml", "--api-hosts", "127.0.0.1:" + API_PORT,
                "--log-plain")).start();
        GoBgp gobgp = new GoBgp(host, process);
        Await.condition(Duration.ofSeconds(20), "gobgpd in " + host.name() + " to answer on its API", () -> {
            if (!process.alive()) {
                throw new Await.Hopeless("gobgpd exited:\n" + process.logTail(20));
            }
            return gobgp.gobgp("global").ok();
        });
        return gobgp;
    }

    /**
     * A neighbor with the lab's short timers (hold 3 s, keepalive 1 s, connect retry 2 s) and one family, which
     * follows the address: ipv4-unicast or ipv6-unicast. {@code extraConfig} goes under {@code [neighbors.config]}.
     */
    public static String neighbor(String address, long peerAs, String localAddress, String extraConfig) {
        String family = address.contains(":") ? "ipv6-unicast" : "ipv4-unicast";
        return """
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "%s"
                    peer-as = %d
                    %s
                  [neighbors.transport.config]
                    local-address = "%s"
                  [neighbors.timers.config]
                    connect-retry = 2
                    hold-time = 3
                    keepalive-interval = 1
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "%s"
                """.formatted(address, peerAs, extraConfig, localAddress, family);
    }

    public Command.Result gobgp(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace(),
                "gobgp", "-p", Integer.toString(API_PORT)));
        argv.addAll(List.of(args));
        return new Command(argv, Duration.ofSeconds(10)).run();
    }

    /** The entry of {@code gobgp -j neighbor} for this address. */
    public Optional<JsonNode> neighbor(String address) {
        for (JsonNode peer : Json.parse(gobgp("-j", "neighbor"))) {
            if (address.equals(peer.path("state").path("neighbor_address").asText())
                    || address.equals(peer.path("conf").path("neighbor_address").asText())) {
                return Optional.of(peer);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code gobgp -j global rib -a ipv4|ipv6}: prefix → the paths GoBGP holds (each with {@code attrs}, a list of
     * path attributes by {@code type} code, {@code best}, {@code source-id}, ...).
     */
    public JsonNode rib(String afi) {
        return Json.parse(gobgp("-j", "global", "rib", "-a", afi));
    }

    /**
     * The path attribute of type code {@code type} of one path of {@link #rib}, as GoBGP prints it (e.g. type 9
     * ORIGINATOR_ID {@code {"type":9,"value":"10.77.0.2"}}, an unknown type {@code {"flags":224,"type":240,
     * "value":BASE64}}); a missing node when the path has none.
     */
    public static JsonNode attribute(JsonNode path, int type) {
        for (JsonNode attribute : path.path("attrs")) {
            if (attribute.path("type").asInt() == type) {
                return attribute;
            }
        }
        return MissingNode.getInstance();
    }

    public boolean established(String address) {
        return neighbor(address).map(p -> p.path("state").path("session_state").asInt() == ESTABLISHED).orElse(false);
    }

    public LabProcess process() {
        return process;
    }

    public Host host() {
        return host;
    }
}
