package dev.corvid.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Comparator;
import java.util.Optional;

/**
 * The router id corvid uses when the configuration has none: the first IPv4 address, in interface index order, of
 * an interface that is up and is not the loopback; 127.0.0.1, with a warning, when the host has none.
 */
final class HostRouterId {
    private static final System.Logger LOG = System.getLogger("dev.corvid.config");

    private HostRouterId() {}

    static Inet4Address find() {
        Optional<Inet4Address> found;
        try {
            found = NetworkInterface.networkInterfaces()
                    .filter(HostRouterId::usable)
                    .sorted(Comparator.comparingInt(NetworkInterface::getIndex))
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isAnyLocalAddress())
                    .map(a -> (Inet4Address) a)
                    .findFirst();
        } catch (SocketException e) {
            found = Optional.empty();
        }
        return found.orElseGet(() -> {
            LOG.log(System.Logger.Level.WARNING, "no interface of this host has a non-loopback IPv4 address, so the router id "
                    + "is 127.0.0.1; set corvid.router-id to an address unique among your BGP speakers");
            return (Inet4Address) InetAddress.getLoopbackAddress();
        });
    }

    private static boolean usable(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
