package dev.corvid.codec.nlri;

import dev.corvid.codec.Afi;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The NLRI encoding of RFC 4271 §4.3 (length in bits, then the fewest octets that hold it), preceded by a
 * 4-octet Path Identifier when RFC 7911 ADD-PATH is in use for the family.
 */
public final class NlriCodec {
    private NlriCodec() {}

    /**
     * Decodes all of {@code field} (the exact NLRI octets) into {@code out}.
     *
     * @return {@code null} on success, otherwise why the field is malformed (RFC 7606 §5.3: a prefix length
     *     beyond the family's maximum or an entry that overruns the field). Entries decoded before the error
     *     stay in {@code out}.
     */
    public static String decode(ByteBuf field, Afi afi, boolean addPath, List<Nlri> out) {
        int max = afi == Afi.IPV4 ? 32 : 128;
        while (field.isReadable()) {
            int pathId = 0;
            if (addPath) {
                if (field.readableBytes() < 5) {
                    return "ADD-PATH NLRI entry of " + field.readableBytes() + " octets is too short (RFC 7911 §3)";
                }
                pathId = field.readInt();
            }
            int length = field.readUnsignedByte();
            if (length > max) {
                return "prefix length " + length + " is longer than " + max + " bits";
            }
            int octets = (length + 7) >>> 3;
            if (octets > field.readableBytes()) {
                return "prefix /" + length + " needs " + octets + " octets but " + field.readableBytes() + " remain";
            }
            Prefix p = afi == Afi.IPV4 ? readV4(field, octets, length) : readV6(field, octets, length);
            out.add(new Nlri(p, pathId));
        }
        return null;
    }

    private static Ipv4Prefix readV4(ByteBuf in, int octets, int length) {
        int bits = switch (octets) {
            case 0 -> 0;
            case 1 -> in.readUnsignedByte() << 24;
            case 2 -> in.readUnsignedShort() << 16;
            case 3 -> in.readUnsignedMedium() << 8;
            default -> in.readInt();
        };
        return new Ipv4Prefix(bits, length);
    }

    private static Ipv6Prefix readV6(ByteBuf in, int octets, int length) {
        long high = 0, low = 0;
        for (int i = 0; i < octets; i++) {
            long b = in.readUnsignedByte();
            if (i < 8) high |= b << (56 - 8 * i);
            else low |= b << (56 - 8 * (i - 8));
        }
        return new Ipv6Prefix(high, low, length);
    }

    /** Octets {@code nlri} takes on the wire. */
    public static int encodedLength(Nlri nlri, boolean addPath) {
        return (addPath ? 5 : 1) + ((nlri.prefix().length() + 7) >>> 3);
    }

    public static void encode(Nlri nlri, boolean addPath, ByteBuf out) {
        if (addPath) out.writeInt(nlri.pathId());
        Prefix p = nlri.prefix();
        int length = p.length();
        int octets = (length + 7) >>> 3;
        out.writeByte(length);
        if (p instanceof Ipv4Prefix v4) {
            int bits = v4.bits();
            switch (octets) {
                case 0 -> { }
                case 1 -> out.writeByte(bits >>> 24);
                case 2 -> out.writeShort(bits >>> 16);
                case 3 -> out.writeMedium(bits >>> 8);
                default -> out.writeInt(bits);
            }
        } else {
            Ipv6Prefix v6 = (Ipv6Prefix) p;
            for (int i = 0; i < octets; i++) {
                out.writeByte((int) (i < 8 ? v6.high() >>> (56 - 8 * i) : v6.low() >>> (56 - 8 * (i - 8))));
            }
        }
    }

    public static void encodeAll(List<Nlri> nlri, boolean addPath, ByteBuf out) {
        for (Nlri n : nlri) encode(n, addPath, out);
    }
}
