package dev.corvid.codec;

/** Address Family Identifier (IANA "Address Family Numbers"; RFC 4760 §3). */
public enum Afi {
    IPV4(1),
    IPV6(2);

    private final int code;

    Afi(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Octets of an address of this family. */
    public int addressLength() {
        return this == IPV4 ? 4 : 16;
    }

    /** The family for {@code code}, or {@code null} when corvid does not know it. */
    public static Afi of(int code) {
        return switch (code) {
            case 1 -> IPV4;
            case 2 -> IPV6;
            default -> null;
        };
    }
}
