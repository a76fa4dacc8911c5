package dev.corvid.codec.attribute;

/** RFC 4271 §5.1.5 LOCAL_PREF, an unsigned 32-bit value. */
public record LocalPref(long value) implements PathAttribute {
    public LocalPref {
        if (value < 0 || value > 0xFFFF_FFFFL) throw new IllegalArgumentException("LOCAL_PREF " + value + " is out of range");
    }

    @Override
    public int typeCode() {
        return LOCAL_PREF;
    }
}
