package dev.corvid.codec.message;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import io.netty.buffer.ByteBuf;

/** RFC 2918 §3 / RFC 7313 §3 ROUTE-REFRESH body: AFI, Message Subtype, SAFI — exactly 4 octets. */
final class RouteRefreshCodec {
    /** RFC 7313 §5 ROUTE-REFRESH Message Error subcode. */
    static final int INVALID_MESSAGE_LENGTH = 1;
    private static final int BODY_LENGTH = 4;

    private RouteRefreshCodec() {}

    /** @param whole the complete message, header included (RFC 7313 §5 returns it as NOTIFICATION data) */
    static DecodeResult decode(ByteBuf body, ByteBuf whole) {
        int length = body.readableBytes();
        // RFC 7313 §5: "When the BGP speaker receives a ROUTE-REFRESH message with a 'Message Subtype' field other
        // than 0, 1, or 2, it MUST ignore the received ROUTE-REFRESH message" — whatever its length, so the subtype
        // is looked at first, when there is one to look at.
        int subtype = length >= BODY_LENGTH ? body.getUnsignedByte(body.readerIndex() + 2) : -1;
        // RFC 7313 §5: "If the length, excluding the fixed-size message header, of the received ROUTE-REFRESH message
        // with Message Subtype 1 and 2 is not 4, then the BGP speaker MUST send a NOTIFICATION message with the Error
        // Code of 'ROUTE-REFRESH Message Error' and the subcode of 'Invalid Message Length'. The Data field of the
        // NOTIFICATION message MUST contain the complete ROUTE-REFRESH message." corvid negotiates no ORF (RFC 5291),
        // so a subtype 0 message is fixed at 4 octets too (RFC 2918 §3), and a body too short to hold a subtype is
        // the same error.
        if (length != BODY_LENGTH && subtype <= RouteRefresh.END_OF_ROUTE_REFRESH) {
            body.skipBytes(length);
            return MessageCodec.malformed(Notification.ROUTE_REFRESH_MESSAGE_ERROR, INVALID_MESSAGE_LENGTH,
                    Bytes.read(whole, whole.readableBytes()),
                    "ROUTE-REFRESH of " + length + " octets after the header; it must be 4 (RFC 7313 §5)");
        }
        int afi = body.readUnsignedShort();
        body.skipBytes(1);
        int safi = body.readUnsignedByte();
        body.skipBytes(body.readableBytes());
        return new DecodeResult.Decoded(new RouteRefresh(Family.of(afi, safi), subtype));
    }

    static void encode(RouteRefresh message, ByteBuf out) {
        out.writeShort(message.family().afi());
        out.writeByte(message.subtype());
        out.writeByte(message.family().safi());
    }
}
