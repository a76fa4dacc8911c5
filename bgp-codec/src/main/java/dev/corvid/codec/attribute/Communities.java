package dev.corvid.codec.attribute;

import java.util.List;

/** RFC 1997 COMMUNITIES: each community is 32 bits, shown as {@code ASN:VALUE} (e.g. {@code 64512:100}). */
public record Communities(List<Integer> values) implements PathAttribute {
    public Communities {
        values = List.copyOf(values);
    }

    public static String format(int community) {
        return (community >>> 16) + ":" + (community & 0xFFFF);
    }

    @Override
    public int typeCode() {
        return COMMUNITIES;
    }
}
