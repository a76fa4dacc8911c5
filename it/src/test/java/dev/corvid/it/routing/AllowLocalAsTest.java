package dev.corvid.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * Two nodes that reuse one AS (64512) behind one top-of-rack switch (FRR, AS 65001), as in Calico's "AS per rack"
 * designs: each node's block reaches the other through the ToR with AS path {@code 65001 64512}. RFC 4271 §9.1.2
 * makes a speaker drop a route that carries its own AS, so only the node with {@code allow-local-as = 1} on its
 * ToR session takes the other's block; the other node keeps dropping it.
 */
class AllowLocalAsTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("localas");

    private static final long NODE_AS = 64512;
    private static final long TOR_AS = 65001;
    private static final String A_BLOCK = "10.244.1.0/26";
    private static final String B_BLOCK = "10.244.2.0/26";

    private static Host a, b, t;
    private static CorvidProcess nodeA, nodeB;
    private static Frr tor;

    @BeforeAll
    static void start() {
        var lab = LAB.lab();
        a = lab.host("a");
        b = lab.host("b");
        t = lab.host("tor");
        tor = Frr.start(lab, t, """
                router bgp %d
                 bgp router-id %s
                 no bgp default ipv4-unicast
                 no bgp ebgp-requires-policy
                %s%s !
                 address-family ipv4 unicast
                  neighbor %s activate
                  neighbor %s activate
                 exit-address-family
                """.formatted(TOR_AS, t.ipv4(), Frr.neighbor(a.ipv4(), NODE_AS), Frr.neighbor(b.ipv4(), NODE_AS),
                a.ipv4(), b.ipv4()), true);
        nodeA = node(lab, a, A_BLOCK, "allow-local-as = 1");
        nodeB = node(lab, b, B_BLOCK);
    }

    private static CorvidProcess node(dev.corvid.it.lab.Lab lab, Host h, String block, String... extra) {
        List<String> keys = new java.util.ArrayList<>(List.of("local-address = \"" + h.ipv4() + "\"", "role = ebgp",
                "import = accept", "export = originated"));
        keys.addAll(List.of(extra));
        return CorvidProcess.start(lab, h, NODE_AS, List.of("originate = [\"" + block + "\"]"),
                List.of(CorvidProcess.peer(t.ipv4(), TOR_AS, keys.toArray(String[]::new))));
    }

    @Test
    void onlyTheNodeThatAllowsItsOwnAsOnceTakesTheOtherNodesBlock() {
        Await.condition(Duration.ofSeconds(30), "node a to hold node b's block through the ToR",
                () -> !nodeA.paths(B_BLOCK).isEmpty());
        assertThat(nodeA.paths(B_BLOCK).getFirst().path("as_path").toString()).isEqualTo("[65001,64512]");
        // RFC 4271 §5.1.3: all three share one subnet, so the ToR passes node b's address on as a third-party next hop.
        assertThat(nodeA.paths(B_BLOCK).getFirst().path("next_hop").asText()).isEqualTo(b.ipv4());
        Await.condition(Duration.ofSeconds(30), "the ToR to hold both blocks",
                () -> !tor.paths(A_BLOCK).isEmpty() && !tor.paths(B_BLOCK).isEmpty());
        Await.holdsFor(Duration.ofSeconds(3), "node b to drop node a's block (its AS path holds 64512)",
                () -> nodeB.paths(A_BLOCK).isEmpty());
    }
}
