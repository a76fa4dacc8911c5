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
 * BIRD as the route reflector of AS 64512 (cluster id {@value #CLUSTER_ID}) with three clients, corvid, FRR and GoBGP,
 * each originating its own /26. corvid must learn the FRR and GoBGP blocks through BIRD with the originating client
 * as next hop (RFC 4456 §10: the reflector does not change it), the client's router id as ORIGINATOR_ID and BIRD's
 * cluster id as CLUSTER_LIST (RFC 4456 §8), as {@code corvid show route --json} reports them; corvid's own block must
 * reach FRR and GoBGP the same way.
 */
class BirdReflectorTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("bird-rr");

    private static final long AS = 64512;
    private static final String CLUSTER_ID = "10.77.0.200";
    private static final String CORVID_BLOCK = "10.244.1.0/26";
    private static final String FRR_BLOCK = "10.244.4.0/26";
    private static final String GOBGP_BLOCK = "10.244.5.0/26";

    private static Host b;
    private static Host c;
    private static Host f;
    private static Host g;
    private static Bird reflector;
    private static CorvidProcess corvid;
    private static Frr frr;
    private static GoBgp gobgp;
    private static final Map<String, String> NAMES = new TreeMap<>();

    @BeforeAll
    static void startBirdAsReflectorAndItsClients() {
        var lab = LAB.lab();
        b = lab.host("bird");
        c = lab.host("corvid");
        f = lab.host("frr");
        g = lab.host("gobgp");
        for (Host host : List.of(b, c, f, g)) {
            NAMES.put(host.ipv4(), host.name());
        }
        reflector = Bird.start(lab, b, clientSession(c) + clientSession(f) + clientSession(g));
        frr = Frr.start(lab, f, Frr.originating(AS, f.ipv4(), FRR_BLOCK, AS, b.ipv4()), true);
        gobgp = GoBgp.start(lab, g, AS, GoBgp.neighbor(b.ipv4(), AS, g.ipv4(), ""));
        gobgp.gobgp("global", "rib", "add", "-a", "ipv4", GOBGP_BLOCK).orThrow();
        corvid = CorvidProcess.start(lab, c, AS, List.of("originate = [\"" + CORVID_BLOCK + "\"]"),
                List.of(CorvidProcess.peer(b.ipv4(), AS, "local-address = \"" + c.ipv4() + "\"")));
    }

    /** A client session of the BIRD reflector, named after the client; BIRD reflects only what it may export. */
    private static String clientSession(Host client) {
        return """
                protocol bgp %s {
                  local %s as %d;
                  neighbor %s as %d;
                  direct;
                  rr client;
                  rr cluster id %s;
                  hold time 3;
                  keepalive time 1;
                  connect retry time 2;
                  error wait time 1,5;
                  ipv4 { import all; export all; };
                }
                """.formatted(client.name(), b.ipv4(), AS, client.ipv4(), AS, CLUSTER_ID);
    }

    @Test
    void corvidLearnsTheOtherClientsBlocksThroughBirdAndItsOwnBlockReachesThem() {
        Map<String, Supplier<Map<String, List<String>>>> views = new LinkedHashMap<>();
        views.put("bird", () -> PathsSeen.of(reflector).described(true));
        views.put("corvid", () -> PathsSeen.of(corvid, NAMES).described(true));
        views.put("frr", () -> PathsSeen.of(frr, "ipv4", NAMES).described(true));
        views.put("gobgp", () -> PathsSeen.of(gobgp, "ipv4", NAMES).described(true));
        Holdings.await(views, Reflection.expected(b, CLUSTER_ID, Map.of(c, CORVID_BLOCK, f, FRR_BLOCK, g, GOBGP_BLOCK)),
                "every client's block at BIRD and, reflected, at the other clients");
    }
}
