package dev.corvid.codec.attribute;

import java.util.List;

/** RFC 4360 EXTENDED_COMMUNITIES: each an 8-octet value held as a big-endian long. */
public record ExtendedCommunities(List<Long> values) implements PathAttribute {
    public ExtendedCommunities {
        values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
        return EXTENDED_COMMUNITIES;
    }
}
