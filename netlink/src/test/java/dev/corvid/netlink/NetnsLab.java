package dev.corvid.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace a test creates and deletes ({@code corvid-TAG-PID}), with a veth device {@code dummy0} on
 * 10.0.0.1/24 and 2001:db8::1/64, its peer {@code dummy1} up inside the same namespace. These machines' kernels have
 * no dummy (nor ipip) module: the veth pair stands in for the node's uplink. Needs root and iproute2; without root
 * the test is skipped, except under {@code CI=true}, where that is a failure.
 */
final class NetnsLab implements AutoCloseable {
    final String name;

    private NetnsLab(String name) {
        this.name = name;
    }

    static NetnsLab create(String tag) throws Exception {
        boolean root = "0".equals(run("id", "-u").strip());
        if (!root && !"true".equals(System.getenv("CI"))) Assumptions.abort("needs root for a network namespace");
        NetnsLab lab = new NetnsLab("corvid-" + tag + "-" + ProcessHandle.current().pid());
        run("ip", "netns", "add", lab.name);
        try {
            lab.ip("link", "set", "lo", "up");
            lab.ip("link", "add", "dummy0", "type", "veth", "peer", "name", "dummy1");
            lab.ip("addr", "add", "10.0.0.1/24", "dev", "dummy0");
            lab.ip("-6", "addr", "add", "2001:db8::1/64", "dev", "dummy0", "nodad");
            lab.ip("link", "set", "dummy1", "up");
            lab.ip("link", "set", "dummy0", "up");
        } catch (Exception e) {
            lab.close();
            throw e;
        }
        return lab;
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

    /** The interface index of {@code device}. */
    int index(String device) throws Exception {
        String line = ip("-o", "link", "show", "dev", device);
        return Integer.parseInt(line.substring(0, line.indexOf(':')));
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
