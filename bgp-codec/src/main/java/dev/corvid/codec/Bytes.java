package dev.corvid.codec;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of octets with value equality, for the parts of messages kept as received (unknown
 * capabilities and attributes, NOTIFICATION data). Records holding a {@code byte[]} would compare by identity.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] octets;

    private Bytes(byte[] octets) {
        this.octets = octets;
    }

    public static Bytes of(byte... octets) {
        return octets.length == 0 ? EMPTY : new Bytes(octets.clone());
    }

    /** Reads {@code length} octets from {@code buf}, advancing its reader index. */
    public static Bytes read(ByteBuf buf, int length) {
        if (length == 0) return EMPTY;
        byte[] b = new byte[length];
        buf.readBytes(b);
        return new Bytes(b);
    }

    /**
     * Parses hex, ignoring whitespace, {@code :} separators and {@code #} comments up to the end of a line, so
     * that annotated wire vectors can be written one field per line.
     */
    public static Bytes fromHex(CharSequence annotated) {
        StringBuilder digits = new StringBuilder(annotated.length());
        boolean comment = false;
        for (int i = 0; i < annotated.length(); i++) {
            char c = annotated.charAt(i);
            if (comment) {
                if (c == '\n') comment = false;
            } else if (c == '#') {
                comment = true;
            } else if (Character.digit(c, 16) >= 0) {
                digits.append(c);
            } else if (!Character.isWhitespace(c) && c != ':') {
                throw new IllegalArgumentException("'" + c + "' at offset " + i + " is not a hex digit");
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + digits.length() + ")");
        }
        return new Bytes(HEX.parseHex(digits));
    }

    public int length() {
        return octets.length;
    }

    public byte get(int index) {
        return octets[index];
    }

    public byte[] toArray() {
        return octets.clone();
    }

    public void writeTo(ByteBuf out) {
        out.writeBytes(octets);
    }

    public String hex() {
        return HEX.formatHex(octets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(octets, b.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    @Override
    public String toString() {
        return hex();
    }
}
