package dev.corvid.codec.capability;

import static dev.corvid.codec.capability.Capability.ADD_PATH;
import static dev.corvid.codec.capability.Capability.BGP_ROLE;
import static dev.corvid.codec.capability.Capability.CISCO_ROUTE_REFRESH;
import static dev.corvid.codec.capability.Capability.ENHANCED_ROUTE_REFRESH;
import static dev.corvid.codec.capability.Capability.EXTENDED_MESSAGE;
import static dev.corvid.codec.capability.Capability.EXTENDED_NEXT_HOP;
import static dev.corvid.codec.capability.Capability.FOUR_OCTET_AS;
import static dev.corvid.codec.capability.Capability.FQDN;
import static dev.corvid.codec.capability.Capability.GRACEFUL_RESTART;
import static dev.corvid.codec.capability.Capability.LONG_LIVED_GRACEFUL_RESTART;
import static dev.corvid.codec.capability.Capability.MULTIPROTOCOL;
import static dev.corvid.codec.capability.Capability.ROUTE_REFRESH;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The value of a Capabilities Optional Parameter (RFC 5492 §4): a run of Capability Code (1 octet), Capability
 * Length (1 octet) and Capability Value — the one-octet Capability Length stays one octet under RFC 9072.
 *
 * <p>A known capability whose length its RFC does not allow is malformed, as BIRD and FRR treat it (OPEN Message
 * Error, Unspecific); so is a capability that overruns its parameter. A known capability whose value is well formed
 * but cannot be held by its record (a 2-octet SAFI above 255, a name that is not UTF-8) is kept as an
 * {@link UnknownCapability}: corvid cannot use it, and RFC 5492 §3 says to ignore what is not understood.
 */
public final class CapabilityCodec {
    private CapabilityCodec() {}

    /**
     * Decodes all of {@code value} (the octets of one Capabilities Optional Parameter) into {@code out}.
     *
     * @return {@code null} on success, otherwise why the parameter is malformed
     */
    public static String decode(ByteBuf value, List<Capability> out) {
        while (value.isReadable()) {
            if (value.readableBytes() < 2) {
                return "capability of " + value.readableBytes() + " octet lacks its Capability Length (RFC 5492 §4)";
            }
            int code = value.readUnsignedByte();
            int length = value.readUnsignedByte();
            if (length > value.readableBytes()) {
                return "capability " + code + " of " + length + " octets overruns its parameter ("
                        + value.readableBytes() + " octets left; RFC 5492 §4)";
            }
            ByteBuf v = value.readSlice(length);
            String error = lengthError(code, v);
            if (error != null) return error;
            out.add(decodeValue(code, v));
        }
        return null;
    }

    /** Why the value of capability {@code code} has a length its RFC does not allow, or {@code null}. */
    private static String lengthError(int code, ByteBuf v) {
        int n = v.readableBytes();
        return switch (code) {
            // RFC 4760 §8: AFI, Res., SAFI.
            case MULTIPROTOCOL ->
                    n == Multiprotocol.LENGTH ? null : wrongLength("Multiprotocol (RFC 4760 §8)", n, "4");
            // RFC 6793 §3: "Capability Length: 4".
            case FOUR_OCTET_AS -> n == FourOctetAs.LENGTH ? null : wrongLength("4-octet AS (RFC 6793 §3)", n, "4");
            // RFC 2918 §2, RFC 7313 §2, RFC 8654 §3: "Capability Length: 0".
            case ROUTE_REFRESH, CISCO_ROUTE_REFRESH, ENHANCED_ROUTE_REFRESH, EXTENDED_MESSAGE ->
                    n == 0 ? null : wrongLength("capability " + code, n, "0");
            // RFC 9234 §4.1: "Capability Length: 1".
            case BGP_ROLE -> n == BgpRole.LENGTH ? null : wrongLength("BGP Role (RFC 9234 §4.1)", n, "1");
            // RFC 4724 §3: 2 octets of flags and time, then 4 octets per family.
            case GRACEFUL_RESTART -> n >= 2 && (n - 2) % 4 == 0
                    ? null : wrongLength("Graceful Restart (RFC 4724 §3)", n, "2 + 4n");
            // RFC 7911 §4: 4 octets per family.
            case ADD_PATH -> n % 4 == 0 ? null : wrongLength("ADD-PATH (RFC 7911 §4)", n, "4n");
            // RFC 9494 §3: 7 octets per family.
            case LONG_LIVED_GRACEFUL_RESTART ->
                    n % 7 == 0 ? null : wrongLength("Long-Lived GR (RFC 9494 §3)", n, "7n");
            // RFC 8950 §3: 6 octets per tuple.
            case EXTENDED_NEXT_HOP -> n % 6 == 0 ? null : wrongLength("Extended Next Hop (RFC 8950 §3)", n, "6n");
            case FQDN -> fqdnError(v);
            default -> null;
        };
    }

    private static String wrongLength(String what, int n, String expected) {
        return what + " capability of " + n + " octets; its length must be " + expected;
    }

    // draft-walton-bgp-hostname-capability §3: both length-prefixed names fill the value exactly.
    private static String fqdnError(ByteBuf v) {
        int n = v.readableBytes();
        int at = v.readerIndex();
        if (n < 1 || 1 + v.getUnsignedByte(at) + 1 > n) {
            return "FQDN capability of " + n + " octets: the hostname overruns it or the domain name length is missing";
        }
        int domainAt = at + 1 + v.getUnsignedByte(at);
        if (domainAt + 1 + v.getUnsignedByte(domainAt) != at + n) {
            return "FQDN capability of " + n + " octets: the domain name does not end where the capability ends";
        }
        return null;
    }

    private static Capability decodeValue(int code, ByteBuf v) {
        return switch (code) {
            case MULTIPROTOCOL -> {
                int afi = v.readUnsignedShort();
                v.skipBytes(1); // RFC 4760 §8: Reserved, "ignored by the receiver".
                yield new Multiprotocol(Family.of(afi, v.readUnsignedByte()));
            }
            case ROUTE_REFRESH -> new RouteRefreshCapability();
            case CISCO_ROUTE_REFRESH -> new CiscoRouteRefresh();
            case ENHANCED_ROUTE_REFRESH -> new EnhancedRouteRefresh();
            case EXTENDED_MESSAGE -> new ExtendedMessage();
            case FOUR_OCTET_AS -> new FourOctetAs(v.readUnsignedInt());
            case BGP_ROLE -> new BgpRole(v.readUnsignedByte());
            case GRACEFUL_RESTART -> {
                int flagsAndTime = v.readUnsignedShort();
                List<GracefulRestart.Tuple> tuples = new ArrayList<>();
                while (v.isReadable()) {
                    tuples.add(new GracefulRestart.Tuple(readFamily(v), v.readUnsignedByte()));
                }
                yield new GracefulRestart(flagsAndTime >>> 12, flagsAndTime & 0xFFF, tuples);
            }
            case LONG_LIVED_GRACEFUL_RESTART -> {
                List<LongLivedGracefulRestart.Tuple> tuples = new ArrayList<>();
                while (v.isReadable()) {
                    tuples.add(new LongLivedGracefulRestart.Tuple(readFamily(v), v.readUnsignedByte(),
                            v.readUnsignedMedium()));
                }
                yield new LongLivedGracefulRestart(tuples);
            }
            case ADD_PATH -> {
                List<AddPath.Tuple> tuples = new ArrayList<>();
                while (v.isReadable()) tuples.add(new AddPath.Tuple(readFamily(v), v.readUnsignedByte()));
                yield new AddPath(tuples);
            }
            case EXTENDED_NEXT_HOP -> extendedNextHop(v);
            case FQDN -> fqdn(v);
            default -> new UnknownCapability(code, Bytes.read(v, v.readableBytes()));
        };
    }

    private static Family readFamily(ByteBuf v) {
        int afi = v.readUnsignedShort();
        return Family.of(afi, v.readUnsignedByte());
    }

    private static Capability extendedNextHop(ByteBuf v) {
        int start = v.readerIndex();
        List<ExtendedNextHop.Tuple> tuples = new ArrayList<>();
        while (v.isReadable()) {
            int afi = v.readUnsignedShort();
            // RFC 8950 §3: the NLRI SAFI is 2 octets here; every SAFI IANA assigns fits one.
            int safi = v.readUnsignedShort();
            int nextHopAfi = v.readUnsignedShort();
            if (safi > 0xFF) return raw(EXTENDED_NEXT_HOP, v, start);
            tuples.add(new ExtendedNextHop.Tuple(Family.of(afi, safi), nextHopAfi));
        }
        return new ExtendedNextHop(tuples);
    }

    private static Capability fqdn(ByteBuf v) {
        int start = v.readerIndex();
        String hostname = utf8(v, v.readUnsignedByte());
        String domainName = utf8(v, v.readUnsignedByte());
        return hostname == null || domainName == null ? raw(FQDN, v, start) : new Fqdn(hostname, domainName);
    }

    /** The next {@code length} octets as text, or {@code null} when they are not UTF-8. */
    private static String utf8(ByteBuf v, int length) {
        byte[] octets = new byte[length];
        v.readBytes(octets);
        String text = new String(octets, StandardCharsets.UTF_8);
        // Malformed sequences decode to U+FFFD, so the text re-encodes to the same octets only when they were UTF-8.
        return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), octets) ? text : null;
    }

    private static UnknownCapability raw(int code, ByteBuf v, int start) {
        byte[] octets = new byte[v.writerIndex() - start];
        v.getBytes(start, octets);
        v.readerIndex(v.writerIndex());
        return new UnknownCapability(code, Bytes.of(octets));
    }

    /** Octets of the Capability Value of {@code c} (without code and length). */
    public static int valueLength(Capability c) {
        return switch (c) {
            case Multiprotocol m -> Multiprotocol.LENGTH;
            case RouteRefreshCapability r -> 0;
            case CiscoRouteRefresh r -> 0;
            case EnhancedRouteRefresh r -> 0;
            case ExtendedMessage e -> 0;
            case FourOctetAs a -> FourOctetAs.LENGTH;
            case BgpRole r -> BgpRole.LENGTH;
            case GracefulRestart g -> 2 + 4 * g.families().size();
            case LongLivedGracefulRestart l -> 7 * l.families().size();
            case AddPath a -> 4 * a.families().size();
            case ExtendedNextHop e -> 6 * e.tuples().size();
            case Fqdn f -> 2 + f.hostname().getBytes(StandardCharsets.UTF_8).length
                    + f.domainName().getBytes(StandardCharsets.UTF_8).length;
            case UnknownCapability u -> u.value().length();
        };
    }

    /**
     * Appends Capability Code, Capability Length and Capability Value of {@code c}.
     *
     * @throws IllegalArgumentException when the value exceeds the 255 octets a one-octet length can say (e.g. a
     *                                  Graceful Restart naming more than 63 families); nothing is written then
     */
    public static void encode(Capability c, ByteBuf out) {
        int length = valueLength(c);
        if (length > 255) {
            throw new IllegalArgumentException(c + " needs " + length + " octets; a capability holds at most 255");
        }
        out.writeByte(c.code());
        out.writeByte(length);
        switch (c) {
            case Multiprotocol m -> out.writeShort(m.family().afi()).writeByte(0).writeByte(m.family().safi());
            case RouteRefreshCapability r -> { }
            case CiscoRouteRefresh r -> { }
            case EnhancedRouteRefresh r -> { }
            case ExtendedMessage e -> { }
            case FourOctetAs a -> out.writeInt((int) a.asn());
            case BgpRole r -> out.writeByte(r.value());
            case GracefulRestart g -> {
                out.writeShort(g.restartFlags() << 12 | g.restartTime());
                for (GracefulRestart.Tuple t : g.families()) writeFamily(t.family(), out).writeByte(t.flags());
            }
            case LongLivedGracefulRestart l -> {
                for (LongLivedGracefulRestart.Tuple t : l.families()) {
                    writeFamily(t.family(), out).writeByte(t.flags()).writeMedium(t.staleTime());
                }
            }
            case AddPath a -> {
                for (AddPath.Tuple t : a.families()) writeFamily(t.family(), out).writeByte(t.sendReceive());
            }
            case ExtendedNextHop e -> {
                for (ExtendedNextHop.Tuple t : e.tuples()) {
                    out.writeShort(t.family().afi()).writeShort(t.family().safi()).writeShort(t.nextHopAfi());
                }
            }
            case Fqdn f -> {
                byte[] host = f.hostname().getBytes(StandardCharsets.UTF_8);
                byte[] domain = f.domainName().getBytes(StandardCharsets.UTF_8);
                out.writeByte(host.length).writeBytes(host).writeByte(domain.length).writeBytes(domain);
            }
            case UnknownCapability u -> u.value().writeTo(out);
        }
    }

    private static ByteBuf writeFamily(Family family, ByteBuf out) {
        return out.writeShort(family.afi()).writeByte(family.safi());
    }
}
