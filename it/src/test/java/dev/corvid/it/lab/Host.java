package dev.corvid.it.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One network namespace of the lab with one interface {@code eth0} on a bridge. Host {@code n} of segment A has
 * {@code 10.77.0.n/24} and {@code fd00:77::n/64}, plus the aliases {@code 10.77.0.(n+50k)} and {@code fd00:77::(n+50k)}
 * for k = 1..3 (a daemon that needs several sessions to one peer uses one address per session); segment B (behind
 * the router) is {@code 10.77.1.0/24} and {@code fd00:77:1::/64}.
 */
public final class Host {

    /** Addresses per family: the primary and three aliases. */
    public static final int ADDRESSES = 4;

    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;

    private final String name;
    private final String namespace;
    private final String bridgePort;
    private final String ipv4Prefix;
    private final String ipv6Prefix;
    private final int number;

    Host(String name, String namespace, String bridgePort, String ipv4Prefix, String ipv6Prefix, int number) {
        this.name = name;
        this.namespace = namespace;
        this.bridgePort = bridgePort;
        this.ipv4Prefix = ipv4Prefix;
        this.ipv6Prefix = ipv6Prefix;
        this.number = number;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    /** The name of this host's veth end on the bridge (in the bridge namespace). */
    String bridgePort() {
        return bridgePort;
    }

    /** The primary IPv4 address. */
    public String ipv4() {
        return ipv4(0);
    }

    /** Address {@code k} (0 = primary, 1..3 = aliases). */
    public String ipv4(int k) {
        return ipv4Prefix + hostPart(k);
    }

    public String ipv6() {
        return ipv6(0);
    }

    public String ipv6(int k) {
        return ipv6Prefix + hostPart(k);
    }

    private int hostPart(int k) {
        if (k < 0 || k >= ADDRESSES) {
            throw new IllegalArgumentException("a lab host has addresses 0.." + (ADDRESSES - 1) + ", not " + k);
        }
        return number + 50 * k;
    }

    /** The {@code ip -batch} lines that give eth0 its addresses. */
    List<String> addressCommands() {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < ADDRESSES; k++) {
            lines.add("address add " + ipv4(k) + "/24 dev eth0");
            lines.add("address add " + ipv6(k) + "/64 dev eth0 nodad");
        }
        return lines;
    }

    /** {@code ip netns exec NS argv...}: the command sees only this host's network. */
    public Command command(String... argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(argv));
        return Command.of(full);
    }

    public Command.Result exec(String... argv) {
        return command(argv).run();
    }

    public Command.Result execOk(String... argv) {
        return command(argv).run().orThrow();
    }

    /** Established TCP connections with port 179 at either end, as {@code ss -tn} lists them in this namespace. */
    public List<String> establishedBgpConnections() {
        return execOk("ss", "-Htn", "state", "established", "( sport = :179 or dport = :179 )")
                .output().lines().filter(line -> !line.isBlank()).toList();
    }

    /**
     * A TCP connection opened from inside this namespace, from {@code local} to {@code remote}: the socket is created
     * on a short-lived thread that has entered the namespace with setns(2), and it stays in the namespace when the
     * thread ends. The caller owns (and closes) the socket.
     */
    public Socket connect(String local, InetSocketAddress remote) {
        var result = new AtomicReference<Object>();
        Thread thread = Thread.ofPlatform().name("netns-" + name).start(() -> {
            try {
                enterNamespace();
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
                socket.connect(remote, 5000);
                result.set(socket);
            } catch (IOException | RuntimeException e) {
                result.set(e);
            }
        });
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return switch (result.get()) {
            case Socket socket -> socket;
            case IOException e -> throw new UncheckedIOException(
                    "cannot connect from " + local + " in " + namespace + " to " + remote, e);
            case RuntimeException e -> throw e;
            default -> throw new IllegalStateException("no socket from " + namespace);
        };
    }

    /** setns(2) for the calling thread only: man 2 setns, CLONE_NEWNET. */
    private void enterNamespace() {
        Linker linker = Linker.nativeLinker();
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle open = linker.downcallHandle(linker.defaultLookup().find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            MethodHandle setns = linker.downcallHandle(linker.defaultLookup().find("setns").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MethodHandle close = linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            int fd = (int) open.invokeExact(arena.allocateFrom("/run/netns/" + namespace), O_RDONLY);
            if (fd < 0) {
                throw new IllegalStateException("cannot open /run/netns/" + namespace);
            }
            int rc = (int) setns.invokeExact(fd, CLONE_NEWNET);
            int ignored = (int) close.invokeExact(fd);
            if (rc != 0) {
                throw new IllegalStateException("setns into " + namespace + " failed");
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("setns into " + namespace + " failed", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + ipv4() + ", " + ipv6() + ")";
    }
}
