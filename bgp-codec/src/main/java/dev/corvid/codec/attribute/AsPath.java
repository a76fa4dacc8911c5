package dev.corvid.codec.attribute;

import java.util.List;

/**
 * RFC 4271 §5.1.2 AS_PATH, always held with 4-octet AS numbers: on a session without the RFC 6793 capability
 * the decoder merges AS4_PATH into it (RFC 6793 §4.2.3) and the encoder writes AS_TRANS plus AS4_PATH.
 */
public record AsPath(List<AsPathSegment> segments) implements PathAttribute {
    public static final AsPath EMPTY = new AsPath(List.of());

    public AsPath {
        segments = List.copyOf(segments);
    }

    public static AsPath sequence(long... asns) {
        return asns.length == 0 ? EMPTY : new AsPath(List.of(AsPathSegment.sequence(asns)));
    }

    @Override
    public int typeCode() {
        return AS_PATH;
    }
}
