package dev.corvid.netlink;

import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One route of the kernel's FIB as rtnetlink carries it (rtmsg and its attributes, {@code man 7 rtnetlink}).
 *
 * @param destination the prefix ({@code RTA_DST} and {@code rtm_dst_len})
 * @param gateway     the next hop ({@code RTA_GATEWAY}), if any
 * @param device      the output interface index ({@code RTA_OIF}), if any
 * @param table       the routing table ({@code RTA_TABLE}; 254 is main)
 * @param protocol    who installed it ({@code rtm_protocol}; corvid uses its own number)
 * @param type        {@code rtm_type}: {@link #UNICAST}, {@link #BLACKHOLE}, ...
 * @param onlink      {@code RTNH_F_ONLINK}: the next hop is on the link even without a matching subnet
 */
public record KernelRoute(Prefix destination, Optional<InetAddress> gateway, OptionalInt device, int table,
                          int protocol, int type, boolean onlink) {
    public static final int UNICAST = 1;
    public static final int BLACKHOLE = 6;
    public static final int MAIN_TABLE = 254;

    public KernelRoute {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(device, "device");
        if (table < 1) throw new IllegalArgumentException("table " + table + " is not 1 or more");
        if (protocol < 0 || protocol > 255) throw new IllegalArgumentException("protocol " + protocol + " is not 0..255");
    }

    /** A unicast route via {@code gateway}. */
    public static KernelRoute via(Prefix destination, InetAddress gateway, int table, int protocol) {
        return new KernelRoute(destination, Optional.of(gateway), OptionalInt.empty(), table, protocol, UNICAST, false);
    }

    @Override
    public String toString() {
        return (type == BLACKHOLE ? "blackhole " : "") + destination
                + gateway.map(g -> " via " + g.getHostAddress()).orElse("")
                + (device.isPresent() ? " dev #" + device.getAsInt() : "") + (onlink ? " onlink" : "")
                + " table " + table + " proto " + protocol;
    }
}
