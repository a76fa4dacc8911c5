package dev.corvid.codec.attribute;

/** RFC 8092 large community: three unsigned 32-bit values held in ints, shown as {@code 64512:1:2}. */
public record LargeCommunity(int globalAdmin, int localData1, int localData2) {
    @Override
    public String toString() {
        return Integer.toUnsignedString(globalAdmin) + ":" + Integer.toUnsignedString(localData1) + ":"
                + Integer.toUnsignedString(localData2);
    }
}
