package dev.corvid.codec.attribute;

/** RFC 4271 §5.1.4 MULTI_EXIT_DISC, an unsigned 32-bit value. */
public record MultiExitDisc(long value) implements PathAttribute {
    public MultiExitDisc {
        if (value < 0 || value > 0xFFFF_FFFFL) throw new IllegalArgumentException("MED " + value + " is out of range");
    }

    @Override
    public int typeCode() {
        return MULTI_EXIT_DISC;
    }
}
