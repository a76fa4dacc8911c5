package dev.corvid.codec.attribute;

import java.net.Inet4Address;

/** RFC 4456 §8 ORIGINATOR_ID: the BGP Identifier of the route's originator in the local AS. */
public record OriginatorId(Inet4Address id) implements PathAttribute {
    @Override
    public int typeCode() {
        return ORIGINATOR_ID;
    }
}
