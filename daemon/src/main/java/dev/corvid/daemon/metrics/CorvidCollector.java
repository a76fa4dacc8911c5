package dev.corvid.daemon.metrics;

import dev.corvid.daemon.kernel.KernelCounters;
import dev.corvid.daemon.routing.PrefixCounts;
import dev.corvid.daemon.routing.RibStats;
import dev.corvid.fsm.transport.PeerStatus;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DOC: the corvid series, collected when Prometheus scrapes: the questions go to the peers' event loops and the RIB
 * thread at once, and whatever has not answered within {@link #TIMEOUT} is left out of this scrape, with
 * {@code corvid_metrics_source_up{source}} 0 saying which.
 */
final class CorvidCollector implements MultiCollector {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final MetricsSources sources;
    private final InstantSource clock;
    private final PeerMetrics peerMetrics = new PeerMetrics();

    CorvidCollector(MetricsSources sources, InstantSource clock) {
        this.sources = sources;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        CompletableFuture<List<PeerStatus>> peersAsked = sources.peers().get();
        CompletableFuture<Map<InetAddress, PrefixCounts>> countsAsked = sources.prefixCounts().get();
        CompletableFuture<RibStats> ribAsked = sources.rib().get();
        Optional<List<PeerStatus>> peers = await(peersAsked, deadline);
        Optional<Map<InetAddress, PrefixCounts>> counts = await(countsAsked, deadline);
        Optional<RibStats> rib = await(ribAsked, deadline);

        Families f = new Families();
        Families.Family up = f.gauge("corvid_metrics_source_up", "1 when the source answered this scrape within "
                + TIMEOUT.toSeconds() + " s, 0 when its series are missing from it: sessions (the peers' event"
                + " loops), rib (the RIB thread)");
        up.add(peers.isPresent() ? 1 : 0, "source", "sessions");
        up.add(counts.isPresent() && rib.isPresent() ? 1 : 0, "source", "rib");
        peers.ifPresent(ps -> peerMetrics.add(f, ps, counts.orElse(null), sources.ranges().get(), clock.instant()));
        rib.ifPresent(r -> addRib(f, r));
        sources.kernel().ifPresent(k -> addKernel(f, k.get()));
        return f.snapshots();
    }

    private static void addRib(Families f, RibStats r) {
        Families.Family loc = f.gauge("corvid_rib_loc_routes", "Routes (best paths) in the Loc-RIB, by family");
        loc.add(r.locRibIpv4(), "family", "ipv4-unicast");
        loc.add(r.locRibIpv6(), "family", "ipv6-unicast");
        f.gauge("corvid_rib_adj_in_paths", "Paths held in the Adj-RIBs-In of the Established peers")
                .add(r.adjRibInPaths());
        f.counter("corvid_rib_turns", "Turns of the RIB thread: a batch of events, then the decision process and"
                + " export").add(r.turns());
        f.counter("corvid_rib_loc_changes", "Loc-RIB changes the decision process made (a prefix's best route"
                + " added, changed or removed)").add(r.locRibChanges());
    }

    private static void addKernel(Families f, KernelCounters k) {
        f.gauge("corvid_kernel_routes_installed", "corvid's routes in the kernel now").add(k.installed());
        f.counter("corvid_kernel_routes_added", "Routes corvid added to the kernel").add(k.added());
        f.counter("corvid_kernel_routes_replaced", "Kernel routes corvid replaced (next hop, encapsulation or MTU"
                + " changed)").add(k.replaced());
        f.counter("corvid_kernel_routes_removed", "Routes corvid removed from the kernel").add(k.removed());
        f.counter("corvid_kernel_failures", "Route requests the kernel refused, and routes corvid could not install"
                + " (e.g. no tunnel device); see corvid show kernel").add(k.failures());
        f.gauge("corvid_kernel_routes_failing", "Prefixes that should be in the kernel and are not now")
                .add(k.failing());
    }

    /** The answer, or empty when it failed or did not come before {@code deadline}. */
    private static <T> Optional<T> await(CompletableFuture<T> answer, long deadline) {
        try {
            return Optional.of(answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }
}
