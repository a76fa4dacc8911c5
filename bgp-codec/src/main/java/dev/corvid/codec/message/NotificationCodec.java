package dev.corvid.codec.message;

import dev.corvid.codec.Bytes;
import io.netty.buffer.ByteBuf;

/** RFC 4271 §4.5 NOTIFICATION body: Error code (1 octet), Error subcode (1 octet), Data (the rest). */
final class NotificationCodec {
    private NotificationCodec() {}

    /**
     * Always decodes: RFC 4271 §6.4 gives no error for a received NOTIFICATION (there is no answering one), and
     * {@link MessageCodec} has already rejected a NOTIFICATION shorter than 21 octets as a header error.
     */
    static DecodeResult decode(ByteBuf body) {
        int code = body.readUnsignedByte();
        int subcode = body.readUnsignedByte();
        return new DecodeResult.Decoded(new Notification(code, subcode, Bytes.read(body, body.readableBytes())));
    }

    static void encode(Notification message, ByteBuf out) {
        out.writeByte(message.code());
        out.writeByte(message.subcode());
        message.data().writeTo(out);
    }
}
