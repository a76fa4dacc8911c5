package dev.corvid.codec.nlri;

import dev.corvid.codec.Afi;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv6 prefix as two big-endian longs with host bits cleared. */
public record Ipv6Prefix(long high, long low, int length) implements Prefix {

    public Ipv6Prefix {
        if (length < 0 || length > 128) throw new IllegalArgumentException("IPv6 prefix length " + length + " is not 0..128");
        high &= length >= 64 ? -1L : length == 0 ? 0L : -1L << (64 - length);
        low &= length <= 64 ? 0L : length == 128 ? -1L : -1L << (128 - length);
    }

    public static Ipv6Prefix of(byte[] address, int length) {
        long h = 0, l = 0;
        for (int i = 0; i < 8; i++) h = (h << 8) | (address[i] & 0xFF);
        for (int i = 8; i < 16; i++) l = (l << 8) | (address[i] & 0xFF);
        return new Ipv6Prefix(h, l, length);
    }

    public static Ipv6Prefix parse(String text) {
        if (Prefix.parse(text) instanceof Ipv6Prefix p) return p;
        throw new IllegalArgumentException("'" + text + "' is not an IPv6 prefix");
    }

    @Override
    public Afi afi() {
        return Afi.IPV6;
    }

    public byte[] addressBytes() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) b[i] = (byte) (high >>> (56 - 8 * i));
        for (int i = 0; i < 8; i++) b[8 + i] = (byte) (low >>> (56 - 8 * i));
        return b;
    }

    @Override
    public Inet6Address address() {
        try {
            return (Inet6Address) InetAddress.getByAddress(addressBytes());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** RFC 5952 text form, e.g. {@code 2001:db8::/48}. */
    @Override
    public String toString() {
        return Ipv6Text.format(addressBytes()) + "/" + length;
    }
}
