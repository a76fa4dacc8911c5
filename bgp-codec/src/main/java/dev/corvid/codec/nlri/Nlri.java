package dev.corvid.codec.nlri;

/**
 * One NLRI entry: a prefix and, where RFC 7911 ADD-PATH is negotiated for its family, the Path Identifier
 * (otherwise 0). The path id is an unsigned 32-bit value held in an int.
 */
public record Nlri(Prefix prefix, int pathId) {
    public static Nlri of(Prefix prefix) {
        return new Nlri(prefix, 0);
    }

    public static Nlri parse(String prefix) {
        return new Nlri(Prefix.parse(prefix), 0);
    }

    @Override
    public String toString() {
        return pathId == 0 ? prefix.toString() : prefix + " path-id " + Integer.toUnsignedString(pathId);
    }
}
