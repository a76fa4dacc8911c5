package dev.corvid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * RFC 4271 §8.2.2: a peer that stops talking (SIGSTOP: its kernel still holds the connection) is detected by the
 * hold timer (3 s here); a peer that comes back is Established again within the ConnectRetry time (2 s here) plus
 * the peer's own back-off (BIRD: error wait 1..5 s) and a margin.
 */
class FrozenPeerTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("frozen");

    private static final Duration HOLD_TIME = Duration.ofSeconds(3);
    private static final Duration BACK_WITHIN = Duration.ofSeconds(2 + 5 + 5);
    private static Host b;
    private static Bird bird;
    private static CorvidProcess corvid;

    @BeforeAll
    static void start() {
        var lab = LAB.lab();
        Host c = lab.host("corvid");
        b = lab.host("bird");
        bird = Bird.start(lab, b, Bird.session("corvid", b.ipv4(), 65002, c.ipv4(), 64512, ""));
        corvid = CorvidProcess.start(lab, c, 64512, List.of(CorvidProcess.peer(b.ipv4(), 65002)));
    }

    @BeforeEach
    void established() {
        Await.condition(Duration.ofSeconds(60), "the session with BIRD Established on both sides",
                () -> corvid.established(b.ipv4()) && bird.established("corvid"));
    }

    @Test
    void frozenPeerIsDetectedByHoldTimerExpiryAndIsBackAfterItThaws() {
        bird.process().freeze();
        long frozenAt = System.nanoTime();
        String lastError;
        try {
            lastError = Await.until(HOLD_TIME.plusSeconds(5), "corvid to drop the frozen peer on hold timer expiry",
                    () -> {
                        var peer = corvid.neighbor(b.ipv4()).orElseThrow();
                        String error = peer.path("last_error").asText("");
                        return !"Established".equals(peer.path("state").asText())
                                && error.toLowerCase().contains("hold timer") ? error : null;
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - frozenAt)).as("detected after the hold time, not before")
                    .isGreaterThanOrEqualTo(HOLD_TIME.minusMillis(500));
        } finally {
            bird.process().thaw();
        }
        assertThat(lastError).containsIgnoringCase("hold timer");
        Await.condition(BACK_WITHIN, "the thawed peer back to Established",
                () -> corvid.established(b.ipv4()) && bird.established("corvid"));
    }

    @Test
    void restartedPeerIsBackWithinConnectRetry() {
        bird.process().kill();
        Await.condition(HOLD_TIME.plusSeconds(5), "corvid to see the killed peer go",
                () -> !corvid.established(b.ipv4()));
        bird.restart();
        Await.condition(BACK_WITHIN, "the restarted peer back to Established",
                () -> corvid.established(b.ipv4()) && bird.established("corvid"));
    }
}
