package dev.corvid.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * eBGP to a top-of-rack switch: FRR in AS 65001 announces the default route and a prefix corvid must not take;
 * corvid (AS 64512) imports through a prefix list that allows 0.0.0.0/0 only and exports {@code originated} only, so
 * the ToR sees corvid's pod block (AS path {@code 64512}, next hop = corvid) but not the block corvid learned from its
 * iBGP peer BIRD, and BIRD receives the default route with the ToR as next hop (RFC 4271 §5.1.3: passed on unchanged
 * over iBGP).
 */
class EbgpToTorTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("tor");

    private static final long CORVID_AS = 64512;
    private static final long TOR_AS = 65001;
    private static final String POD_BLOCK = "10.244.1.0/26";
    private static final String BIRD_BLOCK = "10.244.3.0/26";
    private static final String DEFAULT = "0.0.0.0/0";
    /** Announced by the ToR, refused by corvid's import prefix list. */
    private static final String NOT_IMPORTED = "10.244.99.0/24";

    private static Host c;
    private static Host b;
    private static Host t;
    private static CorvidProcess corvid;
    private static Bird bird;
    private static Frr tor;

    @BeforeAll
    static void startCorvidItsTorAndAnIbgpPeer() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b = lab.host("bird");
        t = lab.host("tor");
        tor = Frr.start(lab, t, """
                router bgp %d
                 bgp router-id %s
                 no bgp default ipv4-unicast
                 no bgp ebgp-requires-policy
                 no bgp network import-check
                %s !
                 address-family ipv4 unicast
                  network %s
                  network %s
                  neighbor %s activate
                 exit-address-family
                """.formatted(TOR_AS, t.ipv4(), Frr.neighbor(c.ipv4(), CORVID_AS), DEFAULT, NOT_IMPORTED, c.ipv4()),
                true);
        bird = Bird.start(lab, b, """
                protocol static { ipv4; route %s blackhole; }
                protocol bgp corvid {
                  local %s as %d;
                  neighbor %s as %d;
                  direct;
                  hold time 3;
                  keepalive time 1;
                  connect retry time 2;
                  error wait time 1,5;
                  ipv4 { import all; export where source = RTS_STATIC; };
                }
                """.formatted(BIRD_BLOCK, b.ipv4(), CORVID_AS, c.ipv4(), CORVID_AS));
        String local = "local-address = \"" + c.ipv4() + "\"";
        corvid = CorvidProcess.start(lab, c, CORVID_AS, List.of("originate = [\"" + POD_BLOCK + "\"]"), List.of(
                CorvidProcess.peer(t.ipv4(), TOR_AS, local, "role = ebgp",
                        "import = [{ prefix = \"0.0.0.0/0\", action = accept }]", "export = originated"),
                CorvidProcess.peer(b.ipv4(), CORVID_AS, local)));
    }

    @Test
    void corvidExportsOnlyItsPodBlockToTheTorAndImportsOnlyTheDefaultRoute() {
        Map<String, Supplier<Map<String, List<String>>>> views = new LinkedHashMap<>();
        views.put("corvid", () -> Holdings.of(corvid));
        views.put("tor", () -> Holdings.of(tor));
        views.put("bird", () -> Holdings.of(bird));
        Map<String, Map<String, List<String>>> expected = new LinkedHashMap<>();
        expected.put("corvid", Map.of(POD_BLOCK, List.of(Holdings.SELF), BIRD_BLOCK, List.of(b.ipv4()),
                DEFAULT, List.of(t.ipv4())));
        expected.put("tor", Map.of(DEFAULT, List.of(Holdings.SELF), NOT_IMPORTED, List.of(Holdings.SELF),
                POD_BLOCK, List.of(c.ipv4())));
        expected.put("bird", Map.of(BIRD_BLOCK, List.of(Holdings.SELF), POD_BLOCK, List.of(c.ipv4()),
                DEFAULT, List.of(t.ipv4())));
        Holdings.await(views, expected, "the pod block at the ToR, the default route at corvid and BIRD");

        JsonNode atTor = tor.paths(POD_BLOCK).path(0);
        assertThat(atTor.path("aspath").path("string").asText()).as("AS path of " + POD_BLOCK + " at the ToR")
                .isEqualTo("64512");
        assertThat(atTor.path("nexthops").path(0).path("ip").asText()).as("next hop at the ToR").isEqualTo(c.ipv4());

        JsonNode atCorvid = corvid.paths(DEFAULT).getFirst();
        assertThat(atCorvid.path("as_path").toString()).as("AS path of the default route at corvid").isEqualTo("[65001]");
        assertThat(atCorvid.path("best").asBoolean()).as("the default route is corvid's best").isTrue();
        Bird.Route atBird = bird.routes().stream().filter(r -> r.prefix().equals(DEFAULT)).findFirst().orElseThrow();
        assertThat(atBird.attribute("BGP.as_path")).as("AS path of the default route at BIRD").contains("65001");

        Await.holdsFor(Duration.ofSeconds(3), "the ToR holding corvid's pod block only, corvid not the refused prefix",
                () -> Holdings.of(tor).equals(expected.get("tor")) && Holdings.of(corvid).equals(expected.get("corvid")));
    }
}
