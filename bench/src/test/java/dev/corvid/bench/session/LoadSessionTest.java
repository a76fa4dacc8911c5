package dev.corvid.bench.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.WireContext;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.Keepalive;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadSessionTest {
    private static final LoadOptions OPTIONS = parse("--target", "127.0.0.1:1790", "--sessions", "1", "--hold", "90");

    @Test
    void countsTheSessionEstablishedAtTheFirstKeepaliveAfterTheOpenExchange() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        SessionFleet fleet = new SessionFleet(OPTIONS, ch.eventLoop(), EmbeddedChannel.class);
        ch.pipeline().addLast(fleet.nextSession());
        ch.pipeline().fireChannelActive(); // the embedded channel was active before the session was added

        Open ours = (Open) decode(ch.readOutbound());
        assertThat(ours.asn()).isEqualTo(64512);
        assertThat(ours.holdTime()).isEqualTo(90);
        assertThat(ours.bgpIdentifier().getHostAddress()).isEqualTo("127.1.0.1");
        assertThat(ours.capabilities()).contains(new FourOctetAs(64512));

        ch.writeInbound(encode(Open.of(64512, 30, (Inet4Address) InetAddress.getByName("127.0.0.1"),
                List.of(new FourOctetAs(64512)))));
        assertThat(decode(ch.readOutbound())).isEqualTo(Keepalive.INSTANCE);
        assertThat(progress(ch, fleet).established()).isZero();

        ch.writeInbound(encode(Keepalive.INSTANCE));
        SessionFleet.Progress p = progress(ch, fleet);
        assertThat(p.established()).isEqualTo(1);
        assertThat(p.up()).isEqualTo(1);
        assertThat(p.setupNanos()).hasSize(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void countsANotificationAfterEstablishedAsADropWithItsDescription() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        SessionFleet fleet = new SessionFleet(OPTIONS, ch.eventLoop(), EmbeddedChannel.class);
        ch.pipeline().addLast(fleet.nextSession());
        ch.pipeline().fireChannelActive(); // the embedded channel was active before the session was added
        ch.writeInbound(encode(Open.of(64512, 90, (Inet4Address) InetAddress.getByName("127.0.0.1"), List.of())));
        ch.writeInbound(encode(Keepalive.INSTANCE));

        ch.writeInbound(encode(Notification.shutdown(Notification.ADMINISTRATIVE_SHUTDOWN, "maintenance")));

        SessionFleet.Progress p = progress(ch, fleet);
        assertThat(p.dropped()).isEqualTo(1);
        assertThat(p.up()).isZero();
        assertThat(p.reasons()).singleElement().asString()
                .contains("received NOTIFICATION Cease / Administrative Shutdown: \"maintenance\"");
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void countsSourceAddressesUpFromTheFirstAcrossOctets() {
        LoadOptions o = parse("--target", "127.0.0.1:179", "--source", "127.1.0.254");
        assertThat(o.source(0).getHostAddress()).isEqualTo("127.1.0.254");
        assertThat(o.source(3).getHostAddress()).isEqualTo("127.1.1.1");
    }

    @Test
    void refusesHoldTimesThatRfc4271Forbids() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--target", "127.0.0.1:179", "--hold", "2"}))
                .hasMessageContaining("--hold must be 0 or at least 3 seconds");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--sessions", "10"}))
                .hasMessageContaining("--target HOST:PORT is required");
    }

    private static SessionFleet.Progress progress(EmbeddedChannel ch, SessionFleet fleet) throws Exception {
        var future = fleet.progress();
        ch.runPendingTasks();
        return future.get();
    }

    private static ByteBuf encode(BgpMessage m) {
        return MessageCodec.encode(m, WireContext.FOUR_OCTET_AS, ByteBufAllocator.DEFAULT);
    }

    private static BgpMessage decode(ByteBuf buf) {
        try {
            return ((DecodeResult.Decoded) MessageCodec.decode(buf, WireContext.FOUR_OCTET_AS)).message();
        } finally {
            buf.release();
        }
    }

    private static LoadOptions parse(String... args) {
        try {
            return LoadOptions.parse(args);
        } catch (LoadOptions.BadArguments e) {
            throw new AssertionError(e);
        }
    }
}
