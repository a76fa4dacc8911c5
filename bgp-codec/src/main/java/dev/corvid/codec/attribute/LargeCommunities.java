package dev.corvid.codec.attribute;

import java.util.List;

/** RFC 8092 LARGE_COMMUNITY. */
public record LargeCommunities(List<LargeCommunity> values) implements PathAttribute {
    public LargeCommunities {
        values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
        return LARGE_COMMUNITY;
    }
}
