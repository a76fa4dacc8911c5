package dev.corvid.codec.message;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AttributeCodec;
import dev.corvid.codec.attribute.MpReach;
import dev.corvid.codec.attribute.MpUnreach;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.NlriCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.function.Consumer;

/**
 * DOC: the sending side of UPDATEs for the reflector: one attribute set and many prefixes in, as few complete
 * UPDATE messages (header included) out as fit {@link WireContext#maxMessageLength()}.
 *
 * <p>The attribute block is encoded once; each message is then written straight into a buffer of exactly its size
 * (a first pass over the prefixes finds where the message ends), so no {@link Update} records are built. IPv4 unicast
 * goes into the NLRI / Withdrawn Routes fields; every other family (and IPv4 with an IPv6 next hop, RFC 8950) into
 * MP_REACH_NLRI / MP_UNREACH_NLRI, written as the very first attribute (RFC 7606 §5.1). Announcements and withdrawals
 * are separate calls because RFC 7606 §5.1 says an UPDATE "MUST NOT contain more than one of the following:
 * non-empty Withdrawn Routes field, non-empty Network Layer Reachability Information field, MP_REACH_NLRI
 * attribute, and MP_UNREACH_NLRI attribute". Path identifiers are written when {@link WireContext#addPathSend}
 * holds for the family (RFC 7911 §3).
 *
 * <p>Buffer ownership: each finished message is handed to {@code sink} and from then on belongs to it; the sink
 * must write it to a channel (which releases it) or release it. If the sink throws, the buffer it was given is
 * still its own, and packing stops. The packer releases every other buffer it allocated.
 *
 * <p>Lists are read by index: pass {@link java.util.RandomAccess} lists (ArrayList, List.of, subList of those).
 */
public final class UpdatePacker {
    /** AFI (2) + SAFI (1) + Length of Next Hop (1) + Reserved (1): RFC 4760 §3. */
    private static final int MP_REACH_FIXED = 5;
    /** AFI (2) + SAFI (1): RFC 4760 §4. */
    private static final int MP_UNREACH_FIXED = 3;
    /** Flags, type and a 2-octet length (RFC 4271 §4.3 Extended Length). */
    private static final int EXTENDED_ATTRIBUTE_HEADER = 4;
    /** Withdrawn Routes Length (2) + Total Path Attribute Length (2). */
    private static final int UPDATE_FIXED = MessageCodec.HEADER_LENGTH + 4;

    private UpdatePacker() {}

    /**
     * Announces {@code nlri} with {@code attributes}.
     *
     * @param attributes the path attributes, without MP_REACH_NLRI / MP_UNREACH_NLRI (written here); for IPv4 in
     *                   the NLRI field they include NEXT_HOP
     * @param nextHop    the MP_REACH_NLRI Network Address of Next Hop (16 or 32 octets for IPv6, RFC 2545 §3), or
     *                   {@code null} for IPv4 unicast in the NLRI field
     * @return the number of UPDATEs handed to {@code sink} (0 when {@code nlri} is empty)
     * @throws IllegalArgumentException when a prefix is not of {@code family}, the attributes hold MP_REACH_NLRI /
     *                                  MP_UNREACH_NLRI, or the attributes leave no room for a single prefix
     */
    public static int announce(Family family, List<PathAttribute> attributes, Bytes nextHop, List<Nlri> nlri,
                               WireContext ctx, ByteBufAllocator alloc, Consumer<ByteBuf> sink) {
        return announce(family, attributes, nextHop, nlri, ctx, alloc, Target.separate(alloc, sink));
    }

    /**
     * As {@link #announce(Family, List, Bytes, List, WireContext, ByteBufAllocator, Consumer)}, but the messages are
     * appended to {@code out}, back to back, with no buffer per message (for one buffer shared by many sessions).
     * {@code alloc} is for a scratch buffer only.
     */
    public static int announceInto(Family family, List<PathAttribute> attributes, Bytes nextHop, List<Nlri> nlri,
                                   WireContext ctx, ByteBufAllocator alloc, ByteBuf out) {
        return announce(family, attributes, nextHop, nlri, ctx, alloc, Target.appendTo(out));
    }

    private static int announce(Family family, List<PathAttribute> attributes, Bytes nextHop, List<Nlri> nlri,
                                WireContext ctx, ByteBufAllocator alloc, Target target) {
        if (nlri.isEmpty()) return 0;
        Afi afi = knownAfi(family);
        boolean mp = nextHop != null;
        if (!mp && afi != Afi.IPV4) {
            throw new IllegalArgumentException(family + " is announced in MP_REACH_NLRI, which needs a next hop");
        }
        if (mp && (nextHop.length() == 0 || nextHop.length() > 255)) {
            throw new IllegalArgumentException("a next hop of " + nextHop.length() + " octets cannot be encoded");
        }
        for (PathAttribute a : attributes) {
            if (a instanceof MpReach || a instanceof MpUnreach) {
                throw new IllegalArgumentException("the packer writes MP_REACH_NLRI / MP_UNREACH_NLRI itself; pass the"
                        + " other attributes and the next hop");
            }
        }
        boolean addPath = ctx.addPathSend(family);
        ByteBuf block = attributes.isEmpty() ? Unpooled.EMPTY_BUFFER : alloc.buffer(128);
        try {
            if (!attributes.isEmpty()) AttributeCodec.encode(attributes, ctx, block);
            int blockLength = block.readableBytes();
            int fixed = UPDATE_FIXED + blockLength
                    + (mp ? EXTENDED_ATTRIBUTE_HEADER + MP_REACH_FIXED + nextHop.length() : 0);
            int budget = ctx.maxMessageLength() - fixed;
            int messages = 0;
            for (int from = 0; from < nlri.size(); messages++) {
                int to = fill(nlri, from, afi, addPath, budget, blockLength);
                int nlriBytes = bytes(nlri, from, to, addPath);
                ByteBuf out = target.begin(fixed + nlriBytes);
                int start = writeHeader(out);
                out.writeShort(0); // Withdrawn Routes Length
                if (mp) {
                    int value = MP_REACH_FIXED + nextHop.length() + nlriBytes;
                    out.writeShort(attributeLength(value) + blockLength);
                    writeAttributeHeader(out, PathAttribute.MP_REACH_NLRI, value);
                    out.writeShort(afi.code());
                    out.writeByte(family.safi());
                    out.writeByte(nextHop.length());
                    nextHop.writeTo(out);
                    out.writeByte(0); // Reserved
                    writeNlri(nlri, from, to, addPath, out);
                    out.writeBytes(block, block.readerIndex(), blockLength);
                } else {
                    out.writeShort(blockLength);
                    out.writeBytes(block, block.readerIndex(), blockLength);
                    writeNlri(nlri, from, to, addPath, out);
                }
                finish(out, start);
                from = to;
                target.end(out);
            }
            return messages;
        } finally {
            block.release();
        }
    }

    /**
     * Withdraws {@code withdrawn}: IPv4 unicast in the Withdrawn Routes field, other families in MP_UNREACH_NLRI.
     * The UPDATEs carry no other attributes.
     *
     * @return the number of UPDATEs handed to {@code sink} (0 when {@code withdrawn} is empty; use
     *     {@link Update#endOfRib(Family)} for End-of-RIB)
     */
    public static int withdraw(Family family, List<Nlri> withdrawn, WireContext ctx, ByteBufAllocator alloc,
                               Consumer<ByteBuf> sink) {
        return withdraw(family, withdrawn, ctx, Target.separate(alloc, sink));
    }

    /** As {@link #withdraw(Family, List, WireContext, ByteBufAllocator, Consumer)}, appending to {@code out}. */
    public static int withdrawInto(Family family, List<Nlri> withdrawn, WireContext ctx, ByteBuf out) {
        return withdraw(family, withdrawn, ctx, Target.appendTo(out));
    }

    private static int withdraw(Family family, List<Nlri> withdrawn, WireContext ctx, Target target) {
        if (withdrawn.isEmpty()) return 0;
        Afi afi = knownAfi(family);
        boolean mp = !family.equals(Family.IPV4_UNICAST);
        boolean addPath = ctx.addPathSend(family);
        int fixed = UPDATE_FIXED + (mp ? EXTENDED_ATTRIBUTE_HEADER + MP_UNREACH_FIXED : 0);
        int budget = ctx.maxMessageLength() - fixed;
        int messages = 0;
        for (int from = 0; from < withdrawn.size(); messages++) {
            int to = fill(withdrawn, from, afi, addPath, budget, 0);
            int nlriBytes = bytes(withdrawn, from, to, addPath);
            ByteBuf out = target.begin(fixed + nlriBytes);
            int start = writeHeader(out);
            if (mp) {
                int value = MP_UNREACH_FIXED + nlriBytes;
                out.writeShort(0); // Withdrawn Routes Length
                out.writeShort(attributeLength(value));
                writeAttributeHeader(out, PathAttribute.MP_UNREACH_NLRI, value);
                out.writeShort(afi.code());
                out.writeByte(family.safi());
                writeNlri(withdrawn, from, to, addPath, out);
            } else {
                out.writeShort(nlriBytes);
                writeNlri(withdrawn, from, to, addPath, out);
                out.writeShort(0); // Total Path Attribute Length
            }
            finish(out, start);
            from = to;
            target.end(out);
        }
        return messages;
    }

    private static Afi knownAfi(Family family) {
        if (!family.isKnownUnicast()) {
            throw new IllegalArgumentException("the packer writes IPv4 and IPv6 unicast NLRI, not " + family);
        }
        return family.afiEnum();
    }

    /** The end index of the message that starts at {@code from}: as many entries as fit in {@code budget} octets. */
    private static int fill(List<Nlri> nlri, int from, Afi afi, boolean addPath, int budget, int blockLength) {
        int used = 0;
        int i = from;
        for (int n = nlri.size(); i < n; i++) {
            Nlri entry = nlri.get(i);
            if (entry.prefix().afi() != afi) {
                throw new IllegalArgumentException(entry + " is not an " + afi + " prefix");
            }
            int length = NlriCodec.encodedLength(entry, addPath);
            if (used + length > budget) break;
            used += length;
        }
        if (i == from) {
            throw new IllegalArgumentException("path attributes of " + blockLength + " octets leave " + budget
                    + " octets of the message for NLRI, too few for " + nlri.get(from));
        }
        return i;
    }

    private static int bytes(List<Nlri> nlri, int from, int to, boolean addPath) {
        int sum = 0;
        for (int i = from; i < to; i++) sum += NlriCodec.encodedLength(nlri.get(i), addPath);
        return sum;
    }

    private static void writeNlri(List<Nlri> nlri, int from, int to, boolean addPath, ByteBuf out) {
        for (int i = from; i < to; i++) NlriCodec.encode(nlri.get(i), addPath, out);
    }

    /** Octets of an attribute with a value of {@code value} octets, header included. */
    private static int attributeLength(int value) {
        return (value > 255 ? 4 : 3) + value;
    }

    /** RFC 4760 §3/§4: MP_REACH_NLRI and MP_UNREACH_NLRI are optional non-transitive. */
    private static void writeAttributeHeader(ByteBuf out, int type, int value) {
        if (value > 255) {
            out.writeByte(PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_EXTENDED_LENGTH);
            out.writeByte(type);
            out.writeShort(value);
        } else {
            out.writeByte(PathAttribute.FLAG_OPTIONAL);
            out.writeByte(type);
            out.writeByte(value);
        }
    }

    /** Writes the header of a message starting at the writer index, which it returns. */
    private static int writeHeader(ByteBuf out) {
        int start = out.writerIndex();
        out.writeLong(-1L).writeLong(-1L);
        out.writeShort(0); // length, set by finish
        out.writeByte(MessageType.UPDATE.code());
        return start;
    }

    private static void finish(ByteBuf out, int start) {
        out.setShort(start + MessageCodec.MARKER_LENGTH, out.writerIndex() - start);
    }

    /** Where messages go: a buffer of their own each (handed to a sink), or the end of one shared buffer. */
    private interface Target {
        /** The buffer to write a message of {@code length} octets to, with room for it. */
        ByteBuf begin(int length);

        void end(ByteBuf message);

        static Target separate(ByteBufAllocator alloc, Consumer<ByteBuf> sink) {
            return new Target() {
                @Override
                public ByteBuf begin(int length) {
                    return alloc.buffer(length, length);
                }

                @Override
                public void end(ByteBuf message) {
                    sink.accept(message);
                }
            };
        }

        static Target appendTo(ByteBuf out) {
            return new Target() {
                @Override
                public ByteBuf begin(int length) {
                    return out.ensureWritable(length);
                }

                @Override
                public void end(ByteBuf message) {}
            };
        }
    }
}
