package dev.corvid.netlink;

import dev.corvid.codec.nlri.Ipv6Text;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A next hop of a route: in a single-path route {@code RTA_GATEWAY}, {@code RTA_OIF} and {@code RTNH_F_ONLINK} in
 * {@code rtm_flags}; in a multipath route one {@code struct rtnexthop} of {@code RTA_MULTIPATH} ({@code man 7 rtnetlink},
 * {@code linux/rtnetlink.h}). Blackhole, unreachable and prohibit routes have no next hop at all.
 *
 * <p>The kernel always resolves the device: a route installed with {@link #via} comes back from a dump with the
 * device the kernel chose, so it equals the installed one only once that device is filled in.
 *
 * @param gateway the router to forward to; empty for a route directly on {@code device}
 * @param device  the output interface index; empty to let the kernel pick it from the gateway
 * @param onlink  {@code RTNH_F_ONLINK}: the gateway is taken to be on {@code device} even without a subnet there
 *                (Calico's routes through {@code tunl0}); needs a device
 */
public record NextHop(Optional<InetAddress> gateway, OptionalInt device, boolean onlink) {

    public NextHop {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(device, "device");
        if (gateway.isEmpty() && device.isEmpty()) {
            throw new IllegalArgumentException("a next hop needs a gateway, a device or both");
        }
        if (onlink && device.isEmpty()) {
            throw new IllegalArgumentException("an onlink next hop needs a device (the gateway "
                    + gateway.map(NextHop::text).orElse("") + " is on which link?)");
        }
        if (device.isPresent() && device.getAsInt() <= 0) {
            throw new IllegalArgumentException("device index " + device.getAsInt() + " is not 1 or more");
        }
    }

    /** Via {@code gateway}; the kernel picks the device from its routes to the gateway. */
    public static NextHop via(InetAddress gateway) {
        return new NextHop(Optional.of(gateway), OptionalInt.empty(), false);
    }

    /** Via {@code gateway} out of {@code device}, the gateway reachable through a subnet of that device. */
    public static NextHop via(InetAddress gateway, int device) {
        return new NextHop(Optional.of(gateway), OptionalInt.of(device), false);
    }

    /** Via {@code gateway} out of {@code device} with {@code RTNH_F_ONLINK} (Calico's {@code tunl0} routes). */
    public static NextHop onlink(InetAddress gateway, int device) {
        return new NextHop(Optional.of(gateway), OptionalInt.of(device), true);
    }

    /** Directly on {@code device}: the destination is on that link, no gateway. */
    public static NextHop direct(int device) {
        return new NextHop(Optional.empty(), OptionalInt.of(device), false);
    }

    /** As {@code ip route} writes it: {@code via 10.0.0.2 dev #3 onlink}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        gateway.ifPresent(g -> s.append("via ").append(text(g)));
        device.ifPresent(d -> s.append(s.isEmpty() ? "" : " ").append("dev #").append(d));
        if (onlink) s.append(" onlink");
        return s.toString();
    }

    /** An address as {@code ip} prints it: IPv6 compressed ({@code 2001:db8::1}, RFC 5952). */
    static String text(InetAddress address) {
        return address instanceof Inet4Address ? address.getHostAddress() : Ipv6Text.format(address.getAddress());
    }
}
