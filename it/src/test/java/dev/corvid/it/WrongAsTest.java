package dev.corvid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/** RFC 4271 §6.2: corvid expects AS 65099 from a BIRD that is AS 65002, and answers its OPEN with Bad Peer AS. */
class WrongAsTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("wrong-as");

    @Test
    void peerWithTheWrongAsGetsBadPeerAsAndBothSidesShowIt() {
        var lab = LAB.lab();
        Host c = lab.host("corvid");
        Host b = lab.host("bird");
        Bird bird = Bird.start(lab, b, Bird.session("corvid", b.ipv4(), 65002, c.ipv4(), 64512, ""));
        CorvidProcess corvid = CorvidProcess.start(lab, c, 64512, List.of(CorvidProcess.peer(b.ipv4(), 65099)));

        Bird.Protocol seenByBird = Await.until(Duration.ofSeconds(30), "BIRD to show Bad peer AS", () -> {
            Bird.Protocol protocol = bird.protocol("corvid");
            return protocol.lastError().orElse("").toLowerCase().contains("bad peer as") ? protocol : null;
        });
        String lastError = Await.until(Duration.ofSeconds(30), "corvid's last_error to show Bad Peer AS", () -> {
            String error = corvid.neighbor(b.ipv4()).orElseThrow().path("last_error").asText("");
            return error.toLowerCase().contains("bad peer as") ? error : null;
        });

        assertThat(seenByBird.established()).isFalse();
        assertThat(corvid.state(b.ipv4())).isNotEqualTo("Established");
        assertThat(lastError).containsIgnoringCase("bad peer as");
    }
}
