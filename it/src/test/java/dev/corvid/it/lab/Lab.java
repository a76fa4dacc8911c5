package dev.corvid.it.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away network: a bridge namespace holding two bridges (segment A {@code 10.77.0.0/24}, {@code fd00:77::/64};
 * segment B {@code 10.77.1.0/24}, {@code fd00:77:1::/64}), one namespace per host with a veth on a bridge, and a
 * router namespace (address .254 on both segments) that forwards between them. All traffic stays inside these
 * namespaces.
 *
 * <p>Everything is named {@code cvit<pid>-<n>-...}. {@link #close()} (also run from a shutdown hook) stops every
 * process the lab started and deletes its namespaces; {@link #open} first removes what a lab of a JVM that no longer
 * runs left behind.
 */
public final class Lab implements AutoCloseable {

    static final String PREFIX = "cvit";
    private static final AtomicInteger LABS = new AtomicInteger();
    private static final Path FRR_RUN = Path.of("/var/run/frr");

    private final String prefix;
    private final String bridgeNamespace;
    private final Path dir;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<LabProcess> processes = new ArrayList<>();
    private final Thread shutdownHook;
    private Host router;
    private int nextA = 1;
    private int nextB = 1;
    private boolean closed;

    private Lab(String name) {
        this.prefix = PREFIX + ProcessHandle.current().pid() + "-" + LABS.incrementAndGet() + "-";
        this.bridgeNamespace = prefix + "br";
        try {
            this.dir = Files.createTempDirectory(prefix + name + "-");
            // FRR reads its config as user frr.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.shutdownHook = new Thread(this::close, prefix + "teardown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Checks the requirements (skipping or failing the caller), removes stale labs, and creates the bridges. */
    public static Lab open(String name) {
        LabRequirements.check();
        removeStale();
        Lab lab = new Lab(name);
        try {
            lab.createBridges();
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    String prefix() {
        return prefix;
    }

    private void createBridges() {
        addNamespace(bridgeNamespace);
        ipBatch(bridgeNamespace, List.of(
                "link add br0 type bridge", "link set br0 up",
                "link add br1 type bridge", "link set br1 up"));
    }

    /** A new host on segment A. */
    public synchronized Host host(String name) {
        return addHost(name, "br0", "10.77.0.", "fd00:77::", nextA++,
                List.of("route add 10.77.1.0/24 via 10.77.0.254", "route add fd00:77:1::/64 via fd00:77::254"));
    }

    /** A new host on segment B, two hops from the hosts of segment A (through the router). */
    public synchronized Host farHost(String name) {
        router();
        return addHost(name, "br1", "10.77.1.", "fd00:77:1::", nextB++,
                List.of("route add default via 10.77.1.254", "route add default via fd00:77:1::254"));
    }

    private Host addHost(String name, String bridge, String v4, String v6, int number, List<String> routes) {
        if (number >= 50) {
            throw new IllegalStateException("a lab segment holds at most 49 hosts");
        }
        if (hosts.containsKey(name)) {
            throw new IllegalArgumentException("the lab already has a host named " + name);
        }
        String namespace = prefix + name;
        String port = "p" + (hosts.size() + 1);
        Host host = new Host(name, namespace, port, v4, v6, number);
        addNamespace(namespace);
        Command.of("ip", "link", "add", port, "netns", bridgeNamespace, "type", "veth",
                "peer", "name", "eth0", "netns", namespace).run().orThrow();
        ipBatch(bridgeNamespace, List.of("link set " + port + " master " + bridge + " up"));
        List<String> setup = new ArrayList<>(List.of("link set lo up", "link set eth0 up"));
        setup.addAll(host.addressCommands());
        setup.addAll(routes);
        ipBatch(namespace, setup);
        hosts.put(name, host);
        return host;
    }

    /** The router between the segments: eth0 = .254 on segment A, eth1 = .254 on segment B, forwarding on. */
    private void router() {
        if (router != null) {
            return;
        }
        String namespace = prefix + "router";
        addNamespace(namespace);
        Command.of("ip", "link", "add", "ra", "netns", bridgeNamespace, "type", "veth",
                "peer", "name", "eth0", "netns", namespace).run().orThrow();
        Command.of("ip", "link", "add", "rb", "netns", bridgeNamespace, "type", "veth",
                "peer", "name", "eth1", "netns", namespace).run().orThrow();
        ipBatch(bridgeNamespace, List.of("link set ra master br0 up", "link set rb master br1 up"));
        ipBatch(namespace, List.of("link set lo up", "link set eth0 up", "link set eth1 up",
                "address add 10.77.0.254/24 dev eth0", "address add fd00:77::254/64 dev eth0 nodad",
                "address add 10.77.1.254/24 dev eth1", "address add fd00:77:1::254/64 dev eth1 nodad"));
        Command.of("ip", "netns", "exec", namespace, "sysctl", "-qw",
                "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1").run().orThrow();
        router = new Host("router", namespace, "ra", "10.77.0.", "fd00:77::", 254);
    }

    /**
     * Stops (or resumes) forwarding between {@code host} and the rest of its segment, leaving its link up: the bridge
     * port goes to the disabled state and frames are dropped silently, as on a broken cable behind a switch. Use
     * {@link #pinNeighbours} first so that no ARP/ND failure turns the silence into an error.
     */
    public void isolate(Host host, boolean isolated) {
        Command.of("ip", "netns", "exec", bridgeNamespace, "bridge", "link", "set", "dev", host.bridgePort(),
                "state", isolated ? "0" : "3").run().orThrow();
    }

    /** Makes {@code a} and {@code b} know each other's MAC address permanently (no ARP or ND needed). */
    public void pinNeighbours(Host a, Host b) {
        pin(a, b);
        pin(b, a);
    }

    private static void pin(Host from, Host to) {
        String mac = to.execOk("cat", "/sys/class/net/eth0/address").output().strip();
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < Host.ADDRESSES; k++) {
            lines.add("neigh replace " + to.ipv4(k) + " lladdr " + mac + " dev eth0 nud permanent");
            lines.add("neigh replace " + to.ipv6(k) + " lladdr " + mac + " dev eth0 nud permanent");
        }
        ipBatch(from.namespace(), lines);
    }

    /** Registers a process so that the lab stops it on close and shows its log when a test fails. */
    public synchronized LabProcess process(String name, List<String> argv) {
        LabProcess process = new LabProcess(name, argv, dir.resolve(name + ".out"));
        processes.add(process);
        return process;
    }

    /** A directory for one daemon's files, readable by the users the daemons switch to (frr). */
    public Path directory(String name) {
        try {
            Path sub = Files.createDirectories(dir.resolve(name));
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxrwxrwx"));
            return sub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a daemon's config file. */
    static void writeFile(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tail of every process log: printed when a test fails. */
    public synchronized String logs() {
        var text = new StringBuilder();
        for (LabProcess process : processes) {
            text.append("\n===== ").append(process.name()).append(" (").append(process.log()).append(") =====\n")
                    .append(process.logTail(60)).append('\n');
        }
        return text.toString();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (LabProcess process : processes.reversed()) {
            process.stop();
        }
        List<String> namespaces = new ArrayList<>();
        hosts.values().forEach(host -> namespaces.add(host.namespace()));
        if (router != null) {
            namespaces.add(router.namespace());
        }
        namespaces.add(bridgeNamespace);
        namespaces.forEach(Lab::deleteNamespace);
        deleteFrrRunDirectories(prefix);
        deleteRecursively(dir);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // close() is running from the hook itself
        }
    }

    /** The FRR path space of one instance ({@code -N name}): {@code /var/run/frr/name}, owned by frr. */
    Path frrRunDirectory(String instance) {
        Path run = FRR_RUN.resolve(instance);
        Command.of("install", "-d", "-o", "frr", "-g", "frr", "-m", "0755", FRR_RUN.toString(), run.toString())
                .run().orThrow();
        return run;
    }

    // ---- namespaces --------------------------------------------------------------------------------------------

    private static void addNamespace(String namespace) {
        Command.of("ip", "netns", "add", namespace).run().orThrow();
        // No duplicate address detection: IPv6 addresses are usable at once.
        Command.of("ip", "netns", "exec", namespace, "sysctl", "-qw",
                "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0").run().orThrow();
    }

    private static void ipBatch(String namespace, List<String> lines) {
        Command.of("ip", "-n", namespace, "-batch", "-").run(String.join("\n", lines) + "\n").orThrow();
    }

    /** Kills what still runs in the namespace (a daemon of a JVM that was killed), then deletes it. */
    private static void deleteNamespace(String namespace) {
        for (String pid : Command.of("ip", "netns", "pids", namespace).run().output().split("\\s+")) {
            if (pid.matches("\\d+")) {
                Command.of("kill", "-KILL", pid).run();
            }
        }
        Command.of("ip", "netns", "del", namespace).run();
    }

    /** Namespaces, FRR run directories and work directories of labs whose JVM is gone. */
    private static void removeStale() {
        for (String line : Command.of("ip", "netns", "list").run().orThrow().output().lines().toList()) {
            String namespace = line.split("\\s+")[0];
            if (isStale(namespace)) {
                deleteNamespace(namespace);
            }
        }
        for (Path parent : List.of(FRR_RUN, Path.of(System.getProperty("java.io.tmpdir")))) {
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(child -> isStale(child.getFileName().toString())).forEach(Lab::deleteRecursively);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code cvit<pid>-...} whose pid is no running java process. */
    private static boolean isStale(String name) {
        if (!name.startsWith(PREFIX)) {
            return false;
        }
        int dash = name.indexOf('-');
        String digits = name.substring(PREFIX.length(), dash < 0 ? name.length() : dash);
        if (!digits.matches("\\d+")) {
            return false;
        }
        return ProcessHandle.of(Long.parseLong(digits))
                .flatMap(handle -> handle.info().command())
                .map(command -> !command.endsWith("/java"))
                .orElse(true);
    }

    private static void deleteFrrRunDirectories(String prefix) {
        if (!Files.isDirectory(FRR_RUN)) {
            return;
        }
        try (Stream<Path> children = Files.list(FRR_RUN)) {
            children.filter(child -> child.getFileName().toString().startsWith(prefix)).forEach(Lab::deleteRecursively);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
