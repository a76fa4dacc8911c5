package dev.corvid.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * corvid reflecting for BIRD clients, with two per-peer options seen from BIRD's side:
 * <ul>
 *   <li>RFC 7911 ADD-PATH: clients one and two both announce {@value #ANYCAST}; client three negotiates ADD-PATH
 *       (it receives, corvid sends) and must hold both paths, each with its client's next hop, while the clients
 *       without ADD-PATH get corvid's best path only (and never their own back).</li>
 *   <li>{@code max-prefixes}: client four announces five prefixes to a corvid that allows three: corvid closes the
 *       session with RFC 4486 Cease / Maximum Number of Prefixes Reached, which BIRD reports, and client three never
 *       holds more than three of them.</li>
 * </ul>
 */
class AddPathAndPrefixLimitTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("addpath");

    private static final long AS = 64512;
    private static final String ANYCAST = "10.244.9.0/24";
    private static Host c, b1, b2, b3, b4;
    private static Bird one, two, three, four;
    private static CorvidProcess corvid;

    @BeforeAll
    static void start() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b1 = lab.host("one");
        b2 = lab.host("two");
        b3 = lab.host("three");
        b4 = lab.host("four");
        one = Bird.start(lab, b1, client(b1, "route " + ANYCAST + " blackhole;", ""));
        two = Bird.start(lab, b2, client(b2, "route " + ANYCAST + " blackhole;", ""));
        three = Bird.start(lab, b3, client(b3, "", "add paths rx;"));
        StringBuilder five = new StringBuilder();
        for (int i = 0; i < 5; i++) five.append("route 10.244.").append(20 + i).append(".0/26 blackhole; ");
        four = Bird.start(lab, b4, client(b4, five.toString(), ""));
        String local = "local-address = \"" + c.ipv4() + "\"";
        corvid = CorvidProcess.start(lab, c, AS, List.of("cluster-id = \"10.77.0.100\""), List.of(
                CorvidProcess.peer(b1.ipv4(), AS, local, "role = rr-client"),
                CorvidProcess.peer(b2.ipv4(), AS, local, "role = rr-client"),
                CorvidProcess.peer(b3.ipv4(), AS, local, "role = rr-client", "add-paths = [ipv4]"),
                CorvidProcess.peer(b4.ipv4(), AS, local, "role = rr-client", "max-prefixes = 3")));
    }

    /** A BIRD client of corvid exporting its static routes; {@code channel} adds channel options. */
    private static String client(Host h, String routes, String channel) {
        return """
                protocol static { ipv4; %s }
                protocol bgp reflector {
                  local %s as %d;
                  neighbor %s as %d;
                  direct;
                  hold time 3;
                  keepalive time 1;
                  connect retry time 2;
                  error wait time 1,5;
                  ipv4 { import all; export where source = RTS_STATIC; %s };
                }
                """.formatted(routes, h.ipv4(), AS, c.ipv4(), AS, channel);
    }

    private static List<String> nextHops(Bird bird, String prefix) {
        return bird.routes(prefix).stream().filter(r -> "reflector".equals(r.protocol()))
                .map(r -> r.attribute("BGP.next_hop").orElse("?")).sorted().toList();
    }

    @Test
    void aClientWithAddPathHoldsBothPathsAndAClientWithoutHoldsTheBestOne() {
        List<String> both = List.of(b1.ipv4(), b2.ipv4()).stream().sorted().toList();
        Await.condition(Duration.ofSeconds(30), "client three to hold both paths of " + ANYCAST,
                () -> nextHops(three, ANYCAST).equals(both));
        // Without ADD-PATH a client gets corvid's best path only, and never its own back (the RFC 4271 §9.1.2.2 tie
        // breaks pick one of the two): the client whose path won holds none, the other holds the winner.
        String best = corvid.paths(ANYCAST).stream().filter(p -> p.path("best").asBoolean())
                .map(p -> p.path("from").asText()).findFirst().orElseThrow();
        Bird winner = best.equals(b1.ipv4()) ? one : two, loser = winner == one ? two : one;
        Await.condition(Duration.ofSeconds(10), "the other client to hold the best path of " + ANYCAST + " (from "
                + best + ")", () -> nextHops(loser, ANYCAST).equals(List.of(best)));
        assertThat(nextHops(winner, ANYCAST)).isEmpty();
    }

    @Test
    void pastMaxPrefixesCorvidClosesTheSessionWithCeaseMaximumNumberOfPrefixesReached() {
        Await.condition(Duration.ofSeconds(30), "BIRD to report corvid's Cease",
                () -> four.protocol("reflector").lastError().orElse("").contains("Maximum number of prefixes reached"));
        Await.holdsFor(Duration.ofSeconds(3), "client three never to hold client four's prefixes",
                () -> three.routes().stream().noneMatch(r -> r.prefix() != null && r.prefix().startsWith("10.244.2")));
        assertThat(corvid.neighborDetail(b4.ipv4()).path("last_error").asText())
                .contains("max-prefixes 3");
    }
}
