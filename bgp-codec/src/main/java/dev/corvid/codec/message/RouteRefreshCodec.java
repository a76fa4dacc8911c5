package dev.corvid.codec.message;

import io.netty.buffer.ByteBuf;

/** PLACEHOLDER. */
final class RouteRefreshCodec {
    private RouteRefreshCodec() {}

    /** @param whole the complete message, header included (RFC 7313 §5 returns it as NOTIFICATION data) */
    static DecodeResult decode(ByteBuf body, ByteBuf whole) {
        throw new UnsupportedOperationException("todo");
    }

    static void encode(RouteRefresh message, ByteBuf out) {
        throw new UnsupportedOperationException("todo");
    }
}
