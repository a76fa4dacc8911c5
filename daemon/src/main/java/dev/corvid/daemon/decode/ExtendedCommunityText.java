package dev.corvid.daemon.decode;

/**
 * Text for RFC 4360 extended communities: route targets and route origins of the three "specific" types as
 * {@code rt:ASN:VALUE} / {@code ro:ADDRESS:VALUE} (the notation BIRD and FRR show), others as
 * {@code 0xTTSS:VALUEHEX}.
 */
public final class ExtendedCommunityText {
    private ExtendedCommunityText() {}

    public static String format(long v) {
        int type = (int) (v >>> 56) & 0xFF;
        int subtype = (int) (v >>> 48) & 0xFF;
        String kind = switch (subtype) {
            case 0x02 -> "rt";
            case 0x03 -> "ro";
            default -> null;
        };
        // RFC 4360 §3.1-3.3 (and RFC 5668 for 4-octet AS): the high bit of the type only says "non-transitive".
        int base = type & 0x3F;
        if (kind != null) {
            switch (base) {
                case 0x00 -> {
                    return kind + ":" + ((v >>> 32) & 0xFFFF) + ":" + (v & 0xFFFF_FFFFL);
                }
                case 0x01 -> {
                    long ip = (v >>> 16) & 0xFFFF_FFFFL;
                    return kind + ":" + (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "."
                            + (ip & 0xFF) + ":" + (v & 0xFFFF);
                }
                case 0x02 -> {
                    return kind + ":" + ((v >>> 16) & 0xFFFF_FFFFL) + ":" + (v & 0xFFFF);
                }
                default -> { }
            }
        }
        return String.format("0x%02x%02x:%012x", type, subtype, v & 0xFFFF_FFFF_FFFFL);
    }
}
