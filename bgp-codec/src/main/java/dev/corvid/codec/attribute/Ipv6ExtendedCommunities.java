package dev.corvid.codec.attribute;

import dev.corvid.codec.Bytes;
import java.util.List;

/** RFC 5701 IPv6 Address Specific Extended Community: each 20 octets, kept as received. */
public record Ipv6ExtendedCommunities(List<Bytes> values) implements PathAttribute {
    public Ipv6ExtendedCommunities {
        values = List.copyOf(values);
        for (Bytes b : values) {
            if (b.length() != 20) throw new IllegalArgumentException("an IPv6 extended community is 20 octets, not " + b.length());
        }
    }

    @Override
    public int typeCode() {
        return IPV6_EXTENDED_COMMUNITIES;
    }
}
