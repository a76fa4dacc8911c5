package dev.corvid.codec.attribute;

import java.util.List;

/**
 * RFC 6793 AS4_PATH. The decoder merges it into {@link AsPath} on 2-octet sessions (RFC 6793 §4.2.3) and drops it
 * on 4-octet sessions (§4.1 says it must not be sent there); the record exists for vectors and for decoding a
 * message without that merge.
 */
public record As4Path(List<AsPathSegment> segments) implements PathAttribute {
    public As4Path {
        segments = List.copyOf(segments);
    }

    @Override
    public int typeCode() {
        return AS4_PATH;
    }
}
