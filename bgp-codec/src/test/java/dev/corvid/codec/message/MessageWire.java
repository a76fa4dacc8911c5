package dev.corvid.codec.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.WireContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Test plumbing for whole messages: decode and encode through {@link MessageCodec}, checking buffers are freed. */
final class MessageWire {
    private MessageWire() {}

    /** Decodes one frame; asserts the codec read it to the end and that the buffer is released afterwards. */
    static DecodeResult decode(Bytes frame, WireContext ctx) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame.toArray());
        try {
            DecodeResult result = MessageCodec.decode(buf, ctx);
            assertThat(buf.isReadable()).as("frame read to its end").isFalse();
            return result;
        } finally {
            assertThat(buf.release()).isTrue();
            assertThat(buf.refCnt()).isZero();
        }
    }

    static DecodeResult decode(Bytes frame) {
        return decode(frame, WireContext.FOUR_OCTET_AS);
    }

    static Bytes encode(BgpMessage message, WireContext ctx) {
        ByteBuf out = MessageCodec.encode(message, ctx, PooledByteBufAllocator.DEFAULT);
        try {
            return Bytes.read(out, out.readableBytes());
        } finally {
            assertThat(out.release()).isTrue();
        }
    }

    /**
     * Like {@link #encode(BgpMessage, WireContext)} into a buffer wrapping an array, which Netty's leak detector does
     * not track: at the paranoid level it records a stack trace per write, too slow for thousands of messages.
     */
    static Bytes encodeUntracked(BgpMessage message, WireContext ctx) {
        ByteBuf out = Unpooled.wrappedBuffer(new byte[ctx.maxMessageLength()]).clear();
        try {
            MessageCodec.encode(message, ctx, out);
            return Bytes.read(out, out.readableBytes());
        } finally {
            assertThat(out.release()).isTrue();
        }
    }

    static Bytes encode(BgpMessage message) {
        return encode(message, WireContext.FOUR_OCTET_AS);
    }

    /** The message in {@code result}, asserting it decoded without findings. */
    static BgpMessage decoded(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        DecodeResult.Decoded d = (DecodeResult.Decoded) result;
        assertThat(d.errors()).isEmpty();
        return d.message();
    }

    /** The NOTIFICATION in {@code result}, asserting it is a session reset. */
    static Notification malformed(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
        return ((DecodeResult.Malformed) result).notification();
    }

    /** A 19-octet header of {@code type} (length computed) followed by {@code body}. */
    static Bytes frame(int type, Bytes body) {
        int length = MessageCodec.HEADER_LENGTH + body.length();
        byte[] octets = new byte[length];
        Arrays.fill(octets, 0, MessageCodec.MARKER_LENGTH, (byte) 0xFF);
        octets[16] = (byte) (length >>> 8);
        octets[17] = (byte) length;
        octets[18] = (byte) type;
        System.arraycopy(body.toArray(), 0, octets, MessageCodec.HEADER_LENGTH, body.length());
        return Bytes.of(octets);
    }

    static Inet4Address ip(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByName(dotted);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(dotted, e);
        }
    }
}
