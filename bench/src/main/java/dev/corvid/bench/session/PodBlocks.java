package dev.corvid.bench.session;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Prefix;

/**
 * The pod blocks of a Calico-shaped load: session {@code i} announces the {@code i}-th block of the size of
 * {@code first}, counting up from it (with {@code 10.0.0.0/26}: 10.0.0.0/26, 10.0.0.64/26, 10.0.0.128/26, ...).
 *
 * @param first the block of session 0
 * @param count how many sessions, so how many blocks
 */
record PodBlocks(Ipv4Prefix first, int count) {

    PodBlocks {
        long span = (long) count << (32 - first.length());
        if (count < 1 || Integer.toUnsignedLong(first.bits()) + span > 1L << 32) {
            throw new IllegalArgumentException(count + " blocks of /" + first.length() + " from " + first
                    + " do not fit below 255.255.255.255");
        }
    }

    /** The block of session {@code index} (0-based). */
    Ipv4Prefix block(int index) {
        return new Ipv4Prefix((int) (first.bits() + ((long) index << (32 - first.length()))), first.length());
    }

    /** Which session's block {@code prefix} is, or -1 when it is none of them. */
    int indexOf(Prefix prefix) {
        if (!(prefix instanceof Ipv4Prefix p) || p.length() != first.length()) return -1;
        long offset = Integer.toUnsignedLong(p.bits()) - Integer.toUnsignedLong(first.bits());
        long index = offset >> (32 - first.length());
        return offset >= 0 && index < count ? (int) index : -1;
    }
}
