package dev.corvid.codec.message;

import dev.corvid.codec.Afi;
import dev.corvid.codec.AttributeError;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.Severity;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AttributeCodec;
import dev.corvid.codec.attribute.AttributeResult;
import dev.corvid.codec.attribute.MpReach;
import dev.corvid.codec.attribute.MpUnreach;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.NlriCodec;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * DOC: the body of an UPDATE (RFC 4271 §4.3) and the message-level rules of RFC 7606.
 *
 * <pre>
 * +-----------------------------------------------------+
 * |   Withdrawn Routes Length (2 octets)                |
 * |   Withdrawn Routes (variable)                       |  IPv4 NLRI, RFC 7911 path ids if negotiated
 * |   Total Path Attribute Length (2 octets)            |
 * |   Path Attributes (variable)                        |  {@link AttributeCodec}
 * |   Network Layer Reachability Information (variable) |  IPv4 NLRI to the end of the message
 * +-----------------------------------------------------+
 * </pre>
 *
 * The decoder splits the three fields, hands the attributes to {@link AttributeCodec}, and then applies what RFC 7606
 * says about the message as a whole: the field lengths (§3.b), the NLRI and Withdrawn Routes syntax (§3.i, §3.j,
 * §5.3), the well-known mandatory attributes (§3.d) and UPDATEs without reachable NLRI (§5.2). The harshest finding
 * wins (§3.h): any session reset becomes a {@link DecodeResult.Malformed}, everything else is listed in
 * {@link DecodeResult.Decoded#errors()}.
 */
final class UpdateCodec {
    /** RFC 4271 §6.3 UPDATE Message Error subcodes used here. */
    static final int MALFORMED_ATTRIBUTE_LIST = 1;
    static final int INVALID_NETWORK_FIELD = 10;

    private UpdateCodec() {}

    static DecodeResult decode(ByteBuf body, WireContext ctx) {
        int bodyLength = body.readableBytes();
        // RFC 7606 §3.b: "If the Withdrawn Routes Length or Total Attribute Length is too large (i.e., if Withdrawn
        // Routes Length + Total Attribute Length + 23 exceeds the message Length), then the Error Subcode MUST be
        // set to Malformed Attribute List." Both length fields must at least be present.
        if (bodyLength < 4) {
            body.skipBytes(bodyLength);
            return malformedAttributeList("UPDATE body of " + bodyLength
                    + " octets cannot hold the two length fields (RFC 4271 §4.3)");
        }
        int withdrawnLength = body.readUnsignedShort();
        if (withdrawnLength > bodyLength - 4) {
            body.skipBytes(body.readableBytes());
            return malformedAttributeList("Withdrawn Routes Length " + withdrawnLength + " overruns the UPDATE ("
                    + (bodyLength - 4) + " octets after the length fields; RFC 7606 §3.b)");
        }
        ByteBuf withdrawnField = body.readSlice(withdrawnLength);
        int attributesLength = body.readUnsignedShort();
        if (attributesLength > body.readableBytes()) {
            int left = body.readableBytes();
            body.skipBytes(left);
            return malformedAttributeList("Withdrawn Routes Length " + withdrawnLength + " + Total Path Attribute Length "
                    + attributesLength + " + 23 exceeds the message length " + (bodyLength + MessageCodec.HEADER_LENGTH)
                    + " (RFC 7606 §3.b)");
        }
        ByteBuf attributesField = body.readSlice(attributesLength);
        ByteBuf nlriField = body.readSlice(body.readableBytes());

        boolean addPath = ctx.addPathReceive(Family.IPV4_UNICAST);
        // RFC 7606 §3.i: "The Withdrawn Routes field MUST be checked for syntactic correctness in the same manner as
        // the NLRI field." §3.j: when it cannot be parsed, "session reset" applies.
        List<Nlri> withdrawn = decodeIpv4(withdrawnField, addPath);
        if (withdrawn == null) {
            return invalidNetworkField(withdrawnField, addPath, "Withdrawn Routes");
        }

        List<PathAttribute> attributes;
        List<AttributeError> errors;
        if (attributesLength == 0) {
            attributes = List.of();
            errors = List.of();
        } else {
            AttributeResult result = AttributeCodec.decode(attributesField, ctx);
            if (result.reset() != null) return result.reset();
            attributes = result.attributes();
            errors = result.errors();
        }

        // RFC 7606 §5.3 / §3.j: a syntactically incorrect NLRI field leaves no way to withdraw what it held, so
        // "session reset" applies (RFC 4271 §6.3 Invalid Network Field).
        List<Nlri> nlri = decodeIpv4(nlriField, addPath);
        if (nlri == null) {
            return invalidNetworkField(nlriField, addPath, "NLRI");
        }

        boolean reachable = !nlri.isEmpty() || hasReachableMpNlri(attributes);
        if (reachable) {
            errors = withMissingMandatory(errors, attributes, !nlri.isEmpty());
        } else if (hasAttributeOtherThanMpUnreach(attributes, errors)) {
            // RFC 7606 §5.2: an UPDATE that "does contain path attributes other than MP_UNREACH_NLRI and doesn't
            // encode any reachable NLRI" cannot be trusted to have been parsed right when an attribute is in error,
            // so any error stronger than "attribute discard" resets the session. The End-of-RIB marker (only an
            // empty MP_UNREACH_NLRI) is exempt by construction.
            for (AttributeError e : errors) {
                if (e.action() == Severity.TREAT_AS_WITHDRAW) {
                    return MessageCodec.malformed(Notification.UPDATE_MESSAGE_ERROR, MALFORMED_ATTRIBUTE_LIST,
                            Bytes.EMPTY, "UPDATE without reachable NLRI has an attribute error that calls for"
                                    + " treat-as-withdraw (" + e.reason() + "); RFC 7606 §5.2 requires a session reset");
                }
            }
        }
        return new DecodeResult.Decoded(new Update(withdrawn, attributes, nlri), errors);
    }

    /** The IPv4 NLRI of {@code field}, or {@code null} when it is syntactically incorrect (RFC 7606 §5.3). */
    private static List<Nlri> decodeIpv4(ByteBuf field, boolean addPath) {
        if (!field.isReadable()) return List.of();
        // A /24 takes 4 octets, the common case; the list grows for longer prefixes.
        List<Nlri> out = new ArrayList<>((field.readableBytes() >>> 2) + 1);
        return NlriCodec.decode(field, Afi.IPV4, addPath, out) == null ? out : null;
    }

    private static DecodeResult invalidNetworkField(ByteBuf field, boolean addPath, String name) {
        // Decode again on a fresh view just for the sentence; this path is the rare one.
        String why = NlriCodec.decode(field.readerIndex(0), Afi.IPV4, addPath, new ArrayList<>());
        return MessageCodec.malformed(Notification.UPDATE_MESSAGE_ERROR, INVALID_NETWORK_FIELD, Bytes.EMPTY,
                name + " field is syntactically incorrect: " + why + " (RFC 7606 §5.3: session reset)");
    }

    private static boolean hasReachableMpNlri(List<PathAttribute> attributes) {
        for (PathAttribute a : attributes) {
            if (a instanceof MpReach r && (!r.nlri().isEmpty() || r.otherNlri().length() > 0)) return true;
        }
        return false;
    }

    private static boolean hasAttributeOtherThanMpUnreach(List<PathAttribute> attributes, List<AttributeError> errors) {
        for (PathAttribute a : attributes) {
            if (!(a instanceof MpUnreach)) return true;
        }
        // A discarded or withdrawn attribute is no longer in the list but was in the message.
        for (AttributeError e : errors) {
            if (e.attributeType() != PathAttribute.MP_UNREACH_NLRI) return true;
        }
        return false;
    }

    /**
     * RFC 7606 §3.d: "If any of the well-known mandatory attributes are not present in an UPDATE message, then
     * 'treat-as-withdraw' MUST be used." ORIGIN and AS_PATH are mandatory whenever NLRI are announced (RFC 4271 §5,
     * RFC 4760 §3); NEXT_HOP only with NLRI in the IPv4 NLRI field, because "[RFC4760] reclassifies NEXT_HOP as what
     * is effectively discretionary" for MP_REACH_NLRI. An attribute already reported as malformed is not reported
     * again as missing.
     */
    private static List<AttributeError> withMissingMandatory(List<AttributeError> errors, List<PathAttribute> attributes,
                                                             boolean ipv4Nlri) {
        boolean origin = false, asPath = false, nextHop = !ipv4Nlri;
        for (PathAttribute a : attributes) {
            switch (a.typeCode()) {
                case PathAttribute.ORIGIN -> origin = true;
                case PathAttribute.AS_PATH -> asPath = true;
                case PathAttribute.NEXT_HOP -> nextHop = true;
                default -> { }
            }
        }
        for (AttributeError e : errors) {
            switch (e.attributeType()) {
                case PathAttribute.ORIGIN -> origin = true;
                case PathAttribute.AS_PATH -> asPath = true;
                case PathAttribute.NEXT_HOP -> nextHop = true;
                default -> { }
            }
        }
        if (origin && asPath && nextHop) return errors;
        List<AttributeError> out = new ArrayList<>(errors);
        if (!origin) out.add(missing(PathAttribute.ORIGIN, "ORIGIN"));
        if (!asPath) out.add(missing(PathAttribute.AS_PATH, "AS_PATH"));
        if (!nextHop) out.add(missing(PathAttribute.NEXT_HOP, "NEXT_HOP"));
        return out;
    }

    private static AttributeError missing(int type, String name) {
        return AttributeError.withdraw(type, "well-known mandatory attribute " + name
                + " is missing from an UPDATE that announces NLRI (RFC 7606 §3.d: treat-as-withdraw)");
    }

    private static DecodeResult malformedAttributeList(String reason) {
        return MessageCodec.malformed(Notification.UPDATE_MESSAGE_ERROR, MALFORMED_ATTRIBUTE_LIST, Bytes.EMPTY, reason);
    }

    /**
     * Appends the body of {@code message}. Attributes are written in the order of the list (RFC 7606 §5.1 asks
     * senders to put MP_REACH_NLRI / MP_UNREACH_NLRI first; {@link UpdatePacker} and the record's users do so).
     * Field lengths beyond 65535 are caught by {@link MessageCodec#encode}'s size check.
     */
    static void encode(Update message, WireContext ctx, ByteBuf out) {
        boolean addPath = ctx.addPathSend(Family.IPV4_UNICAST);
        int withdrawnAt = out.writerIndex();
        out.writeShort(0);
        NlriCodec.encodeAll(message.withdrawn(), addPath, out);
        out.setShort(withdrawnAt, out.writerIndex() - withdrawnAt - 2);
        int attributesAt = out.writerIndex();
        out.writeShort(0);
        if (!message.attributes().isEmpty()) {
            AttributeCodec.encode(message.attributes(), ctx, out);
        }
        out.setShort(attributesAt, out.writerIndex() - attributesAt - 2);
        NlriCodec.encodeAll(message.nlri(), addPath, out);
    }
}
