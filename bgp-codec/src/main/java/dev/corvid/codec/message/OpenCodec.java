package dev.corvid.codec.message;

import dev.corvid.codec.WireContext;
import io.netty.buffer.ByteBuf;

/** PLACEHOLDER. */
final class OpenCodec {
    private OpenCodec() {}

    static DecodeResult decode(ByteBuf body, WireContext ctx) {
        throw new UnsupportedOperationException("todo");
    }

    static void encode(Open message, WireContext ctx, ByteBuf out) {
        throw new UnsupportedOperationException("todo");
    }
}
