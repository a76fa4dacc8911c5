package dev.corvid.daemon.run;

import dev.corvid.config.CorvidConfig;
import dev.corvid.config.PeerConfig;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A configured peer at one of this host's own addresses is left out: one full-mesh peer list for every node (a
 * Kubernetes ConfigMap, what Calico generates for BIRD) names the node itself, and a session to ourselves would only
 * fail again and again (Bad BGP Identifier).
 */
final class OwnAddresses {
    private static final System.Logger LOG = System.getLogger("corvid.daemon");

    private OwnAddresses() {}

    /** {@code config} without the peers at an address of this host, each logged once. */
    static CorvidConfig withoutSelf(CorvidConfig config) {
        return withoutSelf(config, ownAddresses()::contains);
    }

    static CorvidConfig withoutSelf(CorvidConfig config, Predicate<InetAddress> own) {
        List<PeerConfig> others = config.peers().stream().filter(p -> {
            if (!own.test(p.address())) return true;
            LOG.log(Level.INFO, "peer " + p.address().getHostAddress() + " is an address of this host: left out (a"
                    + " full-mesh list that names every node names this one too)");
            return false;
        }).toList();
        return others.size() == config.peers().size() ? config : config.withPeers(others);
    }

    private static Set<InetAddress> ownAddresses() {
        try {
            return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .map(OwnAddresses::withoutScope).collect(Collectors.toSet());
        } catch (SocketException e) {
            LOG.log(Level.WARNING, "cannot list this host's addresses (" + e.getMessage() + "); every peer is kept");
            return Set.of();
        }
    }

    /** An IPv6 address as a config names it: without the interface scope the JDK attaches to link-local ones. */
    private static InetAddress withoutScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
