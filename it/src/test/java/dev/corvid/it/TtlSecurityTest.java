package dev.corvid.it;

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
 * RFC 5082 GTSM with a BIRD two hops away (behind the lab's router): packets reach corvid with TTL 254, so
 * {@code ttl-security = 1} (accept 255 only) never comes up, while {@code ttl-security = 2} on the same path does.
 * BIRD runs GTSM too ({@code ttl security on; multihop 2;}: it sends 255 and accepts 254 and up).
 */
class TtlSecurityTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("ttl");

    private static Host c;
    private static Host far;
    private static Bird bird;
    private static CorvidProcess corvid;

    @BeforeAll
    static void start() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        far = lab.farHost("bird");
        String gtsm = "multihop 2; ttl security on;";
        bird = Bird.start(lab, far,
                Bird.session("onehop", far.ipv4(0), 65002, c.ipv4(0), 64512, gtsm)
                        + Bird.session("twohops", far.ipv4(1), 65002, c.ipv4(1), 64512, gtsm));
        corvid = CorvidProcess.start(lab, c, 64512, List.of(
                CorvidProcess.peer(far.ipv4(0), 65002, "ttl-security = 1", "local-address = \"" + c.ipv4(0) + "\""),
                CorvidProcess.peer(far.ipv4(1), 65002, "ttl-security = 2", "local-address = \"" + c.ipv4(1) + "\"")));
    }

    @Test
    void ttlSecurityTwoComesUpWithAPeerTwoHopsAway() {
        Await.condition(Duration.ofSeconds(60), "the ttl-security = 2 session Established on both sides",
                () -> corvid.established(far.ipv4(1)) && bird.established("twohops"));
    }

    @Test
    void ttlSecurityOneNeverComesUpWithAPeerTwoHopsAway() {
        Await.holdsFor(Duration.ofSeconds(8), "the ttl-security = 1 session not Established",
                () -> !corvid.established(far.ipv4(0)) && !bird.established("onehop"));
    }
}
