package dev.corvid.codec.attribute;

import java.util.List;

/**
 * One AS_PATH segment (RFC 4271 §4.3; confederation types from RFC 5065 §3). AS numbers are unsigned
 * 32-bit values held in longs.
 */
public record AsPathSegment(Type type, List<Long> asns) {
    public enum Type {
        AS_SET(1), AS_SEQUENCE(2), AS_CONFED_SEQUENCE(3), AS_CONFED_SET(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The type for {@code code}, or {@code null} (RFC 7606 §7.2: an unrecognized type is malformed). */
        public static Type of(int code) {
            return switch (code) {
                case 1 -> AS_SET;
                case 2 -> AS_SEQUENCE;
                case 3 -> AS_CONFED_SEQUENCE;
                case 4 -> AS_CONFED_SET;
                default -> null;
            };
        }
    }

    public AsPathSegment {
        asns = List.copyOf(asns);
        for (long asn : asns) {
            if (asn < 0 || asn > 0xFFFF_FFFFL) throw new IllegalArgumentException("AS " + asn + " is out of range");
        }
    }

    public static AsPathSegment sequence(long... asns) {
        return new AsPathSegment(Type.AS_SEQUENCE, java.util.Arrays.stream(asns).boxed().toList());
    }
}
