package dev.corvid.codec.message;

import io.netty.buffer.ByteBuf;

/** PLACEHOLDER. */
final class NotificationCodec {
    private NotificationCodec() {}

    static DecodeResult decode(ByteBuf body) {
        throw new UnsupportedOperationException("todo");
    }

    static void encode(Notification message, ByteBuf out) {
        throw new UnsupportedOperationException("todo");
    }
}
