package dev.corvid.config;

import dev.corvid.codec.nlri.Prefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated {@code corvid { ... }} block of PRODUCT.md. Every value has passed {@link ConfigLoader}'s checks,
 * so code that holds one never re-validates it.
 *
 * @param listen        where inbound sessions are accepted; empty = only connect out
 * @param metrics       the Prometheus/health HTTP address; empty = off
 * @param clusterId     RFC 4456 CLUSTER_ID when set on a route reflector; empty = the router id is used
 * @param maximumPaths  the largest ECMP set per prefix (1: no ECMP)
 * @param originate     the prefixes this node announces (its pod blocks)
 * @param peerRanges    prefixes from which inbound sessions are accepted; a configured peer inside a range wins
 */
public record CorvidConfig(long asn, Inet4Address routerId, List<InetSocketAddress> listen, Path controlSocket,
        Optional<InetSocketAddress> metrics, Optional<Inet4Address> clusterId, int maximumPaths, List<Prefix> originate,
        KernelConfig kernel, List<PeerConfig> peers, List<PeerRangeConfig> peerRanges) {

    public CorvidConfig {
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(controlSocket, "controlSocket");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(kernel, "kernel");
        listen = List.copyOf(listen);
        originate = List.copyOf(originate);
        peers = List.copyOf(peers);
        peerRanges = List.copyOf(peerRanges);
    }

    /** This config with {@code peers} instead of its own. */
    public CorvidConfig withPeers(List<PeerConfig> peers) {
        return new CorvidConfig(asn, routerId, listen, controlSocket, metrics, clusterId, maximumPaths, originate, kernel,
                peers, peerRanges);
    }

    /** The configured peer with this address, if any. */
    public Optional<PeerConfig> peer(InetAddress address) {
        return peers.stream().filter(p -> p.address().equals(address)).findFirst();
    }

    /** The most specific peer range {@code address} lies in, if any (a configured {@link #peer} wins over it). */
    public Optional<PeerRangeConfig> range(InetAddress address) {
        return peerRanges.stream().filter(r -> r.contains(address))
                .max(Comparator.comparingInt(r -> r.prefix().length()));
    }
}
