package dev.corvid.codec.attribute;

import static dev.corvid.codec.attribute.PathAttribute.*;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.Notification;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * DOC: the Path Attributes field of one UPDATE, both ways. The checks every attribute shares run here, once:
 * framing and lengths (RFC 4271 §4.3, RFC 7606 §4), Optional/Transitive flags against the type (RFC 7606 §3.c),
 * repeated types (§3.g) and unrecognized types (RFC 4271 §5, §6.3). Each type's own value rules live with its
 * {@link AttributeDescriptor}. On a 2-octet-AS session, AS4_PATH and AS4_AGGREGATOR are merged into AS_PATH and
 * AGGREGATOR after decoding and derived from them when encoding ({@link As4Merge}).
 *
 * <p>Outcomes follow RFC 7606. An attribute handled with "attribute discard" is left out of the result; so is one
 * whose error makes the UPDATE "treat-as-withdraw" (the NLRI are withdrawn anyway, and keeping a value that could
 * not be read would mean inventing one). Both are reported as {@link AttributeError}s. What this codec cannot see
 * is the UPDATE codec's: missing mandatory attributes (RFC 7606 §3.d), NEXT_HOP needed for IPv4 NLRI, and an
 * UPDATE with errors but no NLRI (§5.2); the session's: attributes that are wrong only from an eBGP peer.
 */
public final class AttributeCodec {
    /** RFC 4271 §4.5 UPDATE Message Error subcodes used here. */
    static final int MALFORMED_ATTRIBUTE_LIST = 1;
    static final int UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
    static final int OPTIONAL_ATTRIBUTE_ERROR = 9;

    private static final int MAX_ATTRIBUTE_LENGTH = 0xFFFF;

    private AttributeCodec() {}

    /**
     * Decodes the whole Path Attributes field of one UPDATE ({@code field} holds exactly those octets) and reads it
     * to its end. Never throws on malformed input and never retains {@code field}. When the session must be reset,
     * the result holds only {@link AttributeResult#reset()}: nothing else in the UPDATE is used.
     */
    public static AttributeResult decode(ByteBuf field, WireContext ctx) {
        List<PathAttribute> attributes = new ArrayList<>();
        List<AttributeError> errors = new ArrayList<>();
        boolean[] seen = new boolean[256];
        while (field.isReadable()) {
            int start = field.readerIndex();
            int remaining = field.readableBytes();
            int flags = field.getUnsignedByte(start);
            int headerLength = (flags & FLAG_EXTENDED_LENGTH) != 0 ? 4 : 3;
            // RFC 7606 §4: "fewer than three octets remain (or fewer than four octets, if the Attribute Flags field
            // has the Extended Length bit set) when beginning to parse the attribute [...] the "treat-as-withdraw"
            // approach MUST be used".
            if (remaining < headerLength) {
                int type = remaining >= 2 ? field.getUnsignedByte(start + 1) : -1;
                errors.add(AttributeError.withdraw(type, remaining + " octets left at the end of the path attributes"
                        + " cannot hold an attribute header (RFC 7606 §4)"));
                field.skipBytes(remaining);
                break;
            }
            int type = field.getUnsignedByte(start + 1);
            int length = headerLength == 4 ? field.getUnsignedShort(start + 2) : field.getUnsignedByte(start + 2);
            AttributeDescriptor descriptor = AttributeDescriptor.of(type);
            if (length > remaining - headerLength) {
                ValueOutcome outcome = overrun(descriptor, type, length, field.slice(start + headerLength,
                        remaining - headerLength));
                field.skipBytes(remaining);
                if (outcome instanceof ValueOutcome.Reset r) return reset(r, field.slice(start, remaining));
                errors.add(((ValueOutcome.Failed) outcome).error());
                break;
            }
            ByteBuf whole = field.slice(start, headerLength + length);
            field.skipBytes(headerLength);
            ByteBuf value = field.readSlice(length);
            if (seen[type]) {
                // RFC 7606 §3.g: "If the MP_REACH_NLRI attribute or the MP_UNREACH_NLRI [RFC4760] attribute appears
                // more than once in the UPDATE message, then a NOTIFICATION message MUST be sent with the Error
                // Subcode "Malformed Attribute List". If any other attribute (whether recognized or unrecognized)
                // appears more than once in an UPDATE message, then all the occurrences of the attribute other
                // than the first one SHALL be discarded and the UPDATE message will continue to be processed."
                if (type == MP_REACH_NLRI || type == MP_UNREACH_NLRI) {
                    field.skipBytes(field.readableBytes());
                    return new AttributeResult(List.of(), List.of(), new DecodeResult.Malformed(
                            new Notification(Notification.UPDATE_MESSAGE_ERROR, MALFORMED_ATTRIBUTE_LIST),
                            descriptor.name() + " appears more than once (RFC 7606 §3.g)"));
                }
                errors.add(AttributeError.discard(type, "attribute type " + type
                        + " appears more than once; all but the first are discarded (RFC 7606 §3.g)"));
                continue;
            }
            seen[type] = true;
            ValueOutcome outcome = decodeOne(descriptor, flags, type, value, ctx);
            switch (outcome) {
                case ValueOutcome.Value v -> attributes.add(v.attribute());
                case ValueOutcome.Failed f -> errors.add(f.error());
                case ValueOutcome.Ignored i -> { }
                case ValueOutcome.Reset r -> {
                    field.skipBytes(field.readableBytes());
                    return reset(r, whole);
                }
            }
        }
        if (!ctx.fourOctetAs()) As4Merge.merge(attributes);
        return new AttributeResult(attributes, errors, null);
    }

    private static ValueOutcome decodeOne(AttributeDescriptor descriptor, int flags, int type, ByteBuf value,
                                          WireContext ctx) {
        if (descriptor == null) return unrecognized(flags, type, value);
        // RFC 7606 §3.c: "If the value of either the Optional or Transitive bits in the Attribute Flags is in
        // conflict with their specified values, then the attribute MUST be treated as malformed and the
        // "treat-as-withdraw" approach used, unless the specification for the attribute mandates different
        // handling for incorrect Attribute Flags." The descriptor's rule is that handling.
        int ot = flags & (FLAG_OPTIONAL | FLAG_TRANSITIVE);
        if (ot != descriptor.flags()) {
            return descriptor.malformed().apply(type, value, String.format(
                    "%s has flags 0x%02x where the Optional and Transitive bits must be 0x%02x (RFC 7606 §3.c)",
                    descriptor.name(), flags, descriptor.flags()));
        }
        return descriptor.decoder().decode(value, ctx);
    }

    /**
     * RFC 4271 §5: "If [an unrecognized optional] attribute is transitive, [it] should be accepted [...] and passed
     * along to other BGP peers"; a non-transitive one "MUST be quietly ignored". An unrecognized well-known one is
     * an error (RFC 4271 §6.3: "If any of the well-known mandatory attributes are not recognized, then the Error
     * Subcode MUST be set to Unrecognized Well-known Attribute. The Data field MUST contain the unrecognized
     * attribute (type, length, and value)."); RFC 7606 does not revise it.
     */
    private static ValueOutcome unrecognized(int flags, int type, ByteBuf value) {
        if ((flags & FLAG_OPTIONAL) == 0) {
            return new ValueOutcome.Reset(UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE,
                    "attribute type " + type + " is well-known but not recognized (RFC 4271 §6.3)");
        }
        if ((flags & FLAG_TRANSITIVE) == 0) return new ValueOutcome.Ignored();
        // Kept without the Extended Length bit (the encoder picks the length form) and the four unused low bits
        // ("MUST be zero when sent and MUST be ignored when received", RFC 4271 §4.3).
        int kept = flags & (FLAG_OPTIONAL | FLAG_TRANSITIVE | FLAG_PARTIAL);
        return ValueOutcome.of(new UnknownAttribute(kept, type, Bytes.read(value, value.readableBytes())));
    }

    /**
     * RFC 7606 §4: "the length of the last encountered path attribute would cause the Total Attribute Length to be
     * exceeded when parsing the enclosed path attributes [...] the "treat-as-withdraw" approach MUST be used
     * (unless some other, more severe error is encountered dictating a stronger approach)". A truncated
     * MP_REACH_NLRI or MP_UNREACH_NLRI is that more severe error: its NLRI cannot be withdrawn (§3.j).
     */
    private static ValueOutcome overrun(AttributeDescriptor descriptor, int type, int length, ByteBuf available) {
        String reason = "attribute type " + type + " of " + length + " octets overruns the path attributes, which have "
                + available.readableBytes() + " octets left (RFC 7606 §4)";
        if (type == MP_REACH_NLRI || type == MP_UNREACH_NLRI) return descriptor.malformed().apply(type, available, reason);
        return ValueOutcome.withdraw(type, reason);
    }

    private static AttributeResult reset(ValueOutcome.Reset r, ByteBuf attribute) {
        Bytes data = Bytes.read(attribute.duplicate(), attribute.readableBytes());
        return new AttributeResult(List.of(), List.of(), new DecodeResult.Malformed(
                new Notification(Notification.UPDATE_MESSAGE_ERROR, r.subcode(), data), r.reason()));
    }

    /**
     * Appends {@code attributes} in the order given. Each uses the 1-octet length when its value fits in 255
     * octets and the Extended Length flag otherwise (RFC 4271 §4.3). Known types carry the flags their RFC fixes;
     * {@link UnknownAttribute}s carry their own. On a 2-octet-AS session, AS4_PATH and AS4_AGGREGATOR are written
     * right after AS_PATH and AGGREGATOR when an AS does not fit in 2 octets (RFC 6793 §4.2.2); {@link As4Path}
     * and {@link As4Aggregator} records in the list are never written, since they are derived.
     *
     * @throws IllegalArgumentException when an attribute value exceeds 65535 octets
     */
    public static void encode(List<PathAttribute> attributes, WireContext ctx, ByteBuf out) {
        for (PathAttribute a : attributes) {
            switch (a) {
                case As4Path p -> { }
                case As4Aggregator g -> { }
                case UnknownAttribute u -> {
                    int start = writeHeader(u.flags(), u.typeCode(), out);
                    u.value().writeTo(out);
                    finish(start, out);
                }
                case AsPath p -> {
                    write(p, ctx, out);
                    As4Path as4 = ctx.fourOctetAs() ? null : As4Merge.as4PathFor(p);
                    if (as4 != null) write(as4, ctx, out);
                }
                case Aggregator g -> {
                    write(g, ctx, out);
                    As4Aggregator as4 = ctx.fourOctetAs() ? null : As4Merge.as4AggregatorFor(g);
                    if (as4 != null) write(as4, ctx, out);
                }
                default -> write(a, ctx, out);
            }
        }
    }

    private static void write(PathAttribute a, WireContext ctx, ByteBuf out) {
        AttributeDescriptor d = AttributeDescriptor.of(a.typeCode());
        int start = writeHeader(d.flags(), d.typeCode(), out);
        d.encoder().encode(a, ctx, out);
        finish(start, out);
    }

    /** Writes flags with Extended Length, the type, and a 2-octet length to fill in; returns where it started. */
    private static int writeHeader(int flags, int type, ByteBuf out) {
        int start = out.writerIndex();
        out.writeByte((flags | FLAG_EXTENDED_LENGTH) & 0xF0).writeByte(type).writeShort(0);
        return start;
    }

    /** Fills in the length; a value of up to 255 octets moves back one octet to use the 1-octet form. */
    private static void finish(int start, ByteBuf out) {
        int length = out.writerIndex() - start - 4;
        if (length > MAX_ATTRIBUTE_LENGTH) {
            int type = out.getUnsignedByte(start + 1);
            out.writerIndex(start);
            throw new IllegalArgumentException("attribute type " + type + " value of " + length
                    + " octets exceeds 65535; split it first");
        }
        if (length > 255) {
            out.setShort(start + 2, length);
            return;
        }
        out.setByte(start, out.getUnsignedByte(start) & ~FLAG_EXTENDED_LENGTH);
        out.setByte(start + 2, length);
        for (int i = start + 3; i < start + 3 + length; i++) out.setByte(i, out.getByte(i + 1));
        out.writerIndex(out.writerIndex() - 1);
    }
}
