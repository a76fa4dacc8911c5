package dev.corvid.codec.attribute;

/** RFC 4271 §5.1.6 ATOMIC_AGGREGATE (no value). */
public record AtomicAggregate() implements PathAttribute {
    public static final AtomicAggregate INSTANCE = new AtomicAggregate();

    @Override
    public int typeCode() {
        return ATOMIC_AGGREGATE;
    }
}
