package dev.corvid.it.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * corvid itself, from the jar of this build: {@code java -jar corvid.jar run -c CONF --socket SOCK} in a lab host,
 * asked through {@code corvid show neighbors --json --socket SOCK} (which reaches it over the control socket, a file,
 * so the CLI runs outside the namespace).
 */
public final class CorvidProcess {

    private final Host host;
    private final Path socket;
    private final LabProcess process;
    private final Path config;

    private CorvidProcess(Host host, Path socket, LabProcess process, Path config) {
        this.host = host;
        this.socket = socket;
        this.process = process;
        this.config = config;
    }

    /**
     * Writes {@code corvid.conf} (AS {@code asn}, the host's address as router id, listening on port 179 of each of
     * the host's addresses, no metrics, the given peers) and starts corvid; returns once the control socket answers.
     */
    public static CorvidProcess start(Lab lab, Host host, long asn, List<String> peers) {
        return start(lab, host, asn, List.of(), peers);
    }

    /**
     * As {@link #start(Lab, Host, long, List)}, with more top-level keys of the {@code corvid} block, one per element
     * (e.g. {@code originate = ["10.244.1.0/26"]}, {@code cluster-id = "10.77.0.9"}).
     */
    public static CorvidProcess start(Lab lab, Host host, long asn, List<String> settings, List<String> peers) {
        Path dir = lab.directory("corvid-" + host.name());
        Path config = dir.resolve("corvid.conf");
        Path socket = dir.resolve("corvid.sock");
        Lab.writeFile(config, config(host, socket, asn, settings, peers));
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
        argv.addAll(java("run", "-c", config.toString(), "--socket", socket.toString()));
        LabProcess process = lab.process("corvid-" + host.name(), argv).start();
        CorvidProcess corvid = new CorvidProcess(host, socket, process, config);
        Await.condition(Duration.ofSeconds(30), "corvid in " + host.name() + " to answer on its control socket", () -> {
            if (!process.alive()) {
                throw new Await.Hopeless("corvid exited:\n" + process.logTail(30));
            }
            return corvid.show("status").ok();
        });
        return corvid;
    }

    private static String config(Host host, Path socket, long asn, List<String> settings, List<String> peers) {
        return """
                corvid {
                  asn = %d
                  router-id = "%s"
                  listen = [%s]
                  control-socket = "%s"
                  metrics = ""
                  %s
                  peers = [
                    %s
                  ]
                }
                """.formatted(asn, host.ipv4(), listen(host), socket, String.join("\n  ", settings),
                String.join("\n    ", peers));
    }

    /** Writes a new {@code corvid.conf} (as {@link #start} does) without telling corvid: {@link #reload} does. */
    public void rewrite(long asn, List<String> settings, List<String> peers) {
        Lab.writeFile(config, config(host, socket, asn, settings, peers));
    }

    /** Writes {@code text} as {@code corvid.conf} as it is (e.g. a broken file). */
    public void rewrite(String text) {
        Lab.writeFile(config, text);
    }

    public Path configFile() {
        return config;
    }

    /** {@code corvid reload --socket SOCK}. */
    public Command.Result reload() {
        return new Command(java("reload", "--socket", socket.toString()), Duration.ofSeconds(20)).run();
    }

    private static String listen(Host host) {
        List<String> addresses = new ArrayList<>();
        for (int k = 0; k < Host.ADDRESSES; k++) {
            addresses.add("\"" + host.ipv4(k) + ":179\"");
            addresses.add("\"[" + host.ipv6(k) + "]:179\"");
        }
        return String.join(", ", addresses);
    }

    /** One entry of {@code peers}: the lab's short timers (hold 3 s, so keepalive 1 s; connect retry 2 s) and more keys. */
    public static String peer(String address, long asn, String... extra) {
        var text = new StringBuilder("{ address = \"" + address + "\", asn = " + asn
                + ", hold-time = 3, connect-retry-time = 2");
        for (String keyValue : extra) {
            text.append(", ").append(keyValue);
        }
        return text.append(" }").toString();
    }

    /** The JVM of the tests (JDK 25) running the jar of this build; the CLI starts fast with C1 only. */
    private static List<String> java(String... args) {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", LabRequirements.corvidJar().toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** {@code corvid show ARGS --socket SOCK}. */
    public Command.Result show(String... args) {
        List<String> argv = new ArrayList<>(List.of("show"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--socket", socket.toString()));
        return new Command(java(argv.toArray(String[]::new)), Duration.ofSeconds(20)).run();
    }

    /** {@code show neighbors --json}: one object per peer (address, asn, role, state, uptime_seconds, last_error...). */
    public List<JsonNode> neighbors() {
        JsonNode json = Json.parse(show("neighbors", "--json"));
        JsonNode list = json.isArray() ? json : json.path("neighbors");
        List<JsonNode> peers = new ArrayList<>();
        list.forEach(peers::add);
        return peers;
    }

    /** The summary entry of one peer. */
    public Optional<JsonNode> neighbor(String address) {
        return neighbors().stream().filter(n -> address.equals(n.path("address").asText())).findFirst();
    }

    /** {@code show neighbors ADDRESS --json}: one peer in detail (established_transitions, peer_open, ...). */
    public JsonNode neighborDetail(String address) {
        JsonNode json = Json.parse(show("neighbors", address, "--json"));
        return json.isArray() && !json.isEmpty() ? json.get(0) : json;
    }

    /**
     * {@code show route ARGS --json} (e.g. {@code "10.244.1.0/26"}, {@code "--table", "adj-out"}): one object per
     * prefix ({@code prefix}, {@code paths}: from, next_hop, as_path, ..., best, reason).
     */
    public List<JsonNode> routes(String... args) {
        List<String> argv = new ArrayList<>(List.of("route"));
        argv.addAll(List.of(args));
        argv.add("--json");
        List<JsonNode> routes = new ArrayList<>();
        Json.parse(show(argv.toArray(String[]::new))).forEach(routes::add);
        return routes;
    }

    /** The paths {@code show route --json} (the Loc-RIB) holds for {@code prefix}; empty when none. */
    public List<JsonNode> paths(String prefix) {
        List<JsonNode> paths = new ArrayList<>();
        routes().stream().filter(r -> prefix.equals(r.path("prefix").asText()))
                .forEach(r -> r.path("paths").forEach(paths::add));
        return paths;
    }

    /**
     * {@code show kernel --json}: {@code table}, {@code protocol}, {@code metric}, {@code encapsulation},
     * {@code synced}, {@code counters} (installed, added, replaced, removed, failures, failing, last_error) and
     * {@code routes} (each prefix, state installed|failed, next_hops [gateway, device, onlink], mtu, error).
     */
    public JsonNode kernel() {
        return Json.parse(show("kernel", "--json"));
    }

    public String state(String address) {
        return neighbor(address).map(n -> n.path("state").asText()).orElse("(no such peer)");
    }

    public boolean established(String address) {
        return "Established".equals(state(address));
    }

    public LabProcess process() {
        return process;
    }

    public Host host() {
        return host;
    }
}
