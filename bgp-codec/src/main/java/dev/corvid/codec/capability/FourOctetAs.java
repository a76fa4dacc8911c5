package dev.corvid.codec.capability;

/** RFC 6793 §3 Support for 4-octet AS number: the speaker's AS as a 4-octet value. */
public record FourOctetAs(long asn) implements Capability {
    public static final int LENGTH = 4;

    public FourOctetAs {
        if (asn < 0 || asn > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AS " + asn + " is not a 4-octet AS number");
        }
    }

    @Override
    public int code() {
        return FOUR_OCTET_AS;
    }
}
