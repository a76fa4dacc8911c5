package dev.corvid.bench.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.OriginatorId;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.Keepalive;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Open;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Nlri;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalicoLoadTest {

    @Test
    void announcesItsPodBlockAsAnOriginatedIbgpRouteOnceEstablished() {
        EmbeddedChannel ch = new EmbeddedChannel();
        SessionFleet fleet = new SessionFleet(options(3), ch.eventLoop(), EmbeddedChannel.class);
        establish(fleet, ch);

        Update announced = (Update) decode(ch.readOutbound());
        assertThat(announced.nlri()).containsExactly(Nlri.parse("10.0.0.0/26"));
        assertThat(announced.attributes()).containsExactly(Origin.IGP, AsPath.EMPTY,
                new NextHop(address("127.1.0.1")), new LocalPref(100));
        ch.finishAndReleaseAll();
    }

    @Test
    void holdsEachOtherBlockOnceUntilItIsWithdrawnAndIgnoresItsOwnAndForeignPrefixes() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel();
        SessionFleet fleet = new SessionFleet(options(3), ch.eventLoop(), EmbeddedChannel.class);
        establish(fleet, ch);
        ch.readOutbound(); // our announcement, released by finishAndReleaseAll

        ch.writeInbound(encode(reflected("10.0.0.64/26", "127.1.0.2")));
        ch.writeInbound(encode(reflected("10.0.0.64/26", "127.1.0.2")));
        ch.writeInbound(encode(reflected("10.0.0.0/26", "127.1.0.1")));
        ch.writeInbound(encode(reflected("192.168.0.0/26", "127.1.0.9")));
        SessionFleet.Progress one = progress(ch, fleet);
        assertThat(one.fewestHeld()).isEqualTo(1);
        assertThat(one.converged()).isZero();

        ch.writeInbound(encode(reflected("10.0.0.128/26", "127.1.0.3")));
        ch.writeInbound(encode(Update.endOfRib(Family.IPV4_UNICAST)));
        SessionFleet.Progress all = progress(ch, fleet);
        assertThat(all.fewestHeld()).isEqualTo(2);
        assertThat(all.converged()).isEqualTo(1);
        assertThat(all.endOfRib()).isEqualTo(1);

        ch.writeInbound(encode(new Update(List.of(Nlri.parse("10.0.0.64/26")), List.of(), List.of())));
        SessionFleet.Progress after = progress(ch, fleet);
        assertThat(after.fewestHeld()).isEqualTo(1);
        assertThat(after.converged()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void convergesWhenEverySessionHoldsEveryOtherBlock() throws Exception {
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        SessionFleet fleet = new SessionFleet(options(2), first.eventLoop(), EmbeddedChannel.class);
        establish(fleet, first);
        establish(fleet, second);
        first.writeInbound(encode(reflected("10.0.0.64/26", "127.1.0.2")));
        assertThat(fleet.converged()).isNotDone();

        second.writeInbound(encode(reflected("10.0.0.0/26", "127.1.0.1")));

        assertThat(fleet.converged()).isDone();
        SessionFleet.Progress p = fleet.converged().get();
        assertThat(p.converged()).isEqualTo(2);
        assertThat(p.convergedNanos()).isGreaterThanOrEqualTo(p.firstConnectNanos());
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    @Test
    void numbersPodBlocksUpFromTheFirstAcrossOctets() {
        PodBlocks blocks = new PodBlocks(Ipv4Prefix.parse("10.0.0.0/26"), 1000);
        assertThat(blocks.block(4)).isEqualTo(Ipv4Prefix.parse("10.0.1.0/26"));
        assertThat(blocks.block(999)).isEqualTo(Ipv4Prefix.parse("10.0.249.192/26"));
        assertThat(blocks.indexOf(Ipv4Prefix.parse("10.0.249.192/26"))).isEqualTo(999);
        assertThat(blocks.indexOf(Ipv4Prefix.parse("10.0.250.0/26"))).isEqualTo(-1);
        assertThat(blocks.indexOf(Ipv4Prefix.parse("9.255.255.192/26"))).isEqualTo(-1);
        assertThat(blocks.indexOf(Ipv4Prefix.parse("10.0.0.0/24"))).isEqualTo(-1);
    }

    @Test
    void refusesABlockWithHostBitsOrTooManyBlocks() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--target", "127.0.0.1:179", "--announce", "10.0.0.1/26"}))
                .hasMessageContaining("is not an IPv4 prefix with its host bits clear");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--target", "127.0.0.1:179", "--sessions", "10",
                "--announce", "255.255.255.0/26"})).hasMessageContaining("do not fit");
    }

    /** The next session of {@code fleet} on {@code ch}, through the OPEN exchange to Established. */
    private static void establish(SessionFleet fleet, EmbeddedChannel ch) {
        ch.pipeline().addLast(fleet.nextSession());
        ch.pipeline().fireChannelActive(); // the embedded channel was active before the session was added
        ch.writeInbound(encode(Open.of(64512, 90, address("127.0.0.1"), List.of())));
        ch.writeInbound(encode(Keepalive.INSTANCE));
        ((ByteBuf) ch.readOutbound()).release(); // our OPEN
        ((ByteBuf) ch.readOutbound()).release(); // our KEEPALIVE
    }

    /** A block as a reflector passes it on: the originator's next hop kept, ORIGINATOR_ID set (RFC 4456 §8). */
    private static Update reflected(String prefix, String originator) {
        return new Update(List.of(), List.of(Origin.IGP, AsPath.EMPTY, new NextHop(address(originator)),
                new LocalPref(100), new OriginatorId(address(originator))), List.of(Nlri.parse(prefix)));
    }

    private static LoadOptions options(int sessions) {
        try {
            return LoadOptions.parse(new String[] {"--target", "127.0.0.1:179", "--sessions", Integer.toString(sessions),
                    "--announce", "10.0.0.0/26"});
        } catch (LoadOptions.BadArguments e) {
            throw new AssertionError(e);
        }
    }

    private static SessionFleet.Progress progress(EmbeddedChannel ch, SessionFleet fleet) throws Exception {
        var future = fleet.progress();
        ch.runPendingTasks();
        return future.get();
    }

    private static ByteBuf encode(BgpMessage m) {
        return MessageCodec.encode(m, WireContext.DEFAULT, ByteBufAllocator.DEFAULT);
    }

    private static BgpMessage decode(ByteBuf buf) {
        try {
            return ((DecodeResult.Decoded) MessageCodec.decode(buf, WireContext.DEFAULT)).message();
        } finally {
            buf.release();
        }
    }

    private static Inet4Address address(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
