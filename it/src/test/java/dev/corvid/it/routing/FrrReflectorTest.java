package dev.corvid.it.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.GoBgp;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * FRR as the route reflector of AS 64512 ({@code bgp cluster-id} {@value #CLUSTER_ID}) with three clients, corvid,
 * BIRD and GoBGP, each originating its own /26. corvid must learn the BIRD and GoBGP blocks through FRR with the
 * originating client as next hop (RFC 4456 §10), the client's router id as ORIGINATOR_ID and FRR's cluster id as
 * CLUSTER_LIST (RFC 4456 §8), as {@code corvid show route --json} reports them; corvid's own block must reach BIRD and
 * GoBGP the same way. FRR runs with zebra: it reflects only paths whose next hop zebra resolves.
 */
class FrrReflectorTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("frr-rr");

    private static final long AS = 64512;
    private static final String CLUSTER_ID = "10.77.0.201";
    private static final String CORVID_BLOCK = "10.244.1.0/26";
    private static final String BIRD_BLOCK = "10.244.3.0/26";
    private static final String GOBGP_BLOCK = "10.244.5.0/26";

    private static Host f;
    private static Host c;
    private static Host b;
    private static Host g;
    private static Frr reflector;
    private static CorvidProcess corvid;
    private static Bird bird;
    private static GoBgp gobgp;
    private static final Map<String, String> NAMES = new TreeMap<>();

    @BeforeAll
    static void startFrrAsReflectorAndItsClients() {
        var lab = LAB.lab();
        f = lab.host("frr");
        c = lab.host("corvid");
        b = lab.host("bird");
        g = lab.host("gobgp");
        for (Host host : List.of(f, c, b, g)) {
            NAMES.put(host.ipv4(), host.name());
        }
        var neighbors = new StringBuilder();
        var activations = new StringBuilder();
        for (Host client : List.of(c, b, g)) {
            neighbors.append(Frr.neighbor(client.ipv4(), AS));
            activations.append("  neighbor ").append(client.ipv4()).append(" activate\n")
                    .append("  neighbor ").append(client.ipv4()).append(" route-reflector-client\n");
        }
        reflector = Frr.start(lab, f, """
                router bgp %d
                 bgp router-id %s
                 bgp cluster-id %s
                 no bgp default ipv4-unicast
                %s !
                 address-family ipv4 unicast
                %s exit-address-family
                """.formatted(AS, f.ipv4(), CLUSTER_ID, neighbors, activations), true);
        bird = Bird.start(lab, b, """
                protocol static { ipv4; route %s blackhole; }
                protocol bgp frr {
                  local %s as %d;
                  neighbor %s as %d;
                  direct;
                  hold time 3;
                  keepalive time 1;
                  connect retry time 2;
                  error wait time 1,5;
                  ipv4 { import all; export where source = RTS_STATIC; };
                }
                """.formatted(BIRD_BLOCK, b.ipv4(), AS, f.ipv4(), AS));
        gobgp = GoBgp.start(lab, g, AS, GoBgp.neighbor(f.ipv4(), AS, g.ipv4(), ""));
        gobgp.gobgp("global", "rib", "add", "-a", "ipv4", GOBGP_BLOCK).orThrow();
        corvid = CorvidProcess.start(lab, c, AS, List.of("originate = [\"" + CORVID_BLOCK + "\"]"),
                List.of(CorvidProcess.peer(f.ipv4(), AS, "local-address = \"" + c.ipv4() + "\"")));
    }

    @Test
    void corvidLearnsTheOtherClientsBlocksThroughFrrAndItsOwnBlockReachesThem() {
        Map<String, Supplier<Map<String, List<String>>>> views = new LinkedHashMap<>();
        views.put("frr", () -> PathsSeen.of(reflector, "ipv4", NAMES).described(true));
        views.put("corvid", () -> PathsSeen.of(corvid, NAMES).described(true));
        views.put("bird", () -> PathsSeen.of(bird).described(true));
        views.put("gobgp", () -> PathsSeen.of(gobgp, "ipv4", NAMES).described(true));
        Holdings.await(views,
                Reflection.expected(f, CLUSTER_ID, Map.of(c, CORVID_BLOCK, b, BIRD_BLOCK, g, GOBGP_BLOCK)),
                "every client's block at FRR and, reflected, at the other clients");
    }
}
