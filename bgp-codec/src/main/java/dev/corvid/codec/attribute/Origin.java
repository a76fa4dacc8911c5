package dev.corvid.codec.attribute;

/** RFC 4271 §5.1.1 ORIGIN: 0 IGP, 1 EGP, 2 INCOMPLETE. */
public record Origin(int code) implements PathAttribute {
    public static final Origin IGP = new Origin(0);
    public static final Origin EGP = new Origin(1);
    public static final Origin INCOMPLETE = new Origin(2);

    public Origin {
        if (code < 0 || code > 2) throw new IllegalArgumentException("ORIGIN " + code + " is not 0..2");
    }

    public static Origin of(int code) {
        return switch (code) {
            case 0 -> IGP;
            case 1 -> EGP;
            default -> INCOMPLETE;
        };
    }

    /** {@code igp}, {@code egp}, {@code incomplete}. */
    public String label() {
        return switch (code) {
            case 0 -> "igp";
            case 1 -> "egp";
            default -> "incomplete";
        };
    }

    @Override
    public int typeCode() {
        return ORIGIN;
    }
}
