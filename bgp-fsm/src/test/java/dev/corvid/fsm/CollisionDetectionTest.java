package dev.corvid.fsm;

import static dev.corvid.fsm.CollisionDetection.Direction.INBOUND;
import static dev.corvid.fsm.CollisionDetection.Direction.OUTBOUND;
import static dev.corvid.fsm.CollisionDetection.Resolution.DUMP_OTHER;
import static dev.corvid.fsm.CollisionDetection.Resolution.DUMP_THIS;
import static dev.corvid.fsm.CollisionDetection.Resolution.NONE;
import static dev.corvid.fsm.CollisionDetection.Resolution.PEER_RESTARTED;
import static dev.corvid.fsm.FsmFixture.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.fsm.CollisionDetection.Connection;
import java.net.Inet4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 4271 §6.8: the connection initiated by the higher BGP Identifier survives. */
class CollisionDetectionTest {
    static final Inet4Address PEER = ipv4("10.0.0.2");

    @Test
    void keepsPeerInitiatedConnectionWhenPeerIdentifierIsHigher() {
        CollisionDetection lower = new CollisionDetection(ipv4("10.0.0.1"), 64512);

        // Their connection brought the OPEN; ours waits in OpenConfirm: close ours.
        assertThat(lower.resolve(INBOUND, new Connection(OUTBOUND, SessionState.OPEN_CONFIRM, false), PEER, 64512))
                .isEqualTo(DUMP_OTHER);
        // Our connection brought the OPEN; theirs waits: close this one.
        assertThat(lower.resolve(OUTBOUND, new Connection(INBOUND, SessionState.OPEN_CONFIRM, false), PEER, 64512))
                .isEqualTo(DUMP_THIS);
    }

    @Test
    void keepsOurConnectionWhenOurIdentifierIsHigher() {
        CollisionDetection higher = new CollisionDetection(ipv4("10.0.0.3"), 64512);

        assertThat(higher.resolve(INBOUND, new Connection(OUTBOUND, SessionState.OPEN_CONFIRM, false), PEER, 64512))
                .isEqualTo(DUMP_THIS);
        assertThat(higher.resolve(OUTBOUND, new Connection(INBOUND, SessionState.OPEN_CONFIRM, false), PEER, 64512))
                .isEqualTo(DUMP_OTHER);
    }

    @Test
    void resolvesAgainstConnectionInOpenSentToo() {
        CollisionDetection higher = new CollisionDetection(ipv4("10.0.0.3"), 64512);

        assertThat(higher.resolve(INBOUND, new Connection(OUTBOUND, SessionState.OPEN_SENT, false), PEER, 64512))
                .isEqualTo(DUMP_THIS);
    }

    @Test
    void comparesIdentifiersAsUnsignedIntegers() {
        // 200.0.0.1 is negative as a signed int, yet higher than 10.0.0.2.
        CollisionDetection high = new CollisionDetection(ipv4("200.0.0.1"), 64512);

        assertThat(high.resolve(INBOUND, new Connection(OUTBOUND, SessionState.OPEN_CONFIRM, false), PEER, 64512))
                .isEqualTo(DUMP_THIS);
    }

    @Test
    void breaksEqualIdentifiersByLargerAsNumber() {
        // RFC 6286 §2.3: equal Identifiers (possible between ASes); the larger AS's connection survives.
        CollisionDetection sameId = new CollisionDetection(PEER, 65001);

        assertThat(sameId.resolve(INBOUND, new Connection(OUTBOUND, SessionState.OPEN_CONFIRM, false), PEER, 64512))
                .isEqualTo(DUMP_THIS);
        assertThat(sameId.resolve(INBOUND, new Connection(OUTBOUND, SessionState.OPEN_CONFIRM, false), PEER, 65002))
                .isEqualTo(DUMP_OTHER);
    }

    @Test
    void closesNewConnectionWhenOtherIsEstablished() {
        CollisionDetection lower = new CollisionDetection(ipv4("10.0.0.1"), 64512);

        assertThat(lower.resolve(INBOUND, new Connection(OUTBOUND, SessionState.ESTABLISHED, false), PEER, 64512))
                .isEqualTo(DUMP_THIS);
    }

    @Test
    void takesANewConnectionFromAPeerWithGracefulRestartAsItsRestart() {
        // RFC 4724 §4.2: whatever the Identifiers say, the Established session is the one that goes.
        CollisionDetection higher = new CollisionDetection(ipv4("10.0.0.3"), 64512);

        assertThat(higher.resolve(INBOUND, new Connection(INBOUND, SessionState.ESTABLISHED, true), PEER, 64512))
                .isEqualTo(PEER_RESTARTED);
        assertThat(higher.resolve(INBOUND, new Connection(OUTBOUND, SessionState.ESTABLISHED, true), PEER, 64512))
                .isEqualTo(PEER_RESTARTED);
    }

    @Test
    void keepsTheEstablishedSessionWithoutGracefulRestart() {
        CollisionDetection higher = new CollisionDetection(ipv4("10.0.0.3"), 64512);

        assertThat(higher.resolve(INBOUND, new Connection(INBOUND, SessionState.ESTABLISHED, false), PEER, 64512))
                .isEqualTo(DUMP_THIS);
    }

    @Test
    void closesOlderOfTwoConnectionsFromTheSameSide() {
        CollisionDetection lower = new CollisionDetection(ipv4("10.0.0.1"), 64512);

        assertThat(lower.resolve(INBOUND, new Connection(INBOUND, SessionState.OPEN_CONFIRM, false), PEER, 64512))
                .isEqualTo(DUMP_OTHER);
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = {"IDLE", "CONNECT", "ACTIVE"})
    void seesNoCollisionBeforeOtherConnectionSentOpen(SessionState state) {
        CollisionDetection lower = new CollisionDetection(ipv4("10.0.0.1"), 64512);

        assertThat(lower.resolve(INBOUND, new Connection(OUTBOUND, state, false), PEER, 64512)).isEqualTo(NONE);
    }
}
