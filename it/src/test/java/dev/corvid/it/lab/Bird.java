package dev.corvid.it.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BIRD 2 in one lab host: {@code bird -f -c CONF -s SOCK -P PID}, asked through {@code birdc -s SOCK}. */
public final class Bird {

    private static final Pattern ROW = Pattern.compile(
            "^(\\S+)\\s+BGP\\s+\\S+\\s+(\\S+)\\s+(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)\\s*(.*)$",
            Pattern.MULTILINE);
    private static final Pattern BGP_STATE = Pattern.compile("^\\s+BGP state:\\s+(\\S+)", Pattern.MULTILINE);
    /** The first line of a route in {@code show route all}: prefix (on its first route only), type, [protocol ...], *. */
    private static final Pattern ROUTE = Pattern.compile("^(\\S+)?\\s+(\\w+)\\s+\\[(\\S+)[^\\]]*\\](\\s+\\*)?");
    /** An attribute line of a route: {@code <tab>BGP.next_hop: 10.77.0.1}. */
    private static final Pattern ATTRIBUTE = Pattern.compile("^\\t([\\w.]+): ?(.*)$");
    private static final Pattern LAST_ERROR = Pattern.compile("^\\s+Last error:\\s+(.*)$", Pattern.MULTILINE);

    private final Host host;
    private final Path socket;
    private final LabProcess process;

    private Bird(Host host, Path socket, LabProcess process) {
        this.host = host;
        this.socket = socket;
        this.process = process;
    }

    /**
     * Writes {@code bird.conf} (router id = the host's address, a log file, a millisecond protocol time format, the
     * device protocol, then {@code protocols}) and starts BIRD; returns once birdc answers.
     */
    public static Bird start(Lab lab, Host host, String protocols) {
        Path dir = lab.directory("bird-" + host.name());
        Path config = dir.resolve("bird.conf");
        Path socket = dir.resolve("bird.ctl");
        String text = """
                router id %s;
                log "%s" all;
                timeformat protocol iso long ms;
                protocol device {}
                %s
                """.formatted(host.ipv4(), dir.resolve("bird.log"), protocols);
        Lab.writeFile(config, text);
        LabProcess process = lab.process("bird-" + host.name(), List.of("ip", "netns", "exec", host.namespace(),
                "bird", "-f", "-c", config.toString(), "-s", socket.toString(), "-P", dir.resolve("bird.pid").toString()));
        Bird bird = new Bird(host, socket, process.start());
        bird.awaitControlSocket();
        return bird;
    }

    /**
     * One BGP protocol with the lab's short timers (hold 3 s, keepalive 1 s, connect retry 2 s, error wait 1..5 s),
     * importing everything and exporting nothing on the family of {@code neighbor}.
     */
    public static String session(String name, String local, long localAs, String neighbor, long neighborAs,
            String extra) {
        String channel = neighbor.contains(":") ? "ipv6" : "ipv4";
        return """
                protocol bgp %s {
                  local %s as %d;
                  neighbor %s as %d;
                  hold time 3;
                  keepalive time 1;
                  connect retry time 2;
                  error wait time 1,5;
                  %s { import all; export none; };
                  %s
                }
                """.formatted(name, local, localAs, neighbor, neighborAs, channel, extra);
    }

    private void awaitControlSocket() {
        Await.condition(Duration.ofSeconds(20), "BIRD in " + host.name() + " to open its control socket",
                () -> {
                    if (!process.alive()) {
                        throw new Await.Hopeless("BIRD exited:\n" + process.logTail(20));
                    }
                    return birdc("show", "status").ok();
                });
    }

    /** The channel line of a session that takes everything and passes on BIRD's own static routes. */
    public static final String EXPORT_STATIC = "ipv4 { import all; export where source = RTS_STATIC; };";

    /**
     * A {@code protocol bgp NAME} from {@code local} to {@code neighbor} (iBGP or eBGP by the AS numbers) with the
     * lab's timers — hold 3 s, keepalive 1 s, connect retry 2 s, error wait 1–5 s: BIRD's defaults back off for a
     * minute — and {@code lines} inside, e.g. {@code "direct;"}, {@link #EXPORT_STATIC}, {@code "disabled;"}.
     */
    public static String bgp(String name, String local, long localAs, String neighbor, long neighborAs,
                             String... lines) {
        StringBuilder text = new StringBuilder("protocol bgp " + name + " {\n  local " + local + " as " + localAs
                + ";\n  neighbor " + neighbor + " as " + neighborAs
                + ";\n  hold time 3;\n  keepalive time 1;\n  connect retry time 2;\n  error wait time 1,5;\n");
        for (String line : lines) text.append("  ").append(line).append('\n');
        return text.append("}\n").toString();
    }

    public Command.Result birdc(String... args) {
        List<String> argv = new ArrayList<>(List.of("birdc", "-s", socket.toString()));
        argv.addAll(List.of(args));
        return new Command(argv, Duration.ofSeconds(5)).run();
    }

    /** {@code show protocols all NAME}, parsed. */
    public Protocol protocol(String name) {
        Command.Result result = birdc("show", "protocols", "all", name).orThrow();
        return Protocol.parse(name, result.output());
    }

    public boolean established(String name) {
        return protocol(name).established();
    }

    /**
     * {@code show route all ARGS} (e.g. {@code "table", "master4"}), parsed: every route with its protocol, whether it
     * is the primary (best) one, and its attributes as BIRD prints them ({@code BGP.next_hop}, {@code BGP.as_path},
     * {@code BGP.originator_id}, {@code BGP.cluster_list}, {@code BGP.community}, ...).
     */
    public List<Route> routes(String... args) {
        List<String> argv = new ArrayList<>(List.of("show", "route", "all"));
        argv.addAll(List.of(args));
        String output = birdc(argv.toArray(String[]::new)).orThrow().output();
        List<Route> routes = new ArrayList<>();
        String prefix = null;
        String protocol = null;
        boolean primary = false;
        Map<String, String> attributes = null;
        for (String line : output.lines().toList()) {
            Matcher attribute = ATTRIBUTE.matcher(line);
            Matcher route = ROUTE.matcher(line);
            if (attributes != null && attribute.matches()) {
                attributes.put(attribute.group(1), attribute.group(2).strip());
            } else if (!line.startsWith("\t") && route.find() && (route.group(1) != null || prefix != null)) {
                if (attributes != null) {
                    routes.add(new Route(prefix, protocol, primary, attributes));
                }
                prefix = route.group(1) != null ? route.group(1) : prefix;
                protocol = route.group(3);
                primary = route.group(4) != null;
                attributes = new LinkedHashMap<>();
            }
        }
        if (attributes != null) {
            routes.add(new Route(prefix, protocol, primary, attributes));
        }
        return routes;
    }

    /** One route of {@code show route all}. */
    public record Route(String prefix, String protocol, boolean primary, Map<String, String> attributes) {
        public Route {
            attributes = Map.copyOf(attributes);
        }

        /** An attribute, e.g. {@code attribute("BGP.next_hop")}; empty when BIRD shows none. */
        public Optional<String> attribute(String name) {
            return Optional.ofNullable(attributes.get(name));
        }
    }

    /** Stops BIRD (SIGTERM) and starts it again on the same config. */
    public void restart() {
        process.stop();
        process.start();
        awaitControlSocket();
    }

    public LabProcess process() {
        return process;
    }

    public Host host() {
        return host;
    }

    /**
     * One row of {@code birdc show protocols all}: the protocol state ({@code up}, {@code start}, ...), the time of
     * its last state change, the info column, the BGP state and the last error.
     */
    public record Protocol(String name, String state, String since, String info, String bgpState,
            Optional<String> lastError, String text) {

        static Protocol parse(String name, String output) {
            Matcher row = ROW.matcher(output);
            if (!row.find()) {
                throw new IllegalStateException("birdc shows no protocol " + name + ":\n" + output);
            }
            Matcher state = BGP_STATE.matcher(output);
            Matcher error = LAST_ERROR.matcher(output);
            return new Protocol(row.group(1), row.group(2), row.group(3), row.group(4).strip(),
                    state.find() ? state.group(1) : "", error.find() ? Optional.of(error.group(1).strip())
                            : Optional.empty(), output);
        }

        public boolean established() {
            return "Established".equals(bgpState);
        }
    }
}
