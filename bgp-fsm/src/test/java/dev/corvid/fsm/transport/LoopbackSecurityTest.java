package dev.corvid.fsm.transport;

import static dev.corvid.fsm.transport.Loopback.AS_A;
import static dev.corvid.fsm.transport.Loopback.AS_B;
import static dev.corvid.fsm.transport.Loopback.await;
import static dev.corvid.fsm.transport.Loopback.peer;
import static dev.corvid.fsm.transport.Loopback.speaker;
import static dev.corvid.fsm.transport.Loopback.state;
import static dev.corvid.fsm.transport.Loopback.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.fsm.SessionState;
import io.netty.channel.epoll.Epoll;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TCP-MD5 (RFC 2385) and TTL security (RFC 5082) between two speakers over loopback. Needs Linux with epoll
 * (and root for MD5 keys on these sockets), as the lab and CI machines are.
 */
class LoopbackSecurityTest {
    private static final String A = "127.0.0.4";
    private static final String B = "127.0.0.5";

    @BeforeAll
    static void linuxWithEpoll() {
        assertThat(Epoll.isAvailable()).as("epoll transport (Linux) for TCP-MD5 and TTL security: %s",
                Epoll.unavailabilityCause()).isTrue();
    }

    private static PeerSettings withSecurity(PeerSettings p, Optional<String> md5, int ttlHops) {
        return new PeerSettings(p.address(), p.port(), p.peerAs(), p.localAddress(), p.passive(), p.holdTime(),
                p.connectRetrySeconds(), md5, ttlHops, p.families(), p.addPathReceive(), p.addPathSend(), p.role(),
                p.gracefulRestart());
    }

    /** Both sides with {@code keyA}/{@code keyB} and TTL security hops; true when the session came up in time. */
    private static boolean comesUp(Optional<String> keyA, Optional<String> keyB, int hopsA, int hopsB, Duration wait) {
        int port = Loopback.freePort();
        try (BgpSpeaker a = speaker(A, AS_A, port); BgpSpeaker b = speaker(B, AS_B, port)) {
            a.addPeer(withSecurity(peer(B, AS_B, port, A, 3), keyA, hopsA));
            b.addPeer(withSecurity(peer(A, AS_A, port, B, 3), keyB, hopsB));
            Instant deadline = Instant.now().plus(wait);
            boolean[] up = {false};
            await(wait.plusSeconds(5), "the session is up or the wait is over", () -> {
                up[0] = state(a, B) == SessionState.ESTABLISHED && state(b, A) == SessionState.ESTABLISHED;
                return up[0] || Instant.now().isAfter(deadline);
            });
            if (!up[0]) assertThat(status(a, B).establishedTransitions()).isZero();
            return up[0];
        }
    }

    @Test
    void matchingMd5KeysComeUp() {
        assertThat(comesUp(Optional.of("s3cret"), Optional.of("s3cret"), 0, 0, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void mismatchedMd5KeysNeverComeUp() {
        assertThat(comesUp(Optional.of("s3cret"), Optional.of("other"), 0, 0, Duration.ofSeconds(4))).isFalse();
    }

    @Test
    void ttlSecurityOnBothSidesComesUpOverLoopback() {
        assertThat(comesUp(Optional.empty(), Optional.empty(), 1, 1, Duration.ofSeconds(10))).isTrue();
    }

    /** B sends with the default TTL (64): RFC 5082 on A drops every packet of it, in both directions. */
    @Test
    void ttlSecurityPeerWhosePacketsArriveBelow255NeverComesUp() {
        assertThat(comesUp(Optional.empty(), Optional.empty(), 1, 0, Duration.ofSeconds(4))).isFalse();
    }
}
