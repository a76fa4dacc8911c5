package dev.corvid.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.GoBgp;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * corvid as the route reflector of AS 64512 (cluster id {@value #CLUSTER_ID}) for three clients, BIRD, FRR and GoBGP,
 * each peering with corvid alone and originating its own /26. RFC 4456 §8: the reflector sets ORIGINATOR_ID to the
 * client's router id and prepends its CLUSTER_ID to the CLUSTER_LIST; the next hop stays the client's. BIRD's block
 * carries communities, large and extended communities and a MED, which must reach FRR and GoBGP unchanged (BIRD
 * 2.0.12 cannot originate an unknown attribute, so that part of the fidelity scenario is not here).
 */
class ReflectorTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("reflector");

    private static final long AS = 64512;
    private static final String CLUSTER_ID = "10.77.0.100";
    private static final String CORVID_BLOCK = "10.244.1.0/26";
    private static final String BIRD_BLOCK = "10.244.3.0/26";
    private static final String FRR_BLOCK = "10.244.4.0/26";
    private static final String GOBGP_BLOCK = "10.244.5.0/26";
    private static final long MED = 50;

    private static Host c;
    private static Host b;
    private static Host f;
    private static Host g;
    private static CorvidProcess corvid;
    private static Bird bird;
    private static Frr frr;
    private static GoBgp gobgp;

    @BeforeAll
    static void startTheReflectorAndItsClients() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b = lab.host("bird");
        f = lab.host("frr");
        g = lab.host("gobgp");
        bird = Bird.start(lab, b, """
                protocol static { ipv4; route %s blackhole; }
                protocol bgp reflector {
                  local %s as %d;
                  neighbor %s as %d;
                  direct;
                  hold time 3;
                  keepalive time 1;
                  connect retry time 2;
                  error wait time 1,5;
                  ipv4 {
                    import all;
                    export filter {
                      if source != RTS_STATIC then reject;
                      bgp_med = %d;
                      bgp_community.add((64512, 100));
                      bgp_community.add((64512, 200));
                      bgp_large_community.add((64512, 1, 2));
                      bgp_ext_community.add((rt, 64512, 7));
                      bgp_ext_community.add((ro, 10.77.0.3, 9));
                      accept;
                    };
                  };
                }
                """.formatted(BIRD_BLOCK, b.ipv4(), AS, c.ipv4(), AS, MED));
        frr = Frr.start(lab, f, Frr.originating(AS, f.ipv4(), FRR_BLOCK, AS, c.ipv4()), true);
        gobgp = GoBgp.start(lab, g, AS, GoBgp.neighbor(c.ipv4(), AS, g.ipv4(), ""));
        gobgp.gobgp("global", "rib", "add", "-a", "ipv4", GOBGP_BLOCK).orThrow();
        String local = "local-address = \"" + c.ipv4() + "\"";
        corvid = CorvidProcess.start(lab, c, AS,
                List.of("originate = [\"" + CORVID_BLOCK + "\"]", "cluster-id = \"" + CLUSTER_ID + "\""),
                List.of(CorvidProcess.peer(b.ipv4(), AS, local, "role = rr-client"),
                        CorvidProcess.peer(f.ipv4(), AS, local, "role = rr-client"),
                        CorvidProcess.peer(g.ipv4(), AS, local, "role = rr-client")));
    }

    @Test
    void everyClientHoldsEveryOtherClientsBlockOnceWithTheClientsNextHop() {
        awaitEveryBlockEverywhere();
    }

    private static void awaitEveryBlockEverywhere() {
        Map<String, Supplier<Map<String, List<String>>>> views = new LinkedHashMap<>();
        views.put("corvid", () -> Holdings.of(corvid));
        views.put("bird", () -> Holdings.of(bird));
        views.put("frr", () -> Holdings.of(frr));
        views.put("gobgp", () -> Holdings.of(gobgp));
        Map<String, Map<String, List<String>>> expected = new LinkedHashMap<>();
        expected.put("corvid", held(CORVID_BLOCK, Holdings.SELF, b, f, g));
        expected.put("bird", held(BIRD_BLOCK, c.ipv4(), f, g));
        expected.put("frr", held(FRR_BLOCK, c.ipv4(), b, g));
        expected.put("gobgp", held(GOBGP_BLOCK, c.ipv4(), b, f));
        Holdings.await(views, expected, "every block at the reflector and at every client");
    }

    @Test
    void eachClientReportsTheOriginatorIdAndClusterListOfEveryReflectedBlock() {
        awaitEveryBlockEverywhere();
        Map<String, String> seen = new TreeMap<>();
        Map<String, String> expected = new TreeMap<>();
        for (Host origin : List.of(f, g)) {
            Bird.Route route = bird.routes().stream().filter(r -> r.prefix().equals(blockOf(origin))).findFirst()
                    .orElseThrow();
            seen.put("bird " + blockOf(origin), route.attribute("BGP.originator_id").orElse("-") + " "
                    + route.attribute("BGP.cluster_list").orElse("-"));
            expected.put("bird " + blockOf(origin), origin.ipv4() + " " + CLUSTER_ID);
        }
        for (Host origin : List.of(b, g)) {
            JsonNode path = frr.paths(blockOf(origin)).path(0);
            seen.put("frr " + blockOf(origin), path.path("originatorId").asText("-") + " "
                    + path.path("clusterList").path("list").toString());
            expected.put("frr " + blockOf(origin), origin.ipv4() + " [\"" + CLUSTER_ID + "\"]");
        }
        for (Host origin : List.of(b, f)) {
            JsonNode path = gobgp.rib("ipv4").path(blockOf(origin)).path(0);
            seen.put("gobgp " + blockOf(origin), attribute(path, 9).path("value").asText("-") + " "
                    + attribute(path, 10).path("value").toString());
            expected.put("gobgp " + blockOf(origin), origin.ipv4() + " [\"" + CLUSTER_ID + "\"]");
        }
        JsonNode own = corvid.paths(CORVID_BLOCK).getFirst();
        seen.put("frr corvid's own block", frr.paths(CORVID_BLOCK).path(0).path("originatorId").asText("none"));
        expected.put("frr corvid's own block", "none");
        seen.put("corvid " + CORVID_BLOCK, own.path("originator_id").asText("null") + " " + own.path("cluster_list"));
        expected.put("corvid " + CORVID_BLOCK, "null []");
        assertThat(seen).as("ORIGINATOR_ID and CLUSTER_LIST as each client reports them").isEqualTo(expected);
    }

    @Test
    void communitiesLargeAndExtendedCommunitiesAndMedOfABirdRouteReachFrrAndGoBgpUnchanged() {
        awaitEveryBlockEverywhere();
        JsonNode atCorvid = corvid.paths(BIRD_BLOCK).getFirst();
        assertThat(atCorvid.path("med").asLong()).as("MED at corvid").isEqualTo(MED);

        JsonNode atFrr = frr.paths(BIRD_BLOCK).path(0);
        assertThat(atFrr.path("metric").asLong(-1)).as("MED at FRR").isEqualTo(MED);
        assertThat(atFrr.path("community").path("string").asText()).as("communities at FRR")
                .isEqualTo("64512:100 64512:200");
        assertThat(atFrr.path("largeCommunity").path("string").asText()).as("large communities at FRR")
                .isEqualTo("64512:1:2");
        assertThat(atFrr.path("extendedCommunity").path("string").asText()).as("extended communities at FRR")
                .isEqualTo("RT:64512:7 SoO:10.77.0.3:9");

        JsonNode atGoBgp = gobgp.rib("ipv4").path(BIRD_BLOCK).path(0);
        assertThat(attribute(atGoBgp, 4).path("metric").asLong(-1)).as("MED at GoBGP").isEqualTo(MED);
        assertThat(attribute(atGoBgp, 8).path("communities").toString()).as("communities at GoBGP")
                .isEqualTo("[" + (64512L << 16 | 100) + "," + (64512L << 16 | 200) + "]");
        assertThat(attribute(atGoBgp, 32).path("value").toString()).as("large communities at GoBGP")
                .isEqualTo("[{\"ASN\":64512,\"LocalData1\":1,\"LocalData2\":2}]");
        List<String> extended = new ArrayList<>();
        attribute(atGoBgp, 16).path("value").forEach(v -> extended.add(v.toString()));
        assertThat(extended).as("extended communities at GoBGP").containsExactly(
                "{\"type\":0,\"subtype\":2,\"value\":\"64512:7\"}",
                "{\"type\":1,\"subtype\":3,\"value\":\"10.77.0.3:9\"}");
        assertThat(attribute(atGoBgp, 3).path("nexthop").asText()).as("next hop at GoBGP").isEqualTo(b.ipv4());
    }

    private static JsonNode attribute(JsonNode gobgpPath, int type) {
        for (JsonNode attribute : gobgpPath.path("attrs")) {
            if (attribute.path("type").asInt() == type) {
                return attribute;
            }
        }
        return MissingNode.getInstance();
    }

    /** The own block with {@code own} as next hop, each client's block with that client as next hop. */
    private static Map<String, List<String>> held(String ownBlock, String own, Host... clients) {
        Map<String, List<String>> held = new TreeMap<>();
        held.put(ownBlock, List.of(Holdings.SELF));
        if (!own.equals(Holdings.SELF)) {
            held.put(CORVID_BLOCK, List.of(own));
        }
        for (Host client : clients) {
            held.put(blockOf(client), List.of(client.ipv4()));
        }
        return held;
    }

    private static String blockOf(Host host) {
        return host == b ? BIRD_BLOCK : host == f ? FRR_BLOCK : host == g ? GOBGP_BLOCK : CORVID_BLOCK;
    }
}
