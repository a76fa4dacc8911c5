package dev.corvid.daemon.routing;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.reflector.PeerSettings;
import dev.corvid.reflector.Speaker;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the RIB thread needs from the configuration.
 *
 * @param speaker      our AS, router id and cluster id
 * @param maximumPaths the largest ECMP set (1: no ECMP)
 * @param originate the prefixes this node announces
 * @param peers     the routing settings of the peer at an address (a configured peer, or one accepted from a range)
 * @param configuredPeers the addresses of the configured peers (not the ranges'): the kernel's reconcile after a
 *                        restart waits for their tables
 */
public record RoutingSettings(Speaker speaker, int maximumPaths, List<Prefix> originate,
                              Function<InetAddress, Optional<Peer>> peers, List<InetAddress> configuredPeers) {

    public RoutingSettings {
        Objects.requireNonNull(speaker, "speaker");
        originate = List.copyOf(originate);
        Objects.requireNonNull(peers, "peers");
        configuredPeers = List.copyOf(configuredPeers);
    }

    /**
     * One peer as routing sees it.
     *
     * @param settings    role, next-hop-self and policies
     * @param prefixLimit {@code max-prefixes}, if set
     */
    public record Peer(PeerSettings settings, Optional<PrefixLimit> prefixLimit) {
        public Peer {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(prefixLimit, "prefixLimit");
        }
    }

    /**
     * {@code max-prefixes}: the most paths a peer's Adj-RIB-In may hold.
     *
     * @param maximum the limit
     * @param restart past it, end the session with RFC 4486 Cease / Maximum Number of Prefixes Reached (it restarts
     *                after the idle hold time); false: only log a warning
     */
    public record PrefixLimit(long maximum, boolean restart) {}
}
