package dev.corvid.daemon.metrics;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.daemon.kernel.KernelCounters;
import dev.corvid.daemon.routing.PrefixCounts;
import dev.corvid.daemon.routing.RibStats;
import dev.corvid.fsm.transport.PeerStatus;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where a scrape reads from. Every question goes to the thread that owns the answer (the peers' event loops, the
 * RIB thread) and comes back as a future, so the HTTP threads never touch routing state.
 *
 * @param peers        every peer's status ({@code BgpSpeaker::status})
 * @param prefixCounts the Established peers' prefix counts ({@code RoutingEngine::prefixCounts})
 * @param rib          the RIB's sizes and work ({@code RoutingEngine::stats})
 * @param kernel       the kernel thread's counters when {@code kernel.export} is on ({@code KernelSync::counters})
 * @param ranges       the configured peer ranges, the labels the dynamic peers are counted under
 */
public record MetricsSources(Supplier<CompletableFuture<List<PeerStatus>>> peers,
                             Supplier<CompletableFuture<Map<InetAddress, PrefixCounts>>> prefixCounts,
                             Supplier<CompletableFuture<RibStats>> rib, Optional<Supplier<KernelCounters>> kernel,
                             Supplier<List<Prefix>> ranges) {}
