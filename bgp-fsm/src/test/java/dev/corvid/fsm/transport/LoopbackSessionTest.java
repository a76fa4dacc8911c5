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
import dev.corvid.codec.Family;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two speakers in one JVM, on 127.0.0.2 and 127.0.0.3, talking real TCP over loopback. */
class LoopbackSessionTest {
    private static final String A = "127.0.0.2";
    private static final String B = "127.0.0.3";

    @Test
    void sessionStaysEstablishedForThreeHoldTimesAndRemovePeerSendsCeasePeerDeconfigured() {
        int port = Loopback.freePort();
        try (BgpSpeaker a = speaker(A, AS_A, port); BgpSpeaker b = speaker(B, AS_B, port)) {
            a.addPeer(peer(B, AS_B, port, A, 3));
            b.addPeer(peer(A, AS_A, port, B, 3));
            await(Duration.ofSeconds(10), "both sides are Established", () ->
                    state(a, B) == SessionState.ESTABLISHED && state(b, A) == SessionState.ESTABLISHED);
            PeerStatus up = status(a, B);
            assertThat(up.negotiatedHoldTime()).isEqualTo(3);
            assertThat(up.peerOpen()).hasValueSatisfying(open -> assertThat(open.asn()).isEqualTo(AS_B));

            // Keepalives every second keep a 3 s hold time from expiring: nothing changes for 3 hold times.
            Instant stable = Instant.now().plusSeconds(9);
            await(Duration.ofSeconds(12), "three hold times passed", () -> Instant.now().isAfter(stable));
            PeerStatus later = status(a, B);
            assertThat(later.state()).isEqualTo(SessionState.ESTABLISHED);
            assertThat(later.establishedTransitions()).isEqualTo(1);
            assertThat(later.establishedSince()).isEqualTo(up.establishedSince());
            // OPEN, KEEPALIVE, then one KEEPALIVE a second (jittered down to 0.75 s).
            assertThat(later.messagesReceived()).isGreaterThanOrEqualTo(2 + 8);

            a.removePeer(Loopback.address(B));
            await(Duration.ofSeconds(5), "B saw the Cease", () -> status(b, A).lastError()
                    .equals(Optional.of("received NOTIFICATION Cease / Peer De-configured")));
            assertThat(status(b, A).state()).isNotEqualTo(SessionState.ESTABLISHED);
        }
    }

    @Test
    void theNotificationThatEndedASessionIsNotReplacedByRefusedReconnects() {
        int port = Loopback.freePort();
        try (BgpSpeaker b = speaker(B, AS_B, port)) {
            BgpSpeaker a = speaker(A, AS_A, port);
            a.addPeer(peer(B, AS_B, port, A, 3));
            b.addPeer(peer(A, AS_A, port, B, 3));
            await(Duration.ofSeconds(10), "both sides are Established", () ->
                    state(a, B) == SessionState.ESTABLISHED && state(b, A) == SessionState.ESTABLISHED);

            a.close("maintenance");
            await(Duration.ofSeconds(5), "B saw the shutdown", () ->
                    status(b, A).lastError().orElse("").contains("maintenance"));
            // B retries every 2 s (after a 1 s idle hold) and A's port now refuses it: wait through those retries.
            Instant later = Instant.now().plusSeconds(6);
            await(Duration.ofSeconds(9), "two ConnectRetry periods passed", () -> Instant.now().isAfter(later));
            assertThat(status(b, A).lastError()).hasValueSatisfying(e ->
                    assertThat(e).contains("Administrative Shutdown").contains("maintenance"));
        }
    }

    @Test
    void anOpenSentTheMomentTheConnectionIsUpIsNeverLost() throws Exception {
        // Regression: an accepted connection used to start reading before its session handlers were installed, so
        // bytes already waiting were read into an empty pipeline and dropped; the peer then waited forever.
        int port = Loopback.freePort();
        try (BgpSpeaker a = speaker(A, AS_A, port)) {
            for (int i = 0; i < 12; i++) {
                a.addPeer(new PeerSettings(Loopback.address("127.0.1." + (10 + i)), port, 65009, Optional.empty(), true,
                        3, 2, Optional.empty(), 0, Set.of(Family.IPV4_UNICAST), Set.of(), Set.of(), "ebgp", false));
            }
            // An OPEN of version 3: RFC 4271 §6.2 Unsupported Version Number (2/1), data = version 4.
            byte[] open = java.util.HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff001d0103fde900030a4d000300");
            byte[] expected = java.util.HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff0017030201" + "0004");
            for (int i = 0; i < 12; i++) {
                try (Socket socket = new Socket()) {
                    socket.bind(new InetSocketAddress(Loopback.address("127.0.1." + (10 + i)), 0));
                    socket.connect(new InetSocketAddress(Loopback.address(A), port), 2000);
                    socket.getOutputStream().write(open);
                    socket.setSoTimeout(5000);
                    byte[] received = socket.getInputStream().readAllBytes();
                    assertThat(Arrays.copyOfRange(received, Math.max(0, received.length - 23), received.length))
                            .as("connection %d ends with the NOTIFICATION", i).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void listensOnTheIpv4AndIpv6WildcardsTogetherAndCarriesAnIpv6Session() throws Exception {
        int port = Loopback.freePort();
        java.net.InetAddress v6 = java.net.InetAddress.getByName("::1");
        List<InetSocketAddress> both = List.of(new InetSocketAddress("0.0.0.0", port), new InetSocketAddress("::", port));
        try (BgpSpeaker a = BgpSpeaker.start(new SpeakerSettings(AS_A, (java.net.Inet4Address) Loopback.address(A), both),
                     new SessionListener() {});
             BgpSpeaker b = BgpSpeaker.start(new SpeakerSettings(AS_B, (java.net.Inet4Address) Loopback.address(B),
                     List.of()), new SessionListener() {})) {
            a.addPeer(new PeerSettings(v6, port, AS_B, Optional.empty(), true, 3, 2, Optional.empty(), 0,
                    Set.of(Family.IPV6_UNICAST), Set.of(), Set.of(), "ebgp", false));
            b.addPeer(new PeerSettings(v6, port, AS_A, Optional.empty(), false, 3, 2, Optional.empty(), 0,
                    Set.of(Family.IPV6_UNICAST), Set.of(), Set.of(), "ebgp", false));
            await(Duration.ofSeconds(10), "the IPv6 session is Established on both sides", () ->
                    state(a, "::1") == SessionState.ESTABLISHED && state(b, "::1") == SessionState.ESTABLISHED);
        }
    }

    @Test
    void aPeerThatConnectsWhileWeBackOffAfterOurOwnAttemptsFailedIsAcceptedAtOnce() {
        int port = Loopback.freePort();
        try (BgpSpeaker a = speaker(A, AS_A, port)) {
            // A tries B, which is not there yet: each refused attempt doubles A's back-off in Idle (1, 2, 4, 8 s).
            a.addPeer(new PeerSettings(Loopback.address(B), port, AS_B, Optional.of(Loopback.address(A)), false, 9, 30,
                    Optional.empty(), 0, Set.of(Family.IPV4_UNICAST), Set.of(), Set.of(), "ebgp", false));
            sleep(Duration.ofSeconds(8));
            try (BgpSpeaker b = speaker(B, AS_B, port)) {
                long started = System.nanoTime();
                b.addPeer(peer(A, AS_A, port, B, 9)); // B connects at once, and finds A backing off in Idle
                await(Duration.ofSeconds(3), "the session through B's connection, before A's back-off ends",
                        () -> state(a, B) == SessionState.ESTABLISHED && state(b, A) == SessionState.ESTABLISHED);
                System.out.printf("established %d ms after B started%n", (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRefusedConnectionSaysSoInWords() {
        int port = Loopback.freePort();
        try (BgpSpeaker a = speaker(A, AS_A, Loopback.freePort())) {
            a.addPeer(peer(B, AS_B, port, A, 3)); // nothing listens on B:port
            await(Duration.ofSeconds(5), "the refusal is shown", () -> status(a, B).lastError().isPresent());
            assertThat(status(a, B).lastError()).contains("cannot connect to " + B + " port " + port + ": connection refused");
        }
    }

    @Test
    void garbageFromARawSocketGetsConnectionNotSynchronizedAndTheOtherSessionStaysUp() throws Exception {
        int port = Loopback.freePort();
        String raw = "127.0.0.9";
        try (BgpSpeaker a = speaker(A, AS_A, port); BgpSpeaker b = speaker(B, AS_B, port)) {
            a.addPeer(peer(B, AS_B, port, A, 3));
            b.addPeer(peer(A, AS_A, port, B, 3));
            PeerSettings passive = peer(raw, 65009, port, A, 3);
            a.addPeer(new PeerSettings(passive.address(), port, 65009, Optional.empty(), true, 3, 2, Optional.empty(),
                    0, passive.families(), Set.of(), Set.of(), "ebgp", false));
            await(Duration.ofSeconds(10), "A and B are Established", () ->
                    state(a, B) == SessionState.ESTABLISHED && state(b, A) == SessionState.ESTABLISHED);

            byte[] received;
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(Loopback.address(raw), 0));
                socket.connect(new InetSocketAddress(Loopback.address(A), port), 2000);
                socket.setSoTimeout(5000);
                byte[] garbage = new byte[40];
                Arrays.fill(garbage, (byte) 0x5A);
                socket.getOutputStream().write(garbage);
                received = socket.getInputStream().readAllBytes(); // our OPEN, then the NOTIFICATION, then EOF
            }
            // RFC 4271 §6.1: Message Header Error (1) / Connection Not Synchronized (1), no data: 21 octets.
            byte[] notification = new byte[21];
            Arrays.fill(notification, 0, 16, (byte) 0xFF);
            notification[17] = 21;
            notification[18] = 3;
            notification[19] = 1;
            notification[20] = 1;
            assertThat(Arrays.copyOfRange(received, received.length - 21, received.length)).isEqualTo(notification);
            assertThat(status(a, raw).lastError()).hasValueSatisfying(e -> assertThat(e)
                    .startsWith("sent NOTIFICATION Message Header Error / Connection Not Synchronized: "));
            assertThat(status(a, B).state()).isEqualTo(SessionState.ESTABLISHED);
            assertThat(status(a, B).establishedTransitions()).isEqualTo(1);
        }
    }

    @Test
    void wrongPeerAsIsRejectedWithBadPeerAsOnBothSides() {
        int port = Loopback.freePort();
        try (BgpSpeaker a = speaker(A, AS_A, port); BgpSpeaker b = speaker(B, AS_B, port)) {
            a.addPeer(peer(B, 65099, port, A, 3)); // B really is AS 65001
            b.addPeer(peer(A, AS_A, port, B, 3));
            await(Duration.ofSeconds(10), "both sides report Bad Peer AS", () ->
                    status(a, B).lastError().equals(Optional.of("sent NOTIFICATION OPEN Message Error / Bad Peer AS:"
                            + " expected AS 65099, peer says 65001"))
                    && status(b, A).lastError().equals(
                            Optional.of("received NOTIFICATION OPEN Message Error / Bad Peer AS")));
            assertThat(status(a, B).establishedTransitions()).isZero();
        }
    }

    @Test
    void simultaneousConnectsEndInOneSession() {
        int port = Loopback.freePort();
        try (BgpSpeaker a = speaker(A, AS_A, port); BgpSpeaker b = speaker(B, AS_B, port)) {
            a.addPeer(peer(B, AS_B, port, A, 30));
            b.addPeer(peer(A, AS_A, port, B, 30));
            await(Duration.ofSeconds(10), "both sides are Established", () ->
                    state(a, B) == SessionState.ESTABLISHED && state(b, A) == SessionState.ESTABLISHED);
            Instant settle = Instant.now().plusSeconds(2);
            await(Duration.ofSeconds(5), "a moment passed", () -> Instant.now().isAfter(settle));
            assertThat(status(a, B).establishedTransitions()).isEqualTo(1);
            assertThat(status(b, A).establishedTransitions()).isEqualTo(1);
            assertThat(state(a, B)).isEqualTo(SessionState.ESTABLISHED);
        }
    }
}
