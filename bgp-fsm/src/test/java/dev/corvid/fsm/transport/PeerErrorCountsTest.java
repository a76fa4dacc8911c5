package dev.corvid.fsm.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Family;
import dev.corvid.codec.Severity;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.Keepalive;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import dev.corvid.fsm.transport.PeerStatus.NotificationCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RFC 7606 outcomes and NOTIFICATIONs a peer counts for the metrics, on an {@link EmbeddedChannel}. */
class PeerErrorCountsTest {
    private static final long PEER_AS = 65001;
    private static final InetAddress PEER = Loopback.address("192.0.2.2");
    /** UPDATE: ORIGIN 5 (RFC 7606 §7.1: treat-as-withdraw), empty AS_PATH, NEXT_HOP 192.0.2.2, NLRI 10.0.0.0/24. */
    private static final String BAD_ORIGIN = "ffffffffffffffffffffffffffffffff" + "0029" + "02" + "0000" + "000e"
            + "400101" + "05" + "400200" + "400304" + "c0000202" + "18" + "0a0000";
    /** UPDATE whose withdrawn routes length (0x00ff) runs past the message: RFC 7606 §4 session reset. */
    private static final String BAD_LENGTH = "ffffffffffffffffffffffffffffffff" + "0017" + "02" + "00ff" + "0000";

    private EmbeddedChannel channel;
    private Peer peer;

    @BeforeEach
    void establish() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        PeerSettings settings = new PeerSettings(PEER, 179, PEER_AS, Optional.empty(), true, 90, 2, Optional.empty(),
                0, Set.of(Family.IPV4_UNICAST), Set.of(), Set.of(), "ebgp", false);
        peer = new Peer(settings, false, channel.eventLoop(), new StubSpeaker(new SessionListener() {}));
        peer.start();
        peer.accept(channel);
        write(Open.of(PEER_AS, 90, (Inet4Address) PEER, List.of(new Multiprotocol(Family.IPV4_UNICAST),
                new FourOctetAs(PEER_AS))));
        write(Keepalive.INSTANCE);
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @Test
    void countsEachRfc7606FindingThatKeepsTheSessionByKind() {
        writeHex(BAD_ORIGIN);
        writeHex(BAD_ORIGIN);
        assertThat(peer.status().errors().updateErrors()).containsExactlyEntriesOf(
                java.util.Map.of(Severity.TREAT_AS_WITHDRAW, 2L));
        assertThat(peer.status().errors().notificationsSent()).isEmpty();
    }

    @Test
    void countsAMalformedUpdateAsSessionResetAndTheNotificationSent() {
        writeHex(BAD_LENGTH);
        PeerStatus s = peer.status();
        assertThat(s.errors().updateErrors()).containsExactlyEntriesOf(java.util.Map.of(Severity.SESSION_RESET, 1L));
        assertThat(s.errors().notificationsSent()).containsOnlyKeys(new NotificationCode(3, 1));
    }

    @Test
    void countsNotificationsReceivedByCodeAndSubcode() {
        write(Notification.shutdown(Notification.ADMINISTRATIVE_SHUTDOWN, "maintenance"));
        assertThat(peer.status().errors().notificationsReceived())
                .containsExactlyEntriesOf(java.util.Map.of(new NotificationCode(6, 2), 1L));
    }

    private void write(BgpMessage message) {
        channel.writeInbound(MessageCodec.encode(message, WireContext.FOUR_OCTET_AS, ByteBufAllocator.DEFAULT));
    }

    private void writeHex(String hex) {
        ByteBuf buf = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        channel.writeInbound(buf);
    }
}
