package dev.corvid.codec.attribute;

import java.net.Inet4Address;

/** RFC 6793 AS4_AGGREGATOR; merged into {@link Aggregator} like {@link As4Path} into {@link AsPath}. */
public record As4Aggregator(long asn, Inet4Address address) implements PathAttribute {
    @Override
    public int typeCode() {
        return AS4_AGGREGATOR;
    }
}
