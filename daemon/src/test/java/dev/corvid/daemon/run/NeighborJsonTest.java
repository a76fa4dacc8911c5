package dev.corvid.daemon.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.Family;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.message.Open;
import dev.corvid.daemon.routing.PeerRestart;
import dev.corvid.fsm.SessionState;
import dev.corvid.fsm.transport.PeerStatus;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code graceful_restart} object of {@code show neighbors --json} (RFC 4724). */
class NeighborJsonTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final InetAddress PEER = InetAddress.ofLiteral("10.0.0.2");
    private static final GracefulRestart PEER_GR = new GracefulRestart(0, 90,
            List.of(new GracefulRestart.Tuple(Family.IPV4_UNICAST, GracefulRestart.Tuple.FORWARDING_STATE)));

    @Test
    void aRestartingPeerIsIdleByItsRfcNameWithItsRetainedPathsAndTheSecondsLeft() {
        JsonNode n = NeighborJson.detail(peer(SessionState.IDLE, true, Optional.of(PEER_GR)),
                Optional.of(new PeerRestart(true, 87, 5)), NOW);
        assertThat(n.path("state").asText()).as("PRODUCT.md: the RFC 4271 name").isEqualTo("Idle");
        JsonNode gr = n.path("graceful_restart");
        assertThat(gr.path("negotiated").asBoolean()).isTrue();
        assertThat(gr.path("peer_restart_time").asInt()).isEqualTo(90);
        assertThat(gr.path("state").asText()).isEqualTo("restarting");
        assertThat(gr.path("seconds_left").asLong()).isEqualTo(87);
        assertThat(gr.path("stale_paths").asInt()).isEqualTo(5);
    }

    @Test
    void aPeerBackFromARestartWaitsForItsEndOfRib() {
        JsonNode gr = NeighborJson.summary(peer(SessionState.ESTABLISHED, true, Optional.of(PEER_GR)),
                Optional.of(new PeerRestart(false, 300, 2)), NOW).path("graceful_restart");
        assertThat(gr.path("state").asText()).isEqualTo("waiting-for-end-of-rib");
        assertThat(gr.path("stale_paths").asInt()).isEqualTo(2);
    }

    @Test
    void gracefulRestartIsNegotiatedOnlyWhenBothSidesAnnouncedIt() {
        JsonNode notOurs = NeighborJson.summary(peer(SessionState.ESTABLISHED, false, Optional.of(PEER_GR)),
                Optional.empty(), NOW).path("graceful_restart");
        assertThat(notOurs.path("negotiated").asBoolean()).isFalse();
        assertThat(notOurs.path("peer_restart_time").isNull()).isTrue();
        assertThat(notOurs.path("state").asText()).isEqualTo("none");
        assertThat(notOurs.path("seconds_left").isNull()).isTrue();
        assertThat(notOurs.path("stale_paths").asInt()).isZero();

        JsonNode notTheirs = NeighborJson.summary(peer(SessionState.ESTABLISHED, true, Optional.empty()),
                Optional.empty(), NOW).path("graceful_restart");
        assertThat(notTheirs.path("negotiated").asBoolean()).isFalse();
    }

    /** A peer whose last OPEN carried {@code theirs}; we announce Graceful Restart when {@code ours}. */
    private static PeerStatus peer(SessionState state, boolean ours, Optional<GracefulRestart> theirs) {
        List<dev.corvid.codec.capability.Capability> capabilities = new java.util.ArrayList<>(
                List.of(new Multiprotocol(Family.IPV4_UNICAST), new FourOctetAs(64512)));
        theirs.ifPresent(capabilities::add);
        Open open = Open.of(64512, 90, (Inet4Address) PEER, capabilities);
        return new PeerStatus(PEER, 64512, "mesh", false, state, NOW.minusSeconds(3), Optional.empty(),
                Optional.empty(), 10, 10, 1, 1, 1, 0, Optional.of(open), PeerStatus.ErrorCounts.NONE, ours);
    }
}
