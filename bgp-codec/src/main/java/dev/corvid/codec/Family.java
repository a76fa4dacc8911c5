package dev.corvid.codec;

/**
 * An AFI/SAFI pair (RFC 4760). Kept as raw codes so that families corvid does not route (VPN, flowspec, ...)
 * can still be named in capabilities and errors; {@link #IPV4_UNICAST} and {@link #IPV6_UNICAST} are the
 * ones the codec decodes NLRI for.
 */
public record Family(int afi, int safi) {
    public static final int SAFI_UNICAST = 1;
    public static final Family IPV4_UNICAST = new Family(1, SAFI_UNICAST);
    public static final Family IPV6_UNICAST = new Family(2, SAFI_UNICAST);

    public Family {
        if (afi < 0 || afi > 0xFFFF || safi < 0 || safi > 0xFF) {
            throw new IllegalArgumentException("AFI " + afi + " / SAFI " + safi + " out of range");
        }
    }

    public static Family of(int afi, int safi) {
        if (safi == SAFI_UNICAST) {
            if (afi == 1) return IPV4_UNICAST;
            if (afi == 2) return IPV6_UNICAST;
        }
        return new Family(afi, safi);
    }

    /** True for the unicast families whose NLRI the codec understands. */
    public boolean isKnownUnicast() {
        return safi == SAFI_UNICAST && (afi == 1 || afi == 2);
    }

    /** The {@link Afi} of a known family, or {@code null}. */
    public Afi afiEnum() {
        return Afi.of(afi);
    }

    /** {@code ipv4-unicast}, {@code ipv6-unicast}, or {@code afi-N/safi-M}. */
    @Override
    public String toString() {
        if (this.equals(IPV4_UNICAST)) return "ipv4-unicast";
        if (this.equals(IPV6_UNICAST)) return "ipv6-unicast";
        return "afi-" + afi + "/safi-" + safi;
    }
}
