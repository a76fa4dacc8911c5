package dev.corvid.daemon.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace one test creates and deletes ({@code corvid-kN-PID}) that stands in for a node: veth {@code eth0}
 * on 10.0.0.1/24 and 2001:db8::1/64, veth {@code eth1} on 10.1.0.1/24, their peers up in the same namespace, no
 * IPv6 link-local addresses. These
 * machines' kernels have no dummy, ipip or gre modules, so the node's uplinks are veth pairs and the tunnel device is
 * a VXLAN device named {@code tunl0} ({@link #tunnel()}): an onlink route through it is what Calico installs through
 * its IPIP {@code tunl0}, whatever the encapsulation. Needs root and iproute2; without root the test is skipped,
 * except under {@code CI=true}, where that is a failure.
 */
final class KernelLab implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    final String name;

    private KernelLab(String name) {
        this.name = name;
    }

    static KernelLab create() throws Exception {
        boolean root = "0".equals(run("id", "-u").strip());
        if (!root && !"true".equals(System.getenv("CI"))) Assumptions.abort("needs root for a network namespace");
        KernelLab lab = new KernelLab("corvid-k" + COUNT.incrementAndGet() + "-" + ProcessHandle.current().pid());
        run("ip", "netns", "add", lab.name);
        try {
            lab.ip("link", "set", "lo", "up");
            lab.uplink("eth0", "10.0.0.1/24");
            lab.ip("-6", "addr", "add", "2001:db8::1/64", "dev", "eth0", "nodad");
            lab.uplink("eth1", "10.1.0.1/24");
        } catch (Exception e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void uplink(String device, String address) throws Exception {
        ip("link", "add", device, "type", "veth", "peer", "name", device + "p");
        // No IPv6 link-local addresses: they would appear a moment after the link comes up, and their events would
        // make the kernel thread retry its failed routes at a time no test chose.
        ip("link", "set", device, "addrgenmode", "none");
        ip("link", "set", device + "p", "addrgenmode", "none");
        ip("addr", "add", address, "dev", device);
        ip("link", "set", device + "p", "up");
        ip("link", "set", device, "up");
    }

    /** The VXLAN device {@code tunl0} over eth0, up (no ipip module here: see the class comment). */
    void tunnel() throws Exception {
        ip("link", "add", "tunl0", "type", "vxlan", "id", "42", "dstport", "4789", "dev", "eth0");
        ip("link", "set", "tunl0", "up");
    }

    String path() {
        return "/var/run/netns/" + name;
    }

    /** {@code ip -n NAME ARGS...}; its output. */
    String ip(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", name));
        argv.addAll(List.of(args));
        return run(argv.toArray(String[]::new));
    }

    /**
     * {@code ip route show ARGS...} without trailing blanks, e.g. {@code routes("table", "254", "proto", "201")};
     * {@code routes("-6", ...)} for IPv6.
     */
    String routes(String... args) {
        List<String> argv = new ArrayList<>();
        int from = args.length > 0 && args[0].equals("-6") ? 1 : 0;
        if (from == 1) argv.add("-6");
        argv.addAll(List.of("route", "show"));
        argv.addAll(List.of(args).subList(from, args.length));
        try {
            return ip(argv.toArray(String[]::new)).strip().replaceAll("[ \t]+\n", "\n");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** corvid's routes: {@code ip route show table 254 proto 201}. */
    String corvidRoutes() {
        return routes("table", "254", "proto", "201");
    }

    /** Polls {@code probe} until {@code done} holds, for at most five seconds; the value that did. */
    static <T> T await(String what, Supplier<T> probe, Predicate<? super T> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + "; last: " + last);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
            last = probe.get();
        }
        return last;
    }

    /** {@code show kernel --json} of {@code sync}. */
    static JsonNode show(KernelSync sync) {
        try {
            return sync.show().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("show kernel did not answer", e);
        }
    }

    /** The entry of {@code prefix} in {@code show}'s routes, or a missing node. */
    static JsonNode entry(JsonNode show, String prefix) {
        for (JsonNode r : show.path("routes")) if (r.path("prefix").asText().equals(prefix)) return r;
        return show.path("no entry for " + prefix);
    }

    static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        run("ip", "netns", "del", name);
    }
}
