package dev.corvid.fsm.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.capability.Capability;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.GracefulRestart;
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
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 4724 on one passive peer's connections ({@link EmbeddedChannel}): the capability, the stop, the helper side, and
 * a peer that connects again while its session is still Established on our side.
 */
class GracefulRestartSessionTest {
    private static final long LOCAL_AS = StubSpeaker.LOCAL_AS;
    private static final long PEER_AS = 65001;
    private static final InetAddress PEER = Loopback.address("192.0.2.2");
    private static final GracefulRestart PEER_GR = new GracefulRestart(0, 90,
            List.of(new GracefulRestart.Tuple(Family.IPV4_UNICAST, GracefulRestart.Tuple.FORWARDING_STATE)));

    /** What the listener was told, as "down REASON graceful=BOOLEAN". */
    private final List<String> downs = new ArrayList<>();
    private final List<ByteBuf> inbound = new ArrayList<>();
    private final List<String> ups = new ArrayList<>();
    private EmbeddedChannel channel;
    /** The peer's second connection, opened while the first is Established. */
    private EmbeddedChannel second;
    private Peer peer;

    @AfterEach
    void noBufferLeaks() {
        if (channel != null) channel.finishAndReleaseAll();
        if (second != null) second.finishAndReleaseAll();
        for (ByteBuf b : inbound) assertThat(b.refCnt()).as("inbound buffer released").isZero();
    }

    @Test
    void ourOpenAnnouncesGracefulRestartWithTheForwardingStateBitForEveryFamily() {
        Open open = LocalOpen.of(LOCAL_AS, (Inet4Address) Loopback.address("192.0.2.1"),
                settings(true, Set.of(Family.IPV6_UNICAST, Family.IPV4_UNICAST)));
        assertThat(open.capabilities()).contains(new GracefulRestart(0, 120, List.of(
                new GracefulRestart.Tuple(Family.IPV4_UNICAST, GracefulRestart.Tuple.FORWARDING_STATE),
                new GracefulRestart.Tuple(Family.IPV6_UNICAST, GracefulRestart.Tuple.FORWARDING_STATE))));
        // And it survives the wire: what the peer decodes is what we meant.
        ByteBuf buf = MessageCodec.encode(open, WireContext.DEFAULT, ByteBufAllocator.DEFAULT);
        try {
            Open decoded = (Open) ((DecodeResult.Decoded) MessageCodec.decode(buf, WireContext.DEFAULT)).message();
            GracefulRestart gr = decoded.capabilities().stream().filter(GracefulRestart.class::isInstance)
                    .map(GracefulRestart.class::cast).findFirst().orElseThrow();
            assertThat(gr.restartTime()).isEqualTo(120);
            assertThat(gr.restartState()).isFalse();
            assertThat(gr.families()).allMatch(GracefulRestart.Tuple::forwardingState).hasSize(2);
        } finally {
            buf.release();
        }
    }

    @Test
    void withoutGracefulRestartConfiguredOurOpenHasNoSuchCapability() {
        Open open = LocalOpen.of(LOCAL_AS, (Inet4Address) Loopback.address("192.0.2.1"),
                settings(false, Set.of(Family.IPV4_UNICAST)));
        assertThat(open.capabilities()).noneMatch(c -> c.code() == Capability.GRACEFUL_RESTART);
    }

    @Test
    void stoppingClosesTheSessionWithoutANotificationWhenBothSidesAnnouncedGracefulRestart() {
        establish(true, Optional.of(PEER_GR));
        assertThat(peer.shutdown("corvid shutting down")).isTrue();
        assertThat(sent()).noneMatch(Notification.class::isInstance);
        assertThat(channel.isOpen()).as("the TCP connection is closed").isFalse();
        assertThat(peer.status().lastError()).isEmpty();
    }

    @Test
    void stoppingSendsAdministrativeShutdownWhenThePeerDidNotAnnounceGracefulRestart() {
        establish(true, Optional.empty());
        assertThat(peer.shutdown("corvid shutting down")).isFalse();
        assertThat(sent()).containsExactly(
                Notification.shutdown(Notification.ADMINISTRATIVE_SHUTDOWN, "corvid shutting down"));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void stoppingSendsAdministrativeShutdownWhenWeDidNotAnnounceGracefulRestart() {
        establish(false, Optional.of(PEER_GR));
        assertThat(peer.shutdown("corvid shutting down")).isFalse();
        assertThat(sent()).containsExactly(
                Notification.shutdown(Notification.ADMINISTRATIVE_SHUTDOWN, "corvid shutting down"));
    }

    @Test
    void aTcpCloseOfASessionWhereBothAnnouncedGracefulRestartIsReportedAsGraceful() {
        establish(true, Optional.of(PEER_GR));
        channel.close();
        assertThat(peer.status().state()).isEqualTo(SessionState.IDLE);
        assertThat(downs).containsExactly("down TCP connection failed graceful=true");
    }

    @Test
    void aTcpCloseIsNotGracefulWhenThePeerDidNotAnnounceGracefulRestart() {
        establish(true, Optional.empty());
        channel.close();
        assertThat(downs).containsExactly("down TCP connection failed graceful=false");
    }

    @Test
    void aNotificationFromThePeerEndsTheSessionWithoutGracefulRestart() {
        establish(true, Optional.of(PEER_GR));
        write(Notification.shutdown(Notification.ADMINISTRATIVE_SHUTDOWN, ""));
        assertThat(downs).singleElement().asString().endsWith("graceful=false");
    }

    @Test
    void aHoldTimerExpirySendsANotificationAndIsNotGraceful() {
        establish(true, Optional.of(PEER_GR));
        channel.advanceTimeBy(3, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(sent()).contains(new Notification(Notification.HOLD_TIMER_EXPIRED, 0));
        assertThat(downs).containsExactly("down hold timer expired graceful=false");
    }

    @Test
    void aNewConnectionFromAGracefulRestartPeerWhileEstablishedEndsTheOldSessionGracefullyAndTakesOver() {
        // A peer whose host rebooted (no FIN, no RST reached us) connects again: RFC 4724 §4.2, not a collision.
        establish(true, Optional.of(PEER_GR));
        second = connectAgain(Optional.of(PEER_GR));

        assertThat(channel.isOpen()).as("the old TCP connection is closed").isFalse();
        assertThat(sent(channel)).as("the old connection gets no NOTIFICATION").isEmpty();
        assertThat(downs).singleElement().asString().contains("connected again", "RFC 4724 §4.2")
                .endsWith("graceful=true");
        assertThat(sent(second)).as("the new connection goes on: our OPEN, then KEEPALIVE for the peer's")
                .hasSize(2).last().isEqualTo(Keepalive.INSTANCE);
        write(second, Keepalive.INSTANCE);
        PeerStatus status = peer.status();
        assertThat(status.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(status.establishedTransitions()).isEqualTo(2);
        assertThat(status.lastError()).get().asString().contains("restarted (RFC 4724 §4.2)");
        assertThat(ups).containsExactly("up", "up");
        assertThat(peer.send(Keepalive.INSTANCE)).as("the routing side now talks to the new session").isTrue();
        assertThat(sent(second)).containsExactly(Keepalive.INSTANCE);
    }

    @Test
    void aNewConnectionWhileEstablishedWithoutGracefulRestartLosesTheCollision() {
        // RFC 4271 §6.8: "a connection collision with an existing BGP connection that is in the Established state
        // causes closing of the newly created connection".
        establish(true, Optional.empty());
        second = connectAgain(Optional.empty());

        assertThat(sent(second)).last().isEqualTo(
                new Notification(Notification.CEASE, Peer.CONNECTION_COLLISION_RESOLUTION));
        assertThat(second.isOpen()).isFalse();
        assertThat(channel.isOpen()).isTrue();
        assertThat(peer.status().state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(downs).isEmpty();
        assertThat(ups).containsExactly("up");
    }

    @Test
    void aNewConnectionWhileEstablishedLosesTheCollisionWhenWeDidNotAnnounceGracefulRestart() {
        establish(false, Optional.of(PEER_GR));
        second = connectAgain(Optional.of(PEER_GR));

        assertThat(second.isOpen()).isFalse();
        assertThat(channel.isOpen()).isTrue();
        assertThat(peer.status().state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(downs).isEmpty();
    }

    /** The peer opens a second connection and sends its OPEN there, the first still Established on our side. */
    private EmbeddedChannel connectAgain(Optional<GracefulRestart> theirs) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        peer.accept(ch);
        write(ch, open(theirs));
        return ch;
    }

    private static PeerSettings settings(boolean gracefulRestart, Set<Family> families) {
        return new PeerSettings(PEER, 179, PEER_AS, Optional.empty(), true, 3, 2, Optional.empty(), 0, families,
                Set.of(), Set.of(), "ebgp", gracefulRestart);
    }

    /** An Established session: our OPEN announces GR when {@code ours}, the peer's carries {@code theirs}. */
    private void establish(boolean ours, Optional<GracefulRestart> theirs) {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        peer = new Peer(settings(ours, Set.of(Family.IPV4_UNICAST)), false, channel.eventLoop(),
                new StubSpeaker(new SessionListener() {
                    @Override
                    public void established(InetAddress p, InetAddress local, Negotiated negotiated) {
                        ups.add("up");
                    }

                    @Override
                    public void down(InetAddress p, String reason, boolean graceful) {
                        downs.add("down " + reason + " graceful=" + graceful);
                    }
                }));
        peer.start();
        peer.accept(channel);
        write(open(theirs));
        write(Keepalive.INSTANCE);
        assertThat(peer.status().state()).isEqualTo(SessionState.ESTABLISHED);
        sent(); // our OPEN and KEEPALIVE
    }

    private static Open open(Optional<GracefulRestart> theirs) {
        List<Capability> capabilities = new ArrayList<>(
                List.of(new Multiprotocol(Family.IPV4_UNICAST), new FourOctetAs(PEER_AS)));
        theirs.ifPresent(capabilities::add);
        return Open.of(PEER_AS, 3, (Inet4Address) PEER, capabilities);
    }

    private void write(BgpMessage message) {
        write(channel, message);
    }

    private void write(EmbeddedChannel ch, BgpMessage message) {
        ByteBuf buf = MessageCodec.encode(message, WireContext.FOUR_OCTET_AS, ByteBufAllocator.DEFAULT);
        inbound.add(buf);
        ch.writeInbound(buf);
    }

    private List<BgpMessage> sent() {
        return sent(channel);
    }

    /** The messages sent on {@code ch} since the last call (the empty flush marker before our FIN is skipped). */
    private static List<BgpMessage> sent(EmbeddedChannel ch) {
        List<BgpMessage> all = new ArrayList<>();
        for (ByteBuf buf; (buf = ch.readOutbound()) != null; ) {
            try {
                if (buf.readableBytes() == 0) continue;
                all.add(((DecodeResult.Decoded) MessageCodec.decode(buf, WireContext.FOUR_OCTET_AS)).message());
            } finally {
                buf.release();
            }
        }
        return all;
    }
}
