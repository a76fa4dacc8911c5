package dev.corvid.codec.attribute;

import java.net.Inet4Address;

/** RFC 4271 §5.1.7 AGGREGATOR, held with a 4-octet AS (RFC 6793 §4.2.3 merges AS4_AGGREGATOR into it). */
public record Aggregator(long asn, Inet4Address address) implements PathAttribute {
    @Override
    public int typeCode() {
        return AGGREGATOR;
    }
}
