package dev.corvid.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.nlri.Prefix;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routes installed, replaced, listed and removed over rtnetlink in a network namespace this test creates (with a
 * veth device on 10.0.0.1/24), checked with {@code ip route} inside it. Needs root and iproute2; without them the
 * test is skipped, except under {@code CI=true}, where that is a failure.
 */
class RtNetlinkTest {
    private static final String NS = "corvid-nl-" + ProcessHandle.current().pid();
    private static final int PROTOCOL = 201;
    private static final Prefix BLOCK = Prefix.parse("10.244.1.0/26");

    @BeforeAll
    static void createTheNamespace() throws Exception {
        boolean root = "0".equals(run("id", "-u").strip());
        if (!root && !"true".equals(System.getenv("CI"))) Assumptions.abort("needs root for a network namespace");
        run("ip", "netns", "add", NS);
        // These machines' kernels have no dummy (nor ipip) module: a veth pair inside the namespace stands in.
        run("ip", "-n", NS, "link", "add", "dummy0", "type", "veth", "peer", "name", "dummy1");
        run("ip", "-n", NS, "addr", "add", "10.0.0.1/24", "dev", "dummy0");
        run("ip", "-n", NS, "link", "set", "dummy1", "up");
        run("ip", "-n", NS, "link", "set", "dummy0", "up");
    }

    @AfterAll
    static void deleteTheNamespace() throws Exception {
        run("ip", "netns", "del", NS);
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }

    private static String ipRoute() throws Exception {
        return run("ip", "-n", NS, "route", "show", "proto", String.valueOf(PROTOCOL)).strip();
    }

    private static KernelRoute via(String gateway) {
        return KernelRoute.via(BLOCK, InetAddress.ofLiteral(gateway), KernelRoute.MAIN_TABLE, PROTOCOL);
    }

    @Test
    void installsReplacesListsAndRemovesARoute() throws Exception {
        try (RtNetlink nl = RtNetlink.openIn("/var/run/netns/" + NS)) {
            nl.replace(via("10.0.0.2"));
            assertThat(ipRoute()).isEqualTo("10.244.1.0/26 via 10.0.0.2 dev dummy0");
            nl.replace(via("10.0.0.3")); // NLM_F_REPLACE: the same destination, a new next hop, still one route
            assertThat(ipRoute()).isEqualTo("10.244.1.0/26 via 10.0.0.3 dev dummy0");

            List<KernelRoute> ours = nl.routes(true).stream().filter(r -> r.protocol() == PROTOCOL).toList();
            assertThat(ours).hasSize(1);
            assertThat(ours.getFirst().destination()).isEqualTo(BLOCK);
            assertThat(ours.getFirst().gateway()).contains(InetAddress.ofLiteral("10.0.0.3"));
            assertThat(ours.getFirst().table()).isEqualTo(KernelRoute.MAIN_TABLE);
            assertThat(ours.getFirst().device()).isPresent();

            nl.delete(via("10.0.0.3"));
            assertThat(ipRoute()).isEmpty();
        }
    }

    @Test
    void anOnlinkRouteOutOfADeviceNeedsNoSubnetForItsNextHop() throws Exception {
        try (RtNetlink nl = RtNetlink.openIn("/var/run/netns/" + NS)) {
            int dummy = nl.routes(true).stream().filter(r -> r.destination().equals(Prefix.parse("10.0.0.0/24")))
                    .findFirst().orElseThrow().device().getAsInt();
            KernelRoute onlink = new KernelRoute(Prefix.parse("10.244.2.0/26"),
                    Optional.of(InetAddress.ofLiteral("192.168.77.1")), OptionalInt.of(dummy), KernelRoute.MAIN_TABLE,
                    PROTOCOL, KernelRoute.UNICAST, true);
            nl.replace(onlink);
            assertThat(ipRoute()).isEqualTo("10.244.2.0/26 via 192.168.77.1 dev dummy0 onlink");
            nl.delete(onlink);
        }
    }

    @Test
    void aRefusedRouteSaysWhichRouteAndWhy() throws Exception {
        try (RtNetlink nl = RtNetlink.openIn("/var/run/netns/" + NS)) {
            // 192.168.77.1 is on no local subnet and the route is not onlink: the kernel refuses it.
            assertThatThrownBy(() -> nl.replace(via("192.168.77.1")))
                    .isInstanceOf(NetlinkException.class)
                    .hasMessage("installing 10.244.1.0/26 via 192.168.77.1 table 254 proto 201: ENETUNREACH "
                            + "(network unreachable: no route to the next hop)");
            assertThatThrownBy(() -> nl.delete(via("10.0.0.9")))
                    .isInstanceOf(NetlinkException.class)
                    .hasMessageStartingWith("removing 10.244.1.0/26 via 10.0.0.9 table 254 proto 201: ESRCH");
            assertThat(ipRoute()).isEmpty();
        }
    }
}
