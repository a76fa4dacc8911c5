package dev.corvid.codec.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.WireContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Runs the attribute codec over annotated hex, checking that every buffer is read to its end and released. */
final class Wire {
    private Wire() {}

    static AttributeResult decode(String annotatedHex, WireContext ctx) {
        return decode(Bytes.fromHex(annotatedHex), ctx);
    }

    static AttributeResult decode(Bytes octets, WireContext ctx) {
        ByteBuf field = Unpooled.wrappedBuffer(octets.toArray());
        try {
            AttributeResult result = AttributeCodec.decode(field, ctx);
            assertThat(field.isReadable()).as("the field is read to its end").isFalse();
            return result;
        } finally {
            assertThat(field.release()).isTrue();
            assertThat(field.refCnt()).isZero();
        }
    }

    /** Encodes into a pooled direct buffer, as the session would. */
    static Bytes encode(List<PathAttribute> attributes, WireContext ctx) {
        ByteBuf out = ByteBufAllocator.DEFAULT.directBuffer();
        try {
            AttributeCodec.encode(attributes, ctx, out);
            return Bytes.read(out, out.readableBytes());
        } finally {
            out.release();
        }
    }

    /** Decoding {@code annotatedHex} gives exactly {@code expected}, and encoding {@code expected} gives the octets. */
    static void assertBothWays(String annotatedHex, WireContext ctx, PathAttribute... expected) {
        AttributeResult decoded = decode(annotatedHex, ctx);
        assertThat(decoded.reset()).isNull();
        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.attributes()).containsExactly(expected);
        assertThat(encode(List.of(expected), ctx)).isEqualTo(Bytes.fromHex(annotatedHex));
    }

    static Inet4Address ip(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
