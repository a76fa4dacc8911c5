package dev.corvid.daemon.kernel;

import dev.corvid.netlink.InterfaceAddress;
import dev.corvid.netlink.Link;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * This host's links and addresses at one moment, as the kernel reported them: what the encapsulation decisions need
 * (is a next hop in the subnet of a local interface, which index the tunnel device has) and what {@code show kernel}
 * prints (device names).
 */
record Interfaces(Map<Integer, Link> links, List<InterfaceAddress> addresses) {
    static final Interfaces NONE = new Interfaces(Map.of(), List.of());

    Interfaces {
        links = Map.copyOf(links);
        addresses = List.copyOf(addresses);
    }

    static Interfaces of(List<Link> links, List<InterfaceAddress> addresses) {
        return new Interfaces(links.stream().collect(Collectors.toMap(Link::index, Function.identity(), (a, b) -> b)),
                addresses);
    }

    Optional<Link> link(String name) {
        return links.values().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    String deviceName(int index) {
        Link l = links.get(index);
        return l == null ? "#" + index : l.name();
    }

    /** Whether {@code address} lies in the subnet of an address of this host (cross-subnet: reached directly). */
    boolean onLocalSubnet(InetAddress address) {
        for (InterfaceAddress a : addresses) {
            if (!(a.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress()) && a.subnet().contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code address} is one of this host's own. */
    boolean isLocal(InetAddress address) {
        for (InterfaceAddress a : addresses) if (a.address().equals(address)) return true;
        return false;
    }

    /** The subnets (without link-local ones) and the tunnel device: what the encapsulation decisions depend on. */
    Object decisionKey(String tunnelDevice) {
        return List.of(addresses.stream().map(InterfaceAddress::subnet).collect(Collectors.toSet()),
                link(tunnelDevice).map(l -> List.of(l.index(), l.up())).orElse(List.of()));
    }
}
