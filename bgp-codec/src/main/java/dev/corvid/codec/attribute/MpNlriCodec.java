package dev.corvid.codec.attribute;

import static dev.corvid.codec.attribute.PathAttribute.*;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.NlriCodec;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * DOC: MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760 §3, §4). NLRI of IPv4 and IPv6 unicast is decoded with
 * {@link NlriCodec}, with RFC 7911 Path Identifiers where ADD-PATH is negotiated for the family in that direction;
 * the next hop is kept as received (4, 16 or 32 octets; RFC 8950 allows 16 or 32 for IPv4 NLRI). The next hop and
 * NLRI of other families are kept as octets.
 *
 * <p>An error here cannot be treat-as-withdraw, because the NLRI to withdraw is what could not be read: RFC 7606
 * §3.j: "If this is not possible, the procedures of [RFC4271] and/or [RFC4760] continue to apply, meaning that the
 * "session reset" approach (or the "AFI/SAFI disable" approach) MUST be followed." corvid disables the family when
 * its AFI/SAFI can be read and resets the session (Optional Attribute Error, RFC 4760 §7) when it cannot.
 */
final class MpNlriCodec {
    private MpNlriCodec() {}

    /** The {@link AttributeDescriptor.MalformedRule} of both MP attributes. */
    static ValueOutcome malformed(int type, ByteBuf value, String reason) {
        if (value.readableBytes() >= 3) {
            int at = value.readerIndex();
            Family family = Family.of(value.getUnsignedShort(at), value.getUnsignedByte(at + 2));
            return ValueOutcome.disable(type, family, reason + "; " + family + " is disabled (RFC 7606 §3.j, RFC 4760 §7)");
        }
        return new ValueOutcome.Reset(AttributeCodec.OPTIONAL_ATTRIBUTE_ERROR,
                reason + "; its AFI/SAFI cannot be read, so the session is reset (RFC 7606 §3.j, RFC 4760 §7)");
    }

    static ValueOutcome decodeReach(ByteBuf v, WireContext ctx) {
        // RFC 7606 §5.3: MP_REACH_NLRI is malformed when its length is less than 5 (AFI, SAFI, next hop length,
        // reserved).
        if (v.readableBytes() < 5) {
            return malformed(MP_REACH_NLRI, v, "MP_REACH_NLRI of " + v.readableBytes() + " octets is shorter than 5");
        }
        Family family = Family.of(v.readUnsignedShort(), v.readUnsignedByte());
        int nextHopLength = v.readUnsignedByte();
        if (nextHopLength + 1 > v.readableBytes()) {
            return ValueOutcome.disable(MP_REACH_NLRI, family, "MP_REACH_NLRI next hop of " + nextHopLength
                    + " octets overruns the attribute; " + family + " is disabled (RFC 7606 §7.11)");
        }
        Bytes nextHop = Bytes.read(v, nextHopLength);
        v.skipBytes(1); // RFC 4760 §3: Reserved, "SHOULD be ignored upon receipt"
        if (!family.isKnownUnicast()) {
            return ValueOutcome.of(new MpReach(family, nextHop, List.of(), Bytes.read(v, v.readableBytes())));
        }
        Afi afi = family.afiEnum();
        // RFC 7606 §7.11: "If the Length of Next Hop Network Address field of the MP_REACH attribute is inconsistent
        // with that which was expected, the attribute is considered malformed. Since the next hop precedes the NLRI
        // field in the attribute, in this case it will not be possible to reliably locate the NLRI; thus, the
        // "session reset" or "AFI/SAFI disable" approach MUST be used." Expected: 4 for IPv4, 16 or 32 for IPv6
        // (RFC 2545 §3) and for IPv4 NLRI over an IPv6 next hop (RFC 8950 §3).
        if (!(nextHopLength == 16 || nextHopLength == 32 || afi == Afi.IPV4 && nextHopLength == 4)) {
            return ValueOutcome.disable(MP_REACH_NLRI, family, "MP_REACH_NLRI next hop of " + nextHopLength
                    + " octets is inconsistent with " + family + "; it is disabled (RFC 7606 §7.11)");
        }
        List<Nlri> nlri = new ArrayList<>();
        String error = NlriCodec.decode(v, afi, ctx.addPathReceive(family), nlri);
        // RFC 7606 §5.3: an NLRI length inconsistent with the AFI/SAFI or one that overruns the attribute makes it
        // malformed; §3.j then applies.
        if (error != null) {
            return ValueOutcome.disable(MP_REACH_NLRI, family, "MP_REACH_NLRI " + error + "; " + family
                    + " is disabled (RFC 7606 §5.3, §3.j)");
        }
        return ValueOutcome.of(new MpReach(family, nextHop, nlri));
    }

    static ValueOutcome decodeUnreach(ByteBuf v, WireContext ctx) {
        // RFC 7606 §5.3, §7.12: MP_UNREACH_NLRI is malformed when its length is less than 3 (AFI, SAFI).
        if (v.readableBytes() < 3) {
            return malformed(MP_UNREACH_NLRI, v, "MP_UNREACH_NLRI of " + v.readableBytes() + " octets is shorter than 3");
        }
        Family family = Family.of(v.readUnsignedShort(), v.readUnsignedByte());
        if (!family.isKnownUnicast()) {
            return ValueOutcome.of(new MpUnreach(family, List.of(), Bytes.read(v, v.readableBytes())));
        }
        List<Nlri> withdrawn = new ArrayList<>();
        String error = NlriCodec.decode(v, family.afiEnum(), ctx.addPathReceive(family), withdrawn);
        if (error != null) {
            return ValueOutcome.disable(MP_UNREACH_NLRI, family, "MP_UNREACH_NLRI " + error + "; " + family
                    + " is disabled (RFC 7606 §5.3, §3.j)");
        }
        return ValueOutcome.of(new MpUnreach(family, withdrawn));
    }

    static void encodeReach(MpReach m, WireContext ctx, ByteBuf out) {
        out.writeShort(m.family().afi()).writeByte(m.family().safi());
        out.writeByte(m.nextHop().length());
        m.nextHop().writeTo(out);
        out.writeByte(0); // RFC 4760 §3: Reserved, "MUST be set to 0"
        NlriCodec.encodeAll(m.nlri(), ctx.addPathSend(m.family()), out);
        m.otherNlri().writeTo(out);
    }

    static void encodeUnreach(MpUnreach m, WireContext ctx, ByteBuf out) {
        out.writeShort(m.family().afi()).writeByte(m.family().safi());
        NlriCodec.encodeAll(m.withdrawn(), ctx.addPathSend(m.family()), out);
        m.otherNlri().writeTo(out);
    }
}
