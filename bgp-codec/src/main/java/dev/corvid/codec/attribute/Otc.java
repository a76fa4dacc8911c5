package dev.corvid.codec.attribute;

/** RFC 9234 §5 Only to Customer (OTC): an AS number. */
public record Otc(long asn) implements PathAttribute {
    @Override
    public int typeCode() {
        return OTC;
    }
}
