package dev.corvid.reflector;

import dev.corvid.codec.Afi;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Our addresses on one session, the next hop we put on routes when the next hop is ourselves (eBGP, next-hop-self,
 * locally originated routes). A session runs over one transport but may carry both families, so each family has
 * its own address; RFC 2545 §3 adds the link-local address for IPv6 peers on a shared link.
 */
public record LocalAddresses(Optional<Inet4Address> ipv4, Optional<Inet6Address> ipv6,
                             Optional<Inet6Address> ipv6LinkLocal) {

    public LocalAddresses {
        Objects.requireNonNull(ipv4, "ipv4");
        Objects.requireNonNull(ipv6, "ipv6");
        Objects.requireNonNull(ipv6LinkLocal, "ipv6LinkLocal");
    }

    /** The addresses of a session over {@code local}, which carries the next hop of that family only. */
    public static LocalAddresses of(InetAddress local) {
        return switch (local) {
            case Inet4Address v4 -> new LocalAddresses(Optional.of(v4), Optional.empty(), Optional.empty());
            case Inet6Address v6 -> new LocalAddresses(Optional.empty(), Optional.of(v6), Optional.empty());
            default -> throw new IllegalArgumentException(local + " is neither IPv4 nor IPv6");
        };
    }

    /** Our next hop for routes of {@code afi}, if the session has an address of that family. */
    public Optional<InetAddress> nextHop(Afi afi) {
        return afi == Afi.IPV4 ? ipv4.map(a -> a) : ipv6.map(a -> a);
    }

    /** The link-local next hop that goes with {@link #nextHop} for {@code afi} (RFC 2545 §3; IPv6 only). */
    public Optional<InetAddress> linkLocal(Afi afi) {
        return afi == Afi.IPV6 ? ipv6LinkLocal.map(a -> a) : Optional.empty();
    }
}
