package dev.corvid.codec.attribute;

import static dev.corvid.codec.attribute.PathAttribute.*;

import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPathSegment.Type;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * DOC: the values that carry AS numbers: AS_PATH and AGGREGATOR (2 or 4 octets per AS, as RFC 6793 negotiated)
 * and AS4_PATH and AS4_AGGREGATOR (always 4). Merging the AS4 attributes into the others is {@link As4Merge}'s.
 */
final class AsPathCodec {
    /** RFC 6793 §9: the 2-octet AS that stands for a 4-octet one. */
    static final long AS_TRANS = 23456;
    /** RFC 4271 §4.3: the Path Segment Length is one octet. */
    static final int MAX_SEGMENT_ASNS = 255;

    private AsPathCodec() {}

    /** Segments parsed from an AS_PATH or AS4_PATH value, or why the value is malformed. */
    private record Parsed(List<AsPathSegment> segments, String error) {
        static Parsed malformed(String error) {
            return new Parsed(List.of(), error);
        }
    }

    static ValueOutcome decodeAsPath(ByteBuf v, WireContext ctx) {
        Parsed p = parse(v, ctx.fourOctetAs() ? 4 : 2);
        // RFC 7606 §7.2: "An UPDATE message with a malformed AS_PATH attribute SHALL be handled using the approach
        // of "treat-as-withdraw"." RFC 7607 §2: an AS_PATH holding AS 0 "MUST be considered as malformed".
        if (p.error() != null) return ValueOutcome.withdraw(AS_PATH, "AS_PATH " + p.error() + " (RFC 7606 §7.2)");
        return ValueOutcome.of(new AsPath(p.segments()));
    }

    static ValueOutcome decodeAs4Path(ByteBuf v, WireContext ctx) {
        // RFC 6793 §4.1: NEW speakers do not exchange AS4_PATH; one received from a NEW speaker is discarded.
        if (ctx.fourOctetAs()) {
            return ValueOutcome.discard(AS4_PATH, "AS4_PATH from a 4-octet-AS peer is discarded (RFC 6793 §4.1)");
        }
        Parsed p = parse(v, 4);
        // RFC 6793 §6: a malformed AS4_PATH is handled with "attribute discard"; RFC 7607 §2 makes AS 0 in it
        // malformed too.
        if (p.error() != null) return ValueOutcome.discard(AS4_PATH, "AS4_PATH " + p.error() + " (RFC 6793 §6)");
        return ValueOutcome.of(new As4Path(p.segments()));
    }

    /**
     * RFC 7606 §7.2: "An AS_PATH is considered malformed if an unrecognized segment type is encountered or if it
     * contains a malformed segment. A segment is considered malformed if any of the following are true: There is
     * an overrun [...]; There is an underrun where after the last successfully parsed segment there is only a
     * single octet remaining [...]; It has a Path Segment Length field of zero."
     */
    private static Parsed parse(ByteBuf v, int asSize) {
        List<AsPathSegment> segments = new ArrayList<>();
        while (v.isReadable()) {
            if (v.readableBytes() < 2) return Parsed.malformed("ends with a single octet after its last segment");
            int typeCode = v.readUnsignedByte();
            int count = v.readUnsignedByte();
            Type type = Type.of(typeCode);
            if (type == null) return Parsed.malformed("has an unrecognized segment type " + typeCode);
            if (count == 0) return Parsed.malformed("has a segment with a Path Segment Length of zero");
            if (count * asSize > v.readableBytes()) {
                return Parsed.malformed("segment of " + count + " ASes overruns the attribute by "
                        + (count * asSize - v.readableBytes()) + " octets");
            }
            List<Long> asns = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long asn = asSize == 4 ? v.readUnsignedInt() : v.readUnsignedShort();
                // RFC 7607 §2: "An UPDATE message that contains the AS number of zero in the AS_PATH [...] MUST be
                // considered as malformed".
                if (asn == 0) return Parsed.malformed("holds AS 0 (RFC 7607 §2)");
                asns.add(asn);
            }
            segments.add(new AsPathSegment(type, asns));
        }
        return new Parsed(segments, null);
    }

    static void encodeAsPath(AsPath path, WireContext ctx, ByteBuf out) {
        writeSegments(path.segments(), ctx.fourOctetAs() ? 4 : 2, out);
    }

    static void encodeAs4Path(As4Path path, WireContext ctx, ByteBuf out) {
        writeSegments(path.segments(), 4, out);
    }

    /**
     * Writes segments with {@code asSize}-octet ASes; RFC 6793 §4.2.2: in 2 octets an AS that does not fit is
     * written as AS_TRANS. A segment of more than 255 ASes is split into segments of the same type, since the
     * Path Segment Length is one octet.
     */
    private static void writeSegments(List<AsPathSegment> segments, int asSize, ByteBuf out) {
        for (AsPathSegment s : segments) {
            List<Long> asns = s.asns();
            for (int from = 0; from < asns.size(); from += MAX_SEGMENT_ASNS) {
                int to = Math.min(asns.size(), from + MAX_SEGMENT_ASNS);
                out.writeByte(s.type().code());
                out.writeByte(to - from);
                for (int i = from; i < to; i++) {
                    long asn = asns.get(i);
                    if (asSize == 4) out.writeInt((int) asn);
                    else out.writeShort((int) (asn > 0xFFFF ? AS_TRANS : asn));
                }
            }
        }
    }

    static ValueOutcome decodeAggregator(ByteBuf v, WireContext ctx) {
        int expected = ctx.fourOctetAs() ? 8 : 6;
        // RFC 7606 §7.7: "The error conditions [...] length is not 6 [...] or 8 (four-octet AS) [...] An UPDATE
        // message with a malformed AGGREGATOR attribute SHALL be handled using the approach of "attribute discard"."
        if (v.readableBytes() != expected) {
            return ValueOutcome.discard(AGGREGATOR, "AGGREGATOR of " + v.readableBytes() + " octets, not " + expected
                    + " (RFC 7606 §7.7)");
        }
        long asn = expected == 8 ? v.readUnsignedInt() : v.readUnsignedShort();
        // RFC 7607 §2: AS 0 in AGGREGATOR "MUST be considered as malformed" and handled per RFC 7606 (§7.7).
        if (asn == 0) return ValueOutcome.discard(AGGREGATOR, "AGGREGATOR holds AS 0 (RFC 7607 §2, RFC 7606 §7.7)");
        return ValueOutcome.of(new Aggregator(asn, AttributeDescriptor.readIpv4(v)));
    }

    static ValueOutcome decodeAs4Aggregator(ByteBuf v, WireContext ctx) {
        // RFC 6793 §4.1: NEW speakers do not exchange AS4_AGGREGATOR; one received from a NEW speaker is discarded.
        if (ctx.fourOctetAs()) {
            return ValueOutcome.discard(AS4_AGGREGATOR,
                    "AS4_AGGREGATOR from a 4-octet-AS peer is discarded (RFC 6793 §4.1)");
        }
        // RFC 6793 §6: an AS4_AGGREGATOR whose length is not 8 is malformed and handled with "attribute discard";
        // RFC 7607 §2 adds AS 0.
        if (v.readableBytes() != 8) {
            return ValueOutcome.discard(AS4_AGGREGATOR,
                    "AS4_AGGREGATOR of " + v.readableBytes() + " octets, not 8 (RFC 6793 §6)");
        }
        long asn = v.readUnsignedInt();
        if (asn == 0) return ValueOutcome.discard(AS4_AGGREGATOR, "AS4_AGGREGATOR holds AS 0 (RFC 7607 §2, RFC 6793 §6)");
        return ValueOutcome.of(new As4Aggregator(asn, AttributeDescriptor.readIpv4(v)));
    }

    static void encodeAggregator(Aggregator a, WireContext ctx, ByteBuf out) {
        if (ctx.fourOctetAs()) out.writeInt((int) a.asn());
        else out.writeShort((int) (a.asn() > 0xFFFF ? AS_TRANS : a.asn()));
        out.writeBytes(a.address().getAddress());
    }

    static void encodeAs4Aggregator(As4Aggregator a, WireContext ctx, ByteBuf out) {
        out.writeInt((int) a.asn());
        out.writeBytes(a.address().getAddress());
    }
}
