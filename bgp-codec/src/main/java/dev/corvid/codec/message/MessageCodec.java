package dev.corvid.codec.message;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.WireContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The one entry point from octets to messages and back.
 *
 * <p>RFC 4271 §4.1: every message starts with a 16-octet marker of all ones, a 2-octet total length
 * (19..4096, or 65535 with RFC 8654 extended messages) and a 1-octet type. Header errors are RFC 4271 §6.1
 * Message Header Errors; everything past the header is handed to the codec of the type.
 */
public final class MessageCodec {
    public static final int HEADER_LENGTH = 19;
    public static final int MARKER_LENGTH = 16;

    private MessageCodec() {}

    /**
     * The total length of the message at the reader index of {@code buf}, or -1 when fewer than 19 octets are
     * readable. Does not move the reader index and does not validate anything but the presence of a header.
     */
    public static int frameLength(ByteBuf buf) {
        if (buf.readableBytes() < HEADER_LENGTH) return -1;
        return buf.getUnsignedShort(buf.readerIndex() + MARKER_LENGTH);
    }

    /**
     * Decodes exactly one message: {@code frame} holds the header and the body and nothing else. Reads
     * {@code frame} to its end whatever the outcome; never throws on malformed input; never retains
     * {@code frame}.
     */
    public static DecodeResult decode(ByteBuf frame, WireContext ctx) {
        int total = frame.readableBytes();
        if (total < HEADER_LENGTH) {
            frame.skipBytes(total);
            return malformed(Notification.MESSAGE_HEADER_ERROR, 2, lengthData(total),
                    "message of " + total + " octets is shorter than the 19-octet header (RFC 4271 §6.1)");
        }
        int start = frame.readerIndex();
        for (int i = 0; i < MARKER_LENGTH; i++) {
            if (frame.getByte(start + i) != (byte) 0xFF) {
                frame.skipBytes(total);
                // RFC 4271 §6.1: Connection Not Synchronized; no data.
                return malformed(Notification.MESSAGE_HEADER_ERROR, 1, Bytes.EMPTY,
                        "marker is not all ones (RFC 4271 §6.1 Connection Not Synchronized)");
            }
        }
        int length = frame.getUnsignedShort(start + MARKER_LENGTH);
        int typeCode = frame.getUnsignedByte(start + MARKER_LENGTH + 2);
        MessageType type = MessageType.of(typeCode);
        Bytes lengthField = Bytes.of((byte) (length >>> 8), (byte) length);
        if (length != total) {
            frame.skipBytes(total);
            return malformed(Notification.MESSAGE_HEADER_ERROR, 2, lengthField,
                    "length field says " + length + " octets but the frame holds " + total);
        }
        if (length < HEADER_LENGTH || length > ctx.maxMessageLength()) {
            frame.skipBytes(total);
            return malformed(Notification.MESSAGE_HEADER_ERROR, 2, lengthField,
                    "length " + length + " is outside 19.." + ctx.maxMessageLength() + " (RFC 4271 §6.1"
                            + (ctx.extendedMessage() ? ", RFC 8654)" : "; RFC 8654 extended messages not negotiated)"));
        }
        // RFC 8654 §4: "The BGP Extended Message Capability applies to all messages except for OPEN and
        // KEEPALIVE messages." An OPEN is read before the capability is negotiated anyway.
        if (type == MessageType.OPEN && length > WireContext.MAX_MESSAGE) {
            frame.skipBytes(total);
            return malformed(Notification.MESSAGE_HEADER_ERROR, 2, lengthField,
                    "an OPEN of " + length + " octets exceeds 4096 (RFC 8654 §4 excludes OPEN from extended messages)");
        }
        if (type == null) {
            frame.skipBytes(total);
            return malformed(Notification.MESSAGE_HEADER_ERROR, 3, Bytes.of((byte) typeCode),
                    "unknown message type " + typeCode + " (RFC 4271 §6.1 Bad Message Type)");
        }
        // RFC 7313 §5: a ROUTE-REFRESH of the wrong length is a ROUTE-REFRESH Message Error, not a header error.
        if (length < type.minLength() && type != MessageType.ROUTE_REFRESH
                || type == MessageType.KEEPALIVE && length != HEADER_LENGTH) {
            frame.skipBytes(total);
            return malformed(Notification.MESSAGE_HEADER_ERROR, 2, lengthField,
                    "a " + type + " cannot be " + length + " octets long (RFC 4271 §6.1)");
        }
        frame.skipBytes(HEADER_LENGTH);
        ByteBuf body = frame.readSlice(length - HEADER_LENGTH);
        return switch (type) {
            case OPEN -> OpenCodec.decode(body, ctx);
            case UPDATE -> UpdateCodec.decode(body, ctx);
            case NOTIFICATION -> NotificationCodec.decode(body);
            case KEEPALIVE -> new DecodeResult.Decoded(Keepalive.INSTANCE);
            case ROUTE_REFRESH -> RouteRefreshCodec.decode(body, frame.slice(start, length));
        };
    }

    /** Encodes {@code message} (header included) into a new buffer from {@code alloc}. */
    public static ByteBuf encode(BgpMessage message, WireContext ctx, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(message instanceof Keepalive ? HEADER_LENGTH : 256);
        try {
            encode(message, ctx, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Appends {@code message} (header included) to {@code out}.
     *
     * @throws IllegalArgumentException when the message does not fit {@link WireContext#maxMessageLength()}: the
     *                                  caller must split (see {@code UpdatePacker}); {@code out} is left as it was
     */
    public static void encode(BgpMessage message, WireContext ctx, ByteBuf out) {
        int start = out.writerIndex();
        out.writeLong(-1L).writeLong(-1L);
        out.writeShort(0);
        out.writeByte(message.type().code());
        switch (message) {
            case Open m -> OpenCodec.encode(m, ctx, out);
            case Update m -> UpdateCodec.encode(m, ctx, out);
            case Notification m -> NotificationCodec.encode(m, out);
            case Keepalive m -> { }
            case RouteRefresh m -> RouteRefreshCodec.encode(m, out);
        }
        int length = out.writerIndex() - start;
        int max = message instanceof Open ? WireContext.MAX_MESSAGE : ctx.maxMessageLength();
        if (length > max) {
            out.writerIndex(start);
            throw new IllegalArgumentException(message.type() + " of " + length + " octets exceeds the maximum of "
                    + max + "; split it first");
        }
        out.setShort(start + MARKER_LENGTH, length);
    }

    static DecodeResult malformed(int code, int subcode, Bytes data, String reason) {
        return new DecodeResult.Malformed(new Notification(code, subcode, data), reason);
    }

    private static Bytes lengthData(int length) {
        return Bytes.of((byte) (length >>> 8), (byte) length);
    }
}
