package dev.corvid.fsm.transport;

import static org.assertj.core.api.Assertions.fail;

import dev.corvid.codec.Family;
import dev.corvid.fsm.SessionState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Speakers on 127.0.0.0/8 addresses (all loopback) sharing one free port, and waiting for conditions. */
final class Loopback {
    static final long AS_A = 64512;
    static final long AS_B = 65001;

    private Loopback() {}

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A port free on 127.0.0.1 right now (the other 127/8 addresses share the port space per address). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, address("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BgpSpeaker speaker(String address, long as, int port) {
        return BgpSpeaker.start(new SpeakerSettings(as, (Inet4Address) address(address),
                List.of(new InetSocketAddress(address(address), port))), new SessionListener() {});
    }

    static PeerSettings peer(String address, long as, int port, String localAddress, int holdTime) {
        return new PeerSettings(address(address), port, as, Optional.of(address(localAddress)), false, holdTime, 2,
                Optional.empty(), 0, Set.of(Family.IPV4_UNICAST), Set.of(), Set.of(), "ebgp", false);
    }

    static PeerStatus status(BgpSpeaker speaker, String peer) {
        try {
            return speaker.status().get(5, TimeUnit.SECONDS).stream()
                    .filter(s -> s.address().equals(address(peer))).findFirst()
                    .orElseThrow(() -> new AssertionError("no peer " + peer));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static SessionState state(BgpSpeaker speaker, String peer) {
        return status(speaker, peer).state();
    }

    /** Polls {@code condition} every 50 ms until it holds, failing with {@code what} after {@code timeout}. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + timeout + " waiting until " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
