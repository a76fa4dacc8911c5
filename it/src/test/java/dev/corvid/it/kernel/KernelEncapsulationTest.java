package dev.corvid.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.Command;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * Tunnel routes, as Calico installs them: corvid on segment A learns two prefixes from a BIRD on segment A (next hop
 * 10.77.0.x, in the subnet of corvid's eth0) and two from a BIRD on segment B behind the router (next hop 10.77.1.x).
 * With {@code encapsulation = cross-subnet} the first are direct ({@code via 10.77.0.x dev eth0}), the second go
 * through the tunnel ({@code via 10.77.1.x dev tunl0 onlink}) with the MTU lowered by the 20 octets of IPIP; restarted
 * with {@code encapsulation = ipip}, corvid replaces the direct ones so that every route goes through the tunnel.
 *
 * <p>The kernels of these machines have no {@code ipip} module, so {@code tunl0} is a VXLAN device here: corvid needs
 * a device of that name that is up, and the kernel accepts {@code onlink} routes through any such device. No packet
 * is sent through it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelEncapsulationTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("kencap");

    private static final long AS = 64512;
    private static final List<String> NEAR = List.of("10.230.1.0/24", "10.230.2.0/24");
    private static final List<String> FAR = List.of("10.231.1.0/24", "10.231.2.0/24");
    private static final int MTU = 1500;
    private static final int IPIP_OVERHEAD = 20;

    private static Host c;
    private static Host near;
    private static Host far;
    private static CorvidProcess corvid;
    private static List<String> peers;

    @BeforeAll
    static void startCorvidWithATunnelDeviceAndABirdOnEachSegment() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        near = lab.host("near");
        far = lab.farHost("far");
        Command.of("ip", "-n", c.namespace(), "link", "add", "tunl0", "type", "vxlan", "id", "77", "dstport", "4789",
                "dev", "eth0").run().orThrow();
        Command.of("ip", "-n", c.namespace(), "link", "set", "tunl0", "up").run().orThrow();
        Bird.start(lab, near, birdConfig(near, NEAR, "direct;"));
        Bird.start(lab, far, birdConfig(far, FAR, "multihop 2;"));
        String local = "local-address = \"" + c.ipv4() + "\"";
        peers = List.of(CorvidProcess.peer(near.ipv4(), AS, local), CorvidProcess.peer(far.ipv4(), AS, local));
        corvid = CorvidProcess.start(lab, c, AS, List.of(kernel("cross-subnet")), peers);
    }

    private static String kernel(String encapsulation) {
        return "kernel { encapsulation = " + encapsulation + ", tunnel-device = \"tunl0\", mtu = " + MTU
                + ", tunnel-overhead = " + IPIP_OVERHEAD + " }";
    }

    /** A BIRD that announces {@code prefixes} to corvid over iBGP, its own address as next hop. */
    private static String birdConfig(Host self, List<String> prefixes, String reach) {
        var text = new StringBuilder("protocol static { ipv4;\n");
        prefixes.forEach(p -> text.append("  route ").append(p).append(" blackhole;\n"));
        return text.append("}\n").append(Bird.bgp("corvid", self.ipv4(), AS, c.ipv4(), AS, reach, Bird.EXPORT_STATIC))
                .toString();
    }

    @Test
    @Order(1)
    void crossSubnetRoutesNextHopsOnTheLocalSubnetDirectlyAndTheOthersOnlinkThroughTheTunnel() {
        KernelTable.await(c, Duration.ofSeconds(30), "the four routes of both BIRDs", t -> t.routes().size() == 4);
        Map<String, KernelTable.Route> routes = KernelTable.of(c).routes();
        for (String prefix : NEAR) {
            assertThat(routes.get(prefix)).as(prefix + " from the BIRD on corvid's subnet")
                    .isEqualTo(new KernelTable.Route(prefix, near.ipv4(), "eth0", false, 32, MTU));
        }
        for (String prefix : FAR) {
            assertThat(routes.get(prefix)).as(prefix + " from the BIRD behind the router")
                    .isEqualTo(new KernelTable.Route(prefix, far.ipv4(), "tunl0", true, 32, MTU - IPIP_OVERHEAD));
        }
        JsonNode shown = corvid.kernel();
        assertThat(shown.path("encapsulation").asText()).as("show kernel: encapsulation").isEqualTo("cross-subnet");
        for (JsonNode route : shown.path("routes")) {
            boolean tunnelled = FAR.contains(route.path("prefix").asText());
            JsonNode hop = route.path("next_hops").path(0);
            assertThat(hop.path("onlink").asBoolean()).as("show kernel: " + route + " onlink").isEqualTo(tunnelled);
            assertThat(route.path("mtu").asInt()).as("show kernel: " + route + " mtu")
                    .isEqualTo(tunnelled ? MTU - IPIP_OVERHEAD : MTU);
            if (tunnelled) {
                assertThat(hop.path("device").asText()).as("show kernel: " + route + " device").isEqualTo("tunl0");
            }
        }
    }

    @Test
    @Order(2)
    void restartedWithIpipEveryRouteGoesOnlinkThroughTheTunnelAndOnlyTheDirectOnesAreReplaced() {
        KernelTable.await(c, Duration.ofSeconds(30), "the four routes of both BIRDs", t -> t.routes().size() == 4);
        // kill -9, not a stop: a stop that takes corvid's routes with it is KernelRestartTest's concern.
        corvid.process().kill();
        CorvidProcess ipip = CorvidProcess.start(LAB.lab(), c, AS, List.of(kernel("ipip")), peers);
        KernelTable.await(c, Duration.ofSeconds(30), "every route through tunl0",
                t -> t.routes().size() == 4 && t.routes().values().stream().allMatch(r -> r.device().equals("tunl0")));
        Map<String, KernelTable.Route> routes = KernelTable.of(c).routes();
        for (String prefix : NEAR) {
            assertThat(routes.get(prefix)).as(prefix + " with ipip")
                    .isEqualTo(new KernelTable.Route(prefix, near.ipv4(), "tunl0", true, 32, MTU - IPIP_OVERHEAD));
        }
        for (String prefix : FAR) {
            assertThat(routes.get(prefix)).as(prefix + " with ipip")
                    .isEqualTo(new KernelTable.Route(prefix, far.ipv4(), "tunl0", true, 32, MTU - IPIP_OVERHEAD));
        }
        JsonNode counters = ipip.kernel().path("counters");
        assertThat(counters.path("replaced").asInt()).as("show kernel: replaced (the two direct routes); counters " + counters).isEqualTo(2);
        assertThat(counters.path("added").asInt()).as("show kernel: added; counters " + counters).isZero();
        assertThat(counters.path("removed").asInt()).as("show kernel: removed; counters " + counters).isZero();
    }
}
