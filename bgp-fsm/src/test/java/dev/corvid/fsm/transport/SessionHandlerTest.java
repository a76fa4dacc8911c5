package dev.corvid.fsm.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.Keepalive;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import dev.corvid.fsm.SessionState;
import dev.corvid.fsm.open.Negotiated;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One passive peer's connection on an {@link EmbeddedChannel}, with Netty's fake time for the timers. */
class SessionHandlerTest {
    private static final long LOCAL_AS = StubSpeaker.LOCAL_AS;
    private static final long PEER_AS = 65001;
    private static final InetAddress PEER = Loopback.address("192.0.2.2");

    private final List<String> events = new ArrayList<>();
    private final List<ByteBuf> sentInbound = new ArrayList<>();
    private EmbeddedChannel channel;
    private Peer peer;

    @BeforeEach
    void acceptPassivePeer() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        PeerSettings settings = new PeerSettings(PEER, 179, PEER_AS, Optional.empty(), true, 3, 2, Optional.empty(),
                0, Set.of(Family.IPV4_UNICAST), Set.of(), Set.of(), "ebgp", false);
        peer = new Peer(settings, false, channel.eventLoop(), new StubSpeaker(new SessionListener() {
            @Override
            public void established(InetAddress p, InetAddress local, Negotiated negotiated) {
                events.add("established hold " + negotiated.holdTime());
            }

            @Override
            public void down(InetAddress p, String reason, boolean graceful) {
                events.add("down " + reason);
            }
        }));
        peer.start();
        peer.accept(channel);
    }

    @AfterEach
    void noBufferLeaks() {
        channel.finishAndReleaseAll();
        for (ByteBuf b : sentInbound) assertThat(b.refCnt()).as("inbound buffer released").isZero();
    }

    @Test
    void sendsOpenThenKeepaliveAndIsEstablishedOnThePeersKeepalive() {
        Open ours = (Open) readOutbound();
        assertThat(ours.asn()).isEqualTo(LOCAL_AS);
        assertThat(ours.holdTime()).isEqualTo(3);
        assertThat(ours.capabilities()).contains(new Multiprotocol(Family.IPV4_UNICAST), new FourOctetAs(LOCAL_AS));

        writeInbound(peerOpen(PEER_AS, 9));
        assertThat(readOutbound()).isEqualTo(Keepalive.INSTANCE);
        assertThat(peer.status().state()).isEqualTo(SessionState.OPEN_CONFIRM);

        writeInbound(Keepalive.INSTANCE);
        PeerStatus status = peer.status();
        assertThat(status.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(status.negotiatedHoldTime()).isEqualTo(3);
        assertThat(events).containsExactly("established hold 3");
    }

    @Test
    void sendsKeepalivesEveryThirdOfTheHoldTimeAndExpiresTheHoldTimerWhenThePeerIsSilent() {
        establish();
        // RFC 4271 §10: KeepaliveTime = HoldTime / 3 = 1 s, jittered to 0.75..1 s.
        advance(1000);
        assertThat(readOutbound()).isEqualTo(Keepalive.INSTANCE);
        advance(1000);
        assertThat(readOutbound()).isEqualTo(Keepalive.INSTANCE);
        // Nothing from the peer for the 3 s hold time (2 s passed already).
        advance(1000);
        List<BgpMessage> sent = drainOutbound();
        assertThat(sent).last().isEqualTo(new Notification(Notification.HOLD_TIMER_EXPIRED, 0));
        assertThat(peer.status().lastError()).hasValue(
                "sent NOTIFICATION Hold Timer Expired: hold timer expired: nothing received for 3 s");
        assertThat(peer.status().state()).isEqualTo(SessionState.IDLE);
        assertThat(channel.isOpen()).isFalse();
        assertThat(events).containsExactly("established hold 3", "down hold timer expired");
    }

    @Test
    void keepalivesFromThePeerKeepTheSessionUp() {
        establish();
        for (int i = 0; i < 9; i++) {
            advance(1000);
            writeInbound(Keepalive.INSTANCE);
        }
        assertThat(peer.status().state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(drainOutbound()).allMatch(m -> m instanceof Keepalive);
    }

    @Test
    void garbageIsAnsweredWithConnectionNotSynchronized() {
        readOutbound(); // our OPEN
        byte[] garbage = new byte[30];
        java.util.Arrays.fill(garbage, (byte) 0x42);
        ByteBuf in = Unpooled.wrappedBuffer(garbage);
        sentInbound.add(in);
        channel.writeInbound(in);
        assertThat(readOutbound()).isEqualTo(new Notification(Notification.MESSAGE_HEADER_ERROR, 1));
        assertThat(peer.status().lastError()).hasValueSatisfying(e ->
                assertThat(e).startsWith("sent NOTIFICATION Message Header Error / Connection Not Synchronized"));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aWrongPeerAsIsAnsweredWithBadPeerAs() {
        readOutbound();
        writeInbound(peerOpen(65002, 9));
        BgpMessage answer = readOutbound();
        assertThat(answer).isInstanceOf(Notification.class);
        assertThat(((Notification) answer).description()).isEqualTo("OPEN Message Error / Bad Peer AS");
        assertThat(peer.status().lastError()).hasValue(
                "sent NOTIFICATION OPEN Message Error / Bad Peer AS: expected AS 65001, peer says 65002");
    }

    @Test
    void aReceivedShutdownCommunicationIsShownToOperators() {
        establish();
        writeInbound(Notification.shutdown(Notification.ADMINISTRATIVE_SHUTDOWN, "maintenance"));
        assertThat(peer.status().lastError())
                .hasValue("received NOTIFICATION Cease / Administrative Shutdown: \"maintenance\"");
        assertThat(peer.status().state()).isEqualTo(SessionState.IDLE);
        assertThat(events).last().asString().startsWith("down ");
    }

    private void establish() {
        readOutbound();
        writeInbound(peerOpen(PEER_AS, 3));
        readOutbound();
        writeInbound(Keepalive.INSTANCE);
        assertThat(peer.status().state()).isEqualTo(SessionState.ESTABLISHED);
    }

    private static Open peerOpen(long as, int holdTime) {
        return Open.of(as, holdTime, (Inet4Address) Loopback.address("192.0.2.2"),
                List.of(new Multiprotocol(Family.IPV4_UNICAST), new FourOctetAs(as)));
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private void writeInbound(BgpMessage message) {
        ByteBuf buf = MessageCodec.encode(message, WireContext.FOUR_OCTET_AS, ByteBufAllocator.DEFAULT);
        sentInbound.add(buf);
        channel.writeInbound(buf);
    }

    private BgpMessage readOutbound() {
        ByteBuf buf = channel.readOutbound();
        assertThat(buf).as("a message was sent").isNotNull();
        try {
            DecodeResult result = MessageCodec.decode(buf, WireContext.FOUR_OCTET_AS);
            assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
            return ((DecodeResult.Decoded) result).message();
        } finally {
            buf.release();
            assertThat(buf.refCnt()).isZero();
        }
    }

    private List<BgpMessage> drainOutbound() {
        List<BgpMessage> all = new ArrayList<>();
        while (!channel.outboundMessages().isEmpty()) {
            if (channel.outboundMessages().peek() instanceof ByteBuf b && b.readableBytes() == 0) {
                ((ByteBuf) channel.readOutbound()).release(); // the flush marker before our FIN
                continue;
            }
            all.add(readOutbound());
        }
        return all;
    }
}
