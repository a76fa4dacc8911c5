package dev.corvid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.GoBgp;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/** The lab itself works: BIRD, FRR and GoBGP, each in its namespace, reach Established with each other. */
class LabSanityTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("sanity");

    private static Bird bird;
    private static Frr frr;
    private static GoBgp gobgp;
    private static Host birdHost;
    private static Host frrHost;
    private static Host gobgpHost;

    @BeforeAll
    static void startPeers() {
        var lab = LAB.lab();
        birdHost = lab.host("bird");
        frrHost = lab.host("frr");
        gobgpHost = lab.host("gobgp");
        bird = Bird.start(lab, birdHost,
                Bird.session("frr4", birdHost.ipv4(), 65001, frrHost.ipv4(), 65002, "")
                        + Bird.session("frr6", birdHost.ipv6(), 65001, frrHost.ipv6(), 65002, "")
                        + Bird.session("gobgp4", birdHost.ipv4(), 65001, gobgpHost.ipv4(), 65003, ""));
        frr = Frr.start(lab, frrHost, """
                router bgp 65002
                 bgp router-id %s
                 no bgp ebgp-requires-policy
                 no bgp network import-check
                %s%s%s !
                 address-family ipv6 unicast
                  neighbor %s activate
                 exit-address-family
                """.formatted(frrHost.ipv4(),
                Frr.neighbor(birdHost.ipv4(), 65001), Frr.neighbor(birdHost.ipv6(), 65001),
                Frr.neighbor(gobgpHost.ipv4(), 65003), birdHost.ipv6()), true);
        gobgp = GoBgp.start(lab, gobgpHost, 65003,
                GoBgp.neighbor(birdHost.ipv4(), 65001, gobgpHost.ipv4(), "")
                        + GoBgp.neighbor(frrHost.ipv4(), 65002, gobgpHost.ipv4(), ""));
    }

    @Test
    void birdFrrAndGoBgpReachEstablishedWithEachOther() {
        Duration timeout = Duration.ofSeconds(60);
        Await.condition(timeout, "BIRD: frr4, frr6 and gobgp4 Established",
                () -> bird.established("frr4") && bird.established("frr6") && bird.established("gobgp4"));
        Await.condition(timeout, "FRR: BIRD (IPv4 and IPv6) and GoBGP Established",
                () -> frr.established(birdHost.ipv4()) && frr.established(birdHost.ipv6())
                        && frr.established(gobgpHost.ipv4()));
        Await.condition(timeout, "GoBGP: BIRD and FRR Established",
                () -> gobgp.established(birdHost.ipv4()) && gobgp.established(frrHost.ipv4()));

        assertThat(bird.protocol("frr6").info()).startsWith("Established");
        assertThat(frr.neighbor(gobgpHost.ipv4()).orElseThrow().path("remoteAs").asLong()).isEqualTo(65003);
        assertThat(gobgp.neighbor(frrHost.ipv4()).orElseThrow().path("state").path("peer_asn").asLong())
                .isEqualTo(65002);
    }
}
