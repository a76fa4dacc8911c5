package dev.corvid.codec.attribute;

import static dev.corvid.codec.attribute.PathAttribute.*;

import dev.corvid.codec.WireContext;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * DOC: one descriptor per attribute type code corvid understands (BIRD's {@code bgp_attr_table}): the Optional and
 * Transitive flags RFC 4271 §4.3 fixes for it, how its errors are handled, how its value is decoded and encoded.
 * {@link AttributeCodec} runs the checks every attribute shares (framing, RFC 7606 §3.c flags, §3.g duplicates)
 * once and hands the value octets to the descriptor; the rules of RFC 7606 §7 sit in the decoders below.
 *
 * @param typeCode  IANA path attribute type code
 * @param name      the RFC's name, for findings
 * @param flags     the Optional and Transitive bits the type must carry (Partial and Extended Length excluded)
 * @param malformed what RFC 7606 says to do with a malformed instance; used when the flags conflict (§3.c)
 * @param decoder   value octets to record, checked
 * @param encoder   record to value octets
 */
record AttributeDescriptor(int typeCode, String name, int flags, MalformedRule malformed, ValueDecoder decoder,
                           ValueEncoder encoder) {

    static final int WELL_KNOWN = FLAG_TRANSITIVE;
    static final int OPTIONAL_TRANSITIVE = FLAG_OPTIONAL | FLAG_TRANSITIVE;
    static final int OPTIONAL_NON_TRANSITIVE = FLAG_OPTIONAL;

    /** Decodes exactly the readable octets of {@code value}. Never throws on malformed octets. */
    @FunctionalInterface
    interface ValueDecoder {
        ValueOutcome decode(ByteBuf value, WireContext ctx);
    }

    @FunctionalInterface
    interface ValueEncoder {
        void encode(PathAttribute attribute, WireContext ctx, ByteBuf out);
    }

    @FunctionalInterface
    interface TypedEncoder<A extends PathAttribute> {
        void encode(A attribute, WireContext ctx, ByteBuf out);
    }

    /** The error handling an attribute's specification mandates, applied to its (possibly truncated) value. */
    @FunctionalInterface
    interface MalformedRule {
        ValueOutcome apply(int type, ByteBuf value, String reason);

        MalformedRule TREAT_AS_WITHDRAW = (type, value, reason) -> ValueOutcome.withdraw(type, reason);
        MalformedRule ATTRIBUTE_DISCARD = (type, value, reason) -> ValueOutcome.discard(type, reason);
    }

    private static final AttributeDescriptor[] TABLE = new AttributeDescriptor[256];

    static {
        MalformedRule withdraw = MalformedRule.TREAT_AS_WITHDRAW;
        MalformedRule discard = MalformedRule.ATTRIBUTE_DISCARD;
        MalformedRule mp = MpNlriCodec::malformed;
        put(ORIGIN, "ORIGIN", WELL_KNOWN, withdraw, AttributeDescriptor::decodeOrigin, Origin.class,
                (a, ctx, out) -> out.writeByte(a.code()));
        put(AS_PATH, "AS_PATH", WELL_KNOWN, withdraw, AsPathCodec::decodeAsPath, AsPath.class,
                AsPathCodec::encodeAsPath);
        put(NEXT_HOP, "NEXT_HOP", WELL_KNOWN, withdraw, AttributeDescriptor::decodeNextHop, NextHop.class,
                (a, ctx, out) -> out.writeBytes(a.address().getAddress()));
        put(MULTI_EXIT_DISC, "MULTI_EXIT_DISC", OPTIONAL_NON_TRANSITIVE, withdraw,
                (v, ctx) -> decodeU32(v, MULTI_EXIT_DISC, "RFC 7606 §7.4", MultiExitDisc::new), MultiExitDisc.class,
                (a, ctx, out) -> out.writeInt((int) a.value()));
        put(LOCAL_PREF, "LOCAL_PREF", WELL_KNOWN, withdraw,
                (v, ctx) -> decodeU32(v, LOCAL_PREF, "RFC 7606 §7.5", LocalPref::new), LocalPref.class,
                (a, ctx, out) -> out.writeInt((int) a.value()));
        put(ATOMIC_AGGREGATE, "ATOMIC_AGGREGATE", WELL_KNOWN, discard, AttributeDescriptor::decodeAtomicAggregate,
                AtomicAggregate.class, (a, ctx, out) -> { });
        put(AGGREGATOR, "AGGREGATOR", OPTIONAL_TRANSITIVE, discard, AsPathCodec::decodeAggregator, Aggregator.class,
                AsPathCodec::encodeAggregator);
        put(COMMUNITIES, "COMMUNITIES", OPTIONAL_TRANSITIVE, withdraw, CommunityCodec::decodeCommunities,
                Communities.class, CommunityCodec::encodeCommunities);
        put(ORIGINATOR_ID, "ORIGINATOR_ID", OPTIONAL_NON_TRANSITIVE, withdraw, AttributeDescriptor::decodeOriginatorId,
                OriginatorId.class, (a, ctx, out) -> out.writeBytes(a.id().getAddress()));
        put(CLUSTER_LIST, "CLUSTER_LIST", OPTIONAL_NON_TRANSITIVE, withdraw, AttributeDescriptor::decodeClusterList,
                ClusterList.class, (a, ctx, out) -> a.ids().forEach(id -> out.writeBytes(id.getAddress())));
        put(MP_REACH_NLRI, "MP_REACH_NLRI", OPTIONAL_NON_TRANSITIVE, mp, MpNlriCodec::decodeReach, MpReach.class,
                MpNlriCodec::encodeReach);
        put(MP_UNREACH_NLRI, "MP_UNREACH_NLRI", OPTIONAL_NON_TRANSITIVE, mp, MpNlriCodec::decodeUnreach,
                MpUnreach.class, MpNlriCodec::encodeUnreach);
        put(EXTENDED_COMMUNITIES, "EXTENDED_COMMUNITIES", OPTIONAL_TRANSITIVE, withdraw,
                CommunityCodec::decodeExtended, ExtendedCommunities.class, CommunityCodec::encodeExtended);
        put(AS4_PATH, "AS4_PATH", OPTIONAL_TRANSITIVE, discard, AsPathCodec::decodeAs4Path, As4Path.class,
                AsPathCodec::encodeAs4Path);
        put(AS4_AGGREGATOR, "AS4_AGGREGATOR", OPTIONAL_TRANSITIVE, discard, AsPathCodec::decodeAs4Aggregator,
                As4Aggregator.class, AsPathCodec::encodeAs4Aggregator);
        put(IPV6_EXTENDED_COMMUNITIES, "IPv6 Address Specific Extended Community", OPTIONAL_TRANSITIVE, withdraw,
                CommunityCodec::decodeIpv6Extended, Ipv6ExtendedCommunities.class, CommunityCodec::encodeIpv6Extended);
        put(LARGE_COMMUNITY, "LARGE_COMMUNITY", OPTIONAL_TRANSITIVE, withdraw, CommunityCodec::decodeLarge,
                LargeCommunities.class, CommunityCodec::encodeLarge);
        put(OTC, "OTC", OPTIONAL_TRANSITIVE, withdraw, AttributeDescriptor::decodeOtc, Otc.class,
                (a, ctx, out) -> out.writeInt((int) a.asn()));
    }

    private static <A extends PathAttribute> void put(int type, String name, int flags, MalformedRule malformed,
                                                      ValueDecoder decoder, Class<A> kind, TypedEncoder<A> encoder) {
        TABLE[type] = new AttributeDescriptor(type, name, flags, malformed, decoder,
                (a, ctx, out) -> encoder.encode(kind.cast(a), ctx, out));
    }

    /** The descriptor of {@code typeCode}, or {@code null} when corvid does not recognize the type. */
    static AttributeDescriptor of(int typeCode) {
        return TABLE[typeCode & 0xFF];
    }

    private static ValueOutcome decodeOrigin(ByteBuf v, WireContext ctx) {
        // RFC 7606 §7.1: "The attribute is considered malformed if its length is not 1 or it has an undefined
        // value. An UPDATE message with a malformed ORIGIN attribute SHALL be handled using the approach of
        // "treat-as-withdraw"."
        if (v.readableBytes() != 1) {
            return ValueOutcome.withdraw(ORIGIN, "ORIGIN of " + v.readableBytes() + " octets, not 1 (RFC 7606 §7.1)");
        }
        int code = v.readUnsignedByte();
        if (code > 2) return ValueOutcome.withdraw(ORIGIN, "ORIGIN value " + code + " is undefined (RFC 7606 §7.1)");
        return ValueOutcome.of(Origin.of(code));
    }

    private static ValueOutcome decodeNextHop(ByteBuf v, WireContext ctx) {
        // RFC 7606 §7.3: "The attribute is considered malformed if its length is not 4 [RFC4271]. An UPDATE message
        // with a malformed NEXT_HOP attribute SHALL be handled using the approach of "treat-as-withdraw"."
        if (v.readableBytes() != 4) {
            return ValueOutcome.withdraw(NEXT_HOP, "NEXT_HOP of " + v.readableBytes() + " octets, not 4 (RFC 7606 §7.3)");
        }
        int bits = v.getInt(v.readerIndex());
        Inet4Address address = readIpv4(v);
        // RFC 4271 §6.3: "Syntactic correctness means that the NEXT_HOP attribute represents a valid IP host
        // address"; RFC 7606 §7.3 replaces the session reset with treat-as-withdraw. Whether it is the receiver's
        // own address is the session's check, not the codec's.
        if (bits == 0 || bits == -1 || (bits >>> 28) == 0xE) {
            return ValueOutcome.withdraw(NEXT_HOP, "NEXT_HOP " + address.getHostAddress()
                    + " is not a valid IP host address (RFC 4271 §6.3, RFC 7606 §7.3)");
        }
        return ValueOutcome.of(new NextHop(address));
    }

    private static ValueOutcome decodeU32(ByteBuf v, int type, String rule,
                                          LongFunction<PathAttribute> make) {
        // RFC 7606 §7.4 (MULTI_EXIT_DISC) and §7.5 (LOCAL_PREF): "The attribute is considered malformed if its
        // length is not 4 [...] SHALL be handled using the approach of "treat-as-withdraw"."
        if (v.readableBytes() != 4) {
            return ValueOutcome.withdraw(type, of(type).name() + " of " + v.readableBytes() + " octets, not 4 (" + rule + ")");
        }
        return ValueOutcome.of(make.apply(v.readUnsignedInt()));
    }

    private static ValueOutcome decodeAtomicAggregate(ByteBuf v, WireContext ctx) {
        // RFC 7606 §7.6: "The attribute SHALL be considered malformed if its length is not 0 [...] An UPDATE message
        // with a malformed ATOMIC_AGGREGATE attribute SHALL be handled using the approach of "attribute discard"."
        if (v.readableBytes() != 0) {
            return ValueOutcome.discard(ATOMIC_AGGREGATE,
                    "ATOMIC_AGGREGATE of " + v.readableBytes() + " octets, not 0 (RFC 7606 §7.6)");
        }
        return ValueOutcome.of(AtomicAggregate.INSTANCE);
    }

    private static ValueOutcome decodeOriginatorId(ByteBuf v, WireContext ctx) {
        // RFC 7606 §7.9: "if the length of a received ORIGINATOR_ID attribute is not 4 [...] the attribute is
        // considered malformed [...] SHALL be handled using the approach of "treat-as-withdraw"." (The eBGP
        // attribute-discard case of the same section is the session's: the codec does not know the peer.)
        if (v.readableBytes() != 4) {
            return ValueOutcome.withdraw(ORIGINATOR_ID,
                    "ORIGINATOR_ID of " + v.readableBytes() + " octets, not 4 (RFC 7606 §7.9)");
        }
        return ValueOutcome.of(new OriginatorId(readIpv4(v)));
    }

    private static ValueOutcome decodeClusterList(ByteBuf v, WireContext ctx) {
        // RFC 7606 §7.10: "if the length of a received CLUSTER_LIST attribute is zero or is not a multiple of 4,
        // then [...] treat-as-withdraw".
        int n = v.readableBytes();
        if (n == 0 || n % 4 != 0) {
            return ValueOutcome.withdraw(CLUSTER_LIST,
                    "CLUSTER_LIST of " + n + " octets is not a non-zero multiple of 4 (RFC 7606 §7.10)");
        }
        List<Inet4Address> ids = new ArrayList<>(n / 4);
        while (v.isReadable()) ids.add(readIpv4(v));
        return ValueOutcome.of(new ClusterList(ids));
    }

    private static ValueOutcome decodeOtc(ByteBuf v, WireContext ctx) {
        // RFC 9234 §5: "If the OTC Attribute is malformed (i.e., its length is not 4), the UPDATE message SHALL be
        // handled using the approach of "treat-as-withdraw"."
        if (v.readableBytes() != 4) {
            return ValueOutcome.withdraw(OTC, "OTC of " + v.readableBytes() + " octets, not 4 (RFC 9234 §5)");
        }
        return ValueOutcome.of(new Otc(v.readUnsignedInt()));
    }

    /** Reads four octets as an IPv4 address. */
    static Inet4Address readIpv4(ByteBuf in) {
        byte[] b = new byte[4];
        in.readBytes(b);
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four octets are always an address
        }
    }
}
