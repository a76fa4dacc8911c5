package dev.corvid.codec.message;

import dev.corvid.codec.WireContext;
import io.netty.buffer.ByteBuf;

/** PLACEHOLDER. */
final class UpdateCodec {
    private UpdateCodec() {}

    static DecodeResult decode(ByteBuf body, WireContext ctx) {
        throw new UnsupportedOperationException("todo");
    }

    static void encode(Update message, WireContext ctx, ByteBuf out) {
        throw new UnsupportedOperationException("todo");
    }
}
