package dev.corvid.it.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * IPv6 routing: corvid as the route reflector of AS 64512 (cluster id {@value #CLUSTER_ID}) for BIRD, FRR and GoBGP
 * over IPv6 sessions carrying IPv6 unicast only (RFC 4760 MP_REACH_NLRI), everyone originating an IPv6 block. Each
 * client must hold, and choose, the others' blocks with the originator's global IPv6 address as next hop (RFC 4456
 * §10: reflection leaves the next hop as it is) and ORIGINATOR_ID and CLUSTER_LIST (RFC 4456 §8), and corvid's own
 * block with corvid's global address (RFC 4271 §5.1.3, a locally originated route).
 */
class Ipv6ReflectorTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("ipv6-rr");

    private static final long AS = 64512;
    private static final String CLUSTER_ID = "10.77.0.100";
    private static final String CORVID_BLOCK = "fd00:244:1::/64";
    private static final String BIRD_BLOCK = "fd00:244:3::/64";
    private static final String FRR_BLOCK = "fd00:244:4::/64";
    private static final String GOBGP_BLOCK = "fd00:244:5::/64";

    private static Host c;
    private static Host b;
    private static Host f;
    private static Host g;
    private static CorvidProcess corvid;
    private static Bird bird;
    private static Frr frr;
    private static GoBgp gobgp;
    private static final Map<String, String> NAMES = new TreeMap<>();

    @BeforeAll
    static void startTheReflectorAndItsClientsOverIpv6() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b = lab.host("bird");
        f = lab.host("frr");
        g = lab.host("gobgp");
        for (Host host : List.of(c, b, f, g)) {
            NAMES.put(host.ipv6(), host.name());
        }
        bird = Bird.start(lab, b, """
                protocol static { ipv6; route %s blackhole; }
                protocol bgp corvid {
                  local %s as %d;
                  neighbor %s as %d;
                  direct;
                  hold time 3;
                  keepalive time 1;
                  connect retry time 2;
                  error wait time 1,5;
                  ipv6 { import all; export where source = RTS_STATIC; };
                }
                """.formatted(BIRD_BLOCK, b.ipv6(), AS, c.ipv6(), AS));
        frr = Frr.start(lab, f, Frr.originating(AS, f.ipv4(), FRR_BLOCK, AS, c.ipv6()), true);
        gobgp = GoBgp.start(lab, g, AS, GoBgp.neighbor(c.ipv6(), AS, g.ipv6(), ""));
        gobgp.gobgp("global", "rib", "add", "-a", "ipv6", GOBGP_BLOCK).orThrow();
        String local = "local-address = \"" + c.ipv6() + "\"";
        corvid = CorvidProcess.start(lab, c, AS,
                List.of("originate = [\"" + CORVID_BLOCK + "\"]", "cluster-id = \"" + CLUSTER_ID + "\""),
                List.of(CorvidProcess.peer(b.ipv6(), AS, local, "role = rr-client"),
                        CorvidProcess.peer(f.ipv6(), AS, local, "role = rr-client"),
                        CorvidProcess.peer(g.ipv6(), AS, local, "role = rr-client")));
    }

    @Test
    void everyClientHoldsTheOtherIpv6BlocksWithTheOriginatorsGlobalAddressAsNextHop() {
        Map<String, Supplier<Map<String, List<String>>>> views = new LinkedHashMap<>();
        views.put("corvid", () -> PathsSeen.of(corvid, NAMES).described(true));
        views.put("bird", () -> PathsSeen.of(bird).described(true));
        views.put("frr", () -> PathsSeen.of(frr, "ipv6", NAMES).described(true));
        views.put("gobgp", () -> PathsSeen.of(gobgp, "ipv6", NAMES).described(true));
        Holdings.await(views, Reflection.expected(c, Optional.of(CORVID_BLOCK), CLUSTER_ID,
                Map.of(b, BIRD_BLOCK, f, FRR_BLOCK, g, GOBGP_BLOCK), Host::ipv6),
                "every IPv6 block at the reflector and at every client");
    }
}
