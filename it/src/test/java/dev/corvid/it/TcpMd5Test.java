package dev.corvid.it;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * RFC 2385 TCP-MD5 with BIRD and with FRR: the matching password comes up, a wrong one never does. Each peer has
 * two sessions to corvid: address 0 with the right password, address 1 with a wrong one (to corvid's address 1,
 * since the kernel keys MD5 by the remote address).
 */
class TcpMd5Test {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("md5");

    private static final String SECRET = "corvid-lab-secret";
    private static Host c;
    private static Host b;
    private static Host f;
    private static Bird bird;
    private static Frr frr;
    private static CorvidProcess corvid;

    @BeforeAll
    static void start() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b = lab.host("bird");
        f = lab.host("frr");
        bird = Bird.start(lab, b,
                Bird.session("right", b.ipv4(0), 65002, c.ipv4(0), 64512, "password \"" + SECRET + "\";")
                        + Bird.session("wrong", b.ipv4(1), 65002, c.ipv4(1), 64512, "password \"not-the-secret\";"));
        frr = Frr.start(lab, f, """
                router bgp 65003
                 bgp router-id %s
                 no bgp ebgp-requires-policy
                %s%s""".formatted(f.ipv4(),
                Frr.neighbor(c.ipv4(0), 64512, "password " + SECRET, "update-source " + f.ipv4(0)),
                Frr.neighbor(c.ipv4(1), 64512, "password not-the-secret", "update-source " + f.ipv4(1))), false);
        String password = "password = \"" + SECRET + "\"";
        corvid = CorvidProcess.start(lab, c, 64512, List.of(
                CorvidProcess.peer(b.ipv4(0), 65002, password, "local-address = \"" + c.ipv4(0) + "\""),
                CorvidProcess.peer(b.ipv4(1), 65002, password, "local-address = \"" + c.ipv4(1) + "\""),
                CorvidProcess.peer(f.ipv4(0), 65003, password, "local-address = \"" + c.ipv4(0) + "\""),
                CorvidProcess.peer(f.ipv4(1), 65003, password, "local-address = \"" + c.ipv4(1) + "\"")));
    }

    @Test
    void matchingPasswordComesUpWithBirdAndFrr() {
        Await.condition(Duration.ofSeconds(60), "the MD5 sessions with the right password Established", () ->
                corvid.established(b.ipv4(0)) && corvid.established(f.ipv4(0))
                        && bird.established("right") && frr.established(c.ipv4(0)));
    }

    @Test
    void wrongPasswordNeverComesUp() {
        // Both sides try every 2 s (connect retry); eight seconds is four attempts each.
        Await.holdsFor(Duration.ofSeconds(8), "the sessions with a wrong password not Established", () ->
                !corvid.established(b.ipv4(1)) && !corvid.established(f.ipv4(1))
                        && !bird.established("wrong") && !frr.established(c.ipv4(1)));
    }
}
