package dev.corvid.fsm.transport;

import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;
import java.util.function.IntSupplier;

/**
 * RFC 4271 §4.1: cuts the byte stream into messages by the 2-octet Length at offset 16 ("the total length of
 * the message, including the header in octets"), up to 65535 octets. Framing only: the frame goes whole to
 * {@link MessageCodec#decode}, which checks the marker, the type and the negotiated maximum length.
 */
final class BgpFrameDecoder extends LengthFieldBasedFrameDecoder {
    private final IntSupplier maxMessageLength;

    /** @param maxMessageLength the longest message the session accepts now (4096 until RFC 8654 is negotiated) */
    BgpFrameDecoder(IntSupplier maxMessageLength) {
        super(WireContext.MAX_EXTENDED_MESSAGE, MessageCodec.MARKER_LENGTH, 2, -(MessageCodec.MARKER_LENGTH + 2), 0);
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * A header with a wrong marker or an impossible Length is passed on alone, at once: RFC 4271 §6.1 says to
     * answer it with Connection Not Synchronized or Bad Message Length, and waiting for the up to 65535 octets
     * such a Length announces would leave a peer that sent garbage hanging instead.
     */
    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (in.readableBytes() >= MessageCodec.HEADER_LENGTH && !plausibleHeader(in)) {
            return in.readRetainedSlice(MessageCodec.HEADER_LENGTH);
        }
        return super.decode(ctx, in);
    }

    private boolean plausibleHeader(ByteBuf in) {
        int start = in.readerIndex();
        for (int i = 0; i < MessageCodec.MARKER_LENGTH; i++) {
            if (in.getByte(start + i) != (byte) 0xFF) return false;
        }
        int length = in.getUnsignedShort(start + MessageCodec.MARKER_LENGTH);
        return length >= MessageCodec.HEADER_LENGTH && length <= maxMessageLength.getAsInt();
    }

    /**
     * A Length below the 19-octet header cannot delimit a message (possible before 19 octets have arrived); the
     * header alone is framed instead, so the codec answers with RFC 4271 §6.1 Bad Message Length.
     */
    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long value = super.getUnadjustedFrameLength(buf, offset, length, order);
        return Math.max(value, MessageCodec.HEADER_LENGTH);
    }
}
