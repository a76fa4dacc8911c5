package dev.corvid.codec.nlri;

import dev.corvid.codec.Afi;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP prefix: address bits beyond {@link #length()} are always zero. */
public sealed interface Prefix extends Comparable<Prefix> permits Ipv4Prefix, Ipv6Prefix {

    Afi afi();

    int length();

    /** The network address, e.g. {@code 10.244.1.0}. */
    InetAddress address();

    /** Whether {@code address} lies inside this prefix (an address of the other family never does). */
    default boolean contains(InetAddress address) {
        byte[] net = address().getAddress();
        byte[] a = address.getAddress();
        if (net.length != a.length) return false;
        int bits = length();
        for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((net[i] & mask) != (a[i] & mask)) return false;
        }
        return true;
    }

    /**
     * Parses {@code 10.244.1.0/26} or {@code 2001:db8::/48}. Host bits must be zero.
     *
     * @throws IllegalArgumentException with a sentence that says what is wrong
     */
    static Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("'" + text + "' is not a prefix: expected ADDRESS/LENGTH");
        String addr = text.substring(0, slash);
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length after '/'");
        }
        if (!addr.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("'" + addr + "' is not an IP address");
        }
        byte[] raw;
        try {
            raw = InetAddress.getByName(addr).getAddress(); // literal only: the pattern above excludes names
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + addr + "' is not an IP address");
        }
        Prefix p = raw.length == 4 ? Ipv4Prefix.of(raw, length) : Ipv6Prefix.of(raw, length);
        if (!p.address().equals(addrOf(raw))) {
            throw new IllegalArgumentException("'" + text + "' has host bits set; did you mean " + p + "?");
        }
        return p;
    }

    private static InetAddress addrOf(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    default int compareTo(Prefix o) {
        int c = Integer.compare(afi().ordinal(), o.afi().ordinal());
        if (c != 0) return c;
        if (this instanceof Ipv4Prefix a && o instanceof Ipv4Prefix b) {
            c = Integer.compareUnsigned(a.bits(), b.bits());
        } else if (this instanceof Ipv6Prefix a && o instanceof Ipv6Prefix b) {
            c = Long.compareUnsigned(a.high(), b.high());
            if (c == 0) c = Long.compareUnsigned(a.low(), b.low());
        }
        return c != 0 ? c : Integer.compare(length(), o.length());
    }
}
