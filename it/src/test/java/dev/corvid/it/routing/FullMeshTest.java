package dev.corvid.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * The full mesh of four: two corvids, BIRD and FRR, all iBGP in AS 64512 (corvid's default role for its own AS:
 * mesh), each originating its own /26. Each must hold all four blocks, the other three with their originator as next
 * hop (RFC 4271 §5.1.3: an iBGP speaker passes the next hop on unchanged); when one corvid stops, its block must
 * disappear from the other three.
 */
class FullMeshTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("mesh");

    private static final long AS = 64512;
    private static final String C1_BLOCK = "10.244.1.0/26";
    private static final String C2_BLOCK = "10.244.2.0/26";
    private static final String BIRD_BLOCK = "10.244.3.0/26";
    private static final String FRR_BLOCK = "10.244.4.0/26";

    private static Host c1;
    private static Host c2;
    private static Host b;
    private static Host f;
    private static CorvidProcess corvid1;
    private static CorvidProcess corvid2;
    private static Bird bird;
    private static Frr frr;

    @BeforeAll
    static void startTheMesh() {
        var lab = LAB.lab();
        c1 = lab.host("corvid1");
        c2 = lab.host("corvid2");
        b = lab.host("bird");
        f = lab.host("frr");

        bird = Bird.start(lab, b, """
                protocol static { ipv4; route %s blackhole; }
                %s%s%s""".formatted(BIRD_BLOCK, birdPeer("corvid1", c1), birdPeer("corvid2", c2), birdPeer("frr", f)));
        frr = Frr.start(lab, f, Frr.originating(AS, f.ipv4(), FRR_BLOCK, AS, c1.ipv4(), c2.ipv4(), b.ipv4()), true);
        corvid1 = corvid(c1, C1_BLOCK, c2, b, f);
        corvid2 = corvid(c2, C2_BLOCK, c1, b, f);
    }

    /** An iBGP session of BIRD that exports its static route only; {@code direct} resolves next hops on the link. */
    private static String birdPeer(String name, Host peer) {
        return """
                protocol bgp %s {
                  local %s as %d;
                  neighbor %s as %d;
                  direct;
                  hold time 3;
                  keepalive time 1;
                  connect retry time 2;
                  error wait time 1,5;
                  ipv4 { import all; export where source = RTS_STATIC; };
                }
                """.formatted(name, b.ipv4(), AS, peer.ipv4(), AS);
    }

    private static CorvidProcess corvid(Host self, String block, Host... peers) {
        String local = "local-address = \"" + self.ipv4() + "\"";
        return CorvidProcess.start(LAB.lab(), self, AS, List.of("originate = [\"" + block + "\"]"),
                Arrays.stream(peers).map(p -> CorvidProcess.peer(p.ipv4(), AS, local)).toList());
    }

    @Test
    void eachHoldsAllFourBlocksWithTheOriginatorAsNextHopAndLosesTheBlockOfAStoppedCorvid() {
        Map<String, Supplier<Map<String, List<String>>>> views = new LinkedHashMap<>();
        views.put("corvid1", () -> Holdings.of(corvid1));
        views.put("corvid2", () -> Holdings.of(corvid2));
        views.put("bird", () -> Holdings.of(bird));
        views.put("frr", () -> Holdings.of(frr));
        Map<String, Map<String, List<String>>> expected = new LinkedHashMap<>();
        expected.put("corvid1", held(C1_BLOCK, c2, b, f));
        expected.put("corvid2", held(C2_BLOCK, c1, b, f));
        expected.put("bird", held(BIRD_BLOCK, c1, c2, f));
        expected.put("frr", held(FRR_BLOCK, c1, c2, b));
        Holdings.await(views, expected, "all four blocks everywhere");

        corvid2.process().stop();
        views.remove("corvid2");
        expected.remove("corvid2");
        expected.values().forEach(held -> held.remove(C2_BLOCK));
        Holdings.await(views, expected, "the block of the stopped corvid2 gone everywhere");
        assertThat(corvid1.paths(C2_BLOCK)).as("corvid1's paths for " + C2_BLOCK).isEmpty();
    }

    /** The own block as {@link Holdings#SELF}, each other daemon's block with that daemon's address as next hop. */
    private static Map<String, List<String>> held(String own, Host... others) {
        Map<String, List<String>> held = new TreeMap<>();
        held.put(own, List.of(Holdings.SELF));
        for (Host other : others) {
            held.put(blockOf(other), List.of(other.ipv4()));
        }
        return held;
    }

    private static String blockOf(Host host) {
        return host == c1 ? C1_BLOCK : host == c2 ? C2_BLOCK : host == b ? BIRD_BLOCK : FRR_BLOCK;
    }
}
