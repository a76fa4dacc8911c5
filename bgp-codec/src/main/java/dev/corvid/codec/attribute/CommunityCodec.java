package dev.corvid.codec.attribute;

import static dev.corvid.codec.attribute.PathAttribute.*;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.WireContext;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * DOC: the community attributes, all lists of fixed-size values: COMMUNITIES (4 octets, RFC 1997),
 * EXTENDED_COMMUNITIES (8, RFC 4360), IPv6 Address Specific Extended Community (20, RFC 5701) and
 * LARGE_COMMUNITY (12, RFC 8092). Each is malformed when its length is zero or not a multiple of the value size,
 * and each is then handled with treat-as-withdraw. Unknown community types are never an error (RFC 7606 §7.14,
 * §7.15): the values are kept as numbers or octets.
 */
final class CommunityCodec {
    private CommunityCodec() {}

    private static String notMultiple(String name, int length, int size, String rule) {
        return name + " of " + length + " octets is not a non-zero multiple of " + size + " (" + rule + ")";
    }

    static ValueOutcome decodeCommunities(ByteBuf v, WireContext ctx) {
        int n = v.readableBytes();
        // RFC 7606 §7.8: "The error handling of [RFC1997] is revised as follows: The Community attribute SHALL be
        // considered malformed if its length is not a non-zero multiple of 4. An UPDATE message with a malformed
        // Community attribute SHALL be handled using the approach of "treat-as-withdraw"."
        if (n == 0 || n % 4 != 0) return ValueOutcome.withdraw(COMMUNITIES, notMultiple("COMMUNITIES", n, 4, "RFC 7606 §7.8"));
        List<Integer> values = new ArrayList<>(n / 4);
        while (v.isReadable()) values.add(v.readInt());
        return ValueOutcome.of(new Communities(values));
    }

    static void encodeCommunities(Communities c, WireContext ctx, ByteBuf out) {
        c.values().forEach(out::writeInt);
    }

    static ValueOutcome decodeExtended(ByteBuf v, WireContext ctx) {
        int n = v.readableBytes();
        // RFC 7606 §7.14: "The Extended Communities attribute SHALL be considered malformed if its length is not a
        // non-zero multiple of 8. An UPDATE message with a malformed Extended Communities attribute SHALL be
        // handled using the approach of "treat-as-withdraw"."
        if (n == 0 || n % 8 != 0) {
            return ValueOutcome.withdraw(EXTENDED_COMMUNITIES, notMultiple("EXTENDED_COMMUNITIES", n, 8, "RFC 7606 §7.14"));
        }
        List<Long> values = new ArrayList<>(n / 8);
        while (v.isReadable()) values.add(v.readLong());
        return ValueOutcome.of(new ExtendedCommunities(values));
    }

    static void encodeExtended(ExtendedCommunities c, WireContext ctx, ByteBuf out) {
        c.values().forEach(out::writeLong);
    }

    static ValueOutcome decodeIpv6Extended(ByteBuf v, WireContext ctx) {
        int n = v.readableBytes();
        // RFC 7606 §7.15: "The IPv6 Address Specific Extended Community attribute SHALL be considered malformed if
        // its length is not a non-zero multiple of 20. An UPDATE message with a malformed IPv6 Address Specific
        // Extended Community attribute SHALL be handled using the approach of "treat-as-withdraw"."
        if (n == 0 || n % 20 != 0) {
            return ValueOutcome.withdraw(IPV6_EXTENDED_COMMUNITIES,
                    notMultiple("IPv6 Address Specific Extended Community", n, 20, "RFC 7606 §7.15"));
        }
        List<Bytes> values = new ArrayList<>(n / 20);
        while (v.isReadable()) values.add(Bytes.read(v, 20));
        return ValueOutcome.of(new Ipv6ExtendedCommunities(values));
    }

    static void encodeIpv6Extended(Ipv6ExtendedCommunities c, WireContext ctx, ByteBuf out) {
        c.values().forEach(b -> b.writeTo(out));
    }

    static ValueOutcome decodeLarge(ByteBuf v, WireContext ctx) {
        int n = v.readableBytes();
        // RFC 8092 §5: "The error handling of BGP Large Communities is as follows: A BGP Large Communities attribute
        // SHALL be considered malformed if the length of the BGP Large Communities Attribute value, expressed in
        // octets, is not a non-zero multiple of 12. A BGP UPDATE message with a malformed BGP Large Communities
        // attribute SHALL be handled using the approach of "treat-as-withdraw" as described in Section 2 of
        // [RFC7606]."
        if (n == 0 || n % 12 != 0) return ValueOutcome.withdraw(LARGE_COMMUNITY, notMultiple("LARGE_COMMUNITY", n, 12, "RFC 8092 §5"));
        List<LargeCommunity> values = new ArrayList<>(n / 12);
        while (v.isReadable()) values.add(new LargeCommunity(v.readInt(), v.readInt(), v.readInt()));
        return ValueOutcome.of(new LargeCommunities(values));
    }

    static void encodeLarge(LargeCommunities c, WireContext ctx, ByteBuf out) {
        for (LargeCommunity l : c.values()) {
            out.writeInt(l.globalAdmin()).writeInt(l.localData1()).writeInt(l.localData2());
        }
    }
}
