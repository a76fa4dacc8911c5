package dev.corvid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.GoBgp;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * iBGP and eBGP, over IPv4 and over IPv6, with each of BIRD, FRR and GoBGP: twelve sessions that come up and stay
 * up for more than three hold times, seen from both ends. corvid uses its address 0 for iBGP and its address 1 for
 * eBGP, because FRR and GoBGP know a neighbor by its address alone. FRR runs twice (AS 64512 for iBGP, AS 65003 for
 * eBGP), since FRR 8.4 allows {@code local-as} on eBGP sessions only.
 */
class SessionsEstablishedTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("sessions");

    private static final long CORVID_AS = 64512;
    private static final long BIRD_AS = 65002;
    private static final long FRR_AS = 65003;
    private static final long GOBGP_AS = 65004;
    /** The negotiated hold time of every session: 3 s. */
    private static final Duration HOLD_TIME = Duration.ofSeconds(3);

    private static CorvidProcess corvid;
    /** Label → the session as corvid and as the peer see it. */
    private static final Map<String, Session> SESSIONS = new LinkedHashMap<>();

    /** One session: corvid's peer address, and the peer's own view of it (Established? since when?). */
    private record Session(String label, String corvidPeer, Supplier<Boolean> peerEstablished,
            Supplier<String> peerSince) {
    }

    @BeforeAll
    static void startEverything() {
        var lab = LAB.lab();
        Host c = lab.host("corvid");
        Host b = lab.host("bird");
        Host fi = lab.host("frri");
        Host fe = lab.host("frre");
        Host g = lab.host("gobgp");

        Bird bird = Bird.start(lab, b,
                Bird.session("ibgp4", b.ipv4(0), CORVID_AS, c.ipv4(0), CORVID_AS, "")
                        + Bird.session("ebgp4", b.ipv4(1), BIRD_AS, c.ipv4(1), CORVID_AS, "")
                        + Bird.session("ibgp6", b.ipv6(0), CORVID_AS, c.ipv6(0), CORVID_AS, "")
                        + Bird.session("ebgp6", b.ipv6(1), BIRD_AS, c.ipv6(1), CORVID_AS, ""));
        Frr frrIbgp = Frr.start(lab, fi, frrConfig(fi, CORVID_AS, c.ipv4(0), c.ipv6(0)), true);
        Frr frrEbgp = Frr.start(lab, fe, frrConfig(fe, FRR_AS, c.ipv4(1), c.ipv6(1)), true);
        GoBgp gobgp = GoBgp.start(lab, g, CORVID_AS,
                GoBgp.neighbor(c.ipv4(0), CORVID_AS, g.ipv4(0), "")
                        + GoBgp.neighbor(c.ipv4(1), CORVID_AS, g.ipv4(1), "local-as = " + GOBGP_AS)
                        + GoBgp.neighbor(c.ipv6(0), CORVID_AS, g.ipv6(0), "")
                        + GoBgp.neighbor(c.ipv6(1), CORVID_AS, g.ipv6(1), "local-as = " + GOBGP_AS));

        List<String> peers = new ArrayList<>();
        for (int k = 0; k <= 1; k++) {
            int address = k;
            String v4 = "local-address = \"" + c.ipv4(k) + "\"";
            String v6 = "local-address = \"" + c.ipv6(k) + "\", families = [ipv6]";
            String kind = k == 0 ? "ibgp" : "ebgp";
            peers.add(CorvidProcess.peer(b.ipv4(k), k == 0 ? CORVID_AS : BIRD_AS, v4));
            peers.add(CorvidProcess.peer(b.ipv6(k), k == 0 ? CORVID_AS : BIRD_AS, v6));
            Host frrHost = k == 0 ? fi : fe;
            Frr frr = k == 0 ? frrIbgp : frrEbgp;
            peers.add(CorvidProcess.peer(frrHost.ipv4(), k == 0 ? CORVID_AS : FRR_AS, v4));
            peers.add(CorvidProcess.peer(frrHost.ipv6(), k == 0 ? CORVID_AS : FRR_AS, v6));
            peers.add(CorvidProcess.peer(g.ipv4(k), k == 0 ? CORVID_AS : GOBGP_AS, v4));
            peers.add(CorvidProcess.peer(g.ipv6(k), k == 0 ? CORVID_AS : GOBGP_AS, v6));

            for (String family : List.of("4", "6")) {
                String birdProtocol = kind + family;
                add(new Session("BIRD " + kind + " IPv" + family, family.equals("4") ? b.ipv4(k) : b.ipv6(k),
                        () -> bird.established(birdProtocol), () -> bird.protocol(birdProtocol).since()));
                String frrNeighbor = family.equals("4") ? c.ipv4(address) : c.ipv6(address);
                add(new Session("FRR " + kind + " IPv" + family,
                        family.equals("4") ? frrHost.ipv4() : frrHost.ipv6(),
                        () -> frr.established(frrNeighbor),
                        () -> frr.neighbor(frrNeighbor).orElseThrow().path("connectionsEstablished").asText()));
                String gobgpNeighbor = frrNeighbor;
                add(new Session("GoBGP " + kind + " IPv" + family, family.equals("4") ? g.ipv4(k) : g.ipv6(k),
                        () -> gobgp.established(gobgpNeighbor),
                        () -> gobgp.neighbor(gobgpNeighbor).orElseThrow().path("timers").path("state").path("uptime")
                                .toString()));
            }
        }
        corvid = CorvidProcess.start(lab, c, CORVID_AS, peers);
    }

    /** bgpd with two neighbors (corvid's IPv4 and IPv6 address), each in its own address family only. */
    private static String frrConfig(Host frr, long asn, String corvidV4, String corvidV6) {
        return """
                router bgp %d
                 bgp router-id %s
                 no bgp default ipv4-unicast
                 no bgp ebgp-requires-policy
                %s%s !
                 address-family ipv4 unicast
                  neighbor %s activate
                 exit-address-family
                 address-family ipv6 unicast
                  neighbor %s activate
                 exit-address-family
                """.formatted(asn, frr.ipv4(), Frr.neighbor(corvidV4, CORVID_AS), Frr.neighbor(corvidV6, CORVID_AS),
                corvidV4, corvidV6);
    }

    private static void add(Session session) {
        SESSIONS.put(session.label(), session);
    }

    @Test
    void twelveSessionsComeUpAndStayUpForThreeHoldTimes() {
        Await.condition(Duration.ofSeconds(90), "all twelve sessions Established on both sides", () -> {
            List<String> down = notEstablished();
            return down.isEmpty();
        });
        Map<String, String> peerSince = peerSince();
        assertThat(peerSince.values()).as("each peer tells when its session came up").noneMatch(String::isBlank);
        Map<String, Long> transitions = corvidTransitions();

        Await.holdsFor(HOLD_TIME.multipliedBy(3).plusSeconds(1), "all twelve sessions Established on both sides",
                () -> notEstablished().isEmpty());

        assertThat(peerSince()).as("when each peer says its session came up (no flap)").isEqualTo(peerSince);
        assertThat(corvidTransitions()).as("corvid's established_transitions per peer (no flap)").isEqualTo(transitions);
        assertThat(transitions.values()).as("each session came up exactly once").containsOnly(1L);
        corvid.neighbors().forEach(n -> assertThat(n.path("uptime_seconds").asLong())
                .as("uptime of " + n.path("address").asText()).isGreaterThanOrEqualTo(9));
    }

    /** The labels of the sessions that corvid or the peer does not show as Established. */
    private static List<String> notEstablished() {
        List<String> down = new ArrayList<>();
        Map<String, String> corvidStates = new LinkedHashMap<>();
        corvid.neighbors().forEach(n -> corvidStates.put(n.path("address").asText(), n.path("state").asText()));
        for (Session session : SESSIONS.values()) {
            if (!"Established".equals(corvidStates.get(session.corvidPeer()))) {
                down.add(session.label() + " (corvid: " + corvidStates.get(session.corvidPeer()) + ")");
            } else if (!session.peerEstablished().get()) {
                down.add(session.label() + " (the peer)");
            }
        }
        if (!down.isEmpty()) {
            System.out.println("not Established yet: " + down);
        }
        return down;
    }

    private static Map<String, String> peerSince() {
        Map<String, String> since = new LinkedHashMap<>();
        SESSIONS.values().forEach(s -> since.put(s.label(), s.peerSince().get()));
        return since;
    }

    private static Map<String, Long> corvidTransitions() {
        Map<String, Long> transitions = new LinkedHashMap<>();
        SESSIONS.values().forEach(s -> transitions.put(s.label(),
                corvid.neighborDetail(s.corvidPeer()).path("established_transitions").asLong(-1)));
        return transitions;
    }
}
