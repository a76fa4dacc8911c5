package dev.corvid.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.Severity;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.daemon.kernel.KernelCounters;
import dev.corvid.daemon.routing.PrefixCounts;
import dev.corvid.daemon.routing.RibStats;
import dev.corvid.fsm.SessionState;
import dev.corvid.fsm.transport.PeerStatus;
import dev.corvid.fsm.transport.PeerStatus.ErrorCounts;
import dev.corvid.fsm.transport.PeerStatus.NotificationCode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Prefix RANGE = Prefix.parse("10.1.0.0/16");

    private final AtomicReference<List<PeerStatus>> peers = new AtomicReference<>(List.of());
    private final AtomicReference<Map<InetAddress, PrefixCounts>> counts = new AtomicReference<>(Map.of());
    private final AtomicReference<CompletableFuture<RibStats>> rib = new AtomicReference<>(
            CompletableFuture.completedFuture(new RibStats(1200, 30, 2460, 77, 1500)));
    private final AtomicReference<KernelCounters> kernel = new AtomicReference<>(
            new KernelCounters(1230, 1300, 12, 70, 3, 1, "", null));
    private final AtomicBoolean listening = new AtomicBoolean(true);
    private final AtomicBoolean kernelSynced = new AtomicBoolean(false);
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private int start() throws MetricsServer.Unavailable {
        MetricsSources sources = new MetricsSources(() -> CompletableFuture.completedFuture(peers.get()),
                () -> CompletableFuture.completedFuture(counts.get()), rib::get, Optional.of(kernel::get),
                () -> List.of(RANGE));
        HealthSources health = new HealthSources(() -> rib.get().thenApply(RibStats::locRibIpv4), listening::get,
                Optional.of(() -> CompletableFuture.completedFuture(kernelSynced.get())));
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), sources, health,
                InstantSource.fixed(NOW));
        return server.port();
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static PeerStatus peer(String address, boolean dynamic, SessionState state, long received, ErrorCounts errors) {
        Optional<Instant> since = state == SessionState.ESTABLISHED
                ? Optional.of(NOW.minusSeconds(90)) : Optional.empty();
        return new PeerStatus(ip(address), 64512, "mesh", dynamic, state, NOW.minusSeconds(90), since,
                Optional.empty(), received, received / 2, received * 99 / 100, received / 4, 3,
                state == SessionState.ESTABLISHED ? 90 : 0, Optional.empty(), errors, false);
    }

    @Test
    void aConfiguredPeerHasItsOwnSeries() throws Exception {
        ErrorCounts errors = new ErrorCounts(Map.of(Severity.TREAT_AS_WITHDRAW, 4L, Severity.SESSION_RESET, 1L),
                Map.of(new NotificationCode(6, 2), 1L), Map.of(new NotificationCode(4, 0), 2L));
        peers.set(List.of(peer("10.0.0.2", false, SessionState.ESTABLISHED, 1000, errors),
                peer("10.0.0.3", false, SessionState.ACTIVE, 0, ErrorCounts.NONE)));
        counts.set(Map.of(ip("10.0.0.2"), new PrefixCounts(500, 480, 20)));
        Scrape s = Scrape.of(start());

        assertThat(s.value("corvid_peer_state", "peer", "10.0.0.2", "state", "Established")).hasValue(1.0);
        assertThat(s.value("corvid_peer_state", "peer", "10.0.0.2", "state", "Idle")).hasValue(0.0);
        assertThat(s.matching("corvid_peer_state", "peer", "10.0.0.2")).hasSize(6);
        assertThat(s.value("corvid_peer_state", "peer", "10.0.0.3", "state", "Active")).hasValue(1.0);
        assertThat(s.value("corvid_peer_established_seconds", "peer", "10.0.0.2")).hasValue(90.0);
        assertThat(s.value("corvid_peer_established_seconds", "peer", "10.0.0.3")).hasValue(0.0);
        assertThat(s.value("corvid_peer_established_transitions_total", "peer", "10.0.0.2")).hasValue(3.0);
        assertThat(s.value("corvid_peer_messages_received_total", "peer", "10.0.0.2")).hasValue(1000.0);
        assertThat(s.value("corvid_peer_messages_sent_total", "peer", "10.0.0.2")).hasValue(500.0);
        assertThat(s.value("corvid_peer_updates_received_total", "peer", "10.0.0.2")).hasValue(990.0);
        assertThat(s.value("corvid_peer_updates_sent_total", "peer", "10.0.0.2")).hasValue(250.0);
        assertThat(s.value("corvid_peer_prefixes_received", "peer", "10.0.0.2")).hasValue(500.0);
        assertThat(s.value("corvid_peer_prefixes_accepted", "peer", "10.0.0.2")).hasValue(480.0);
        assertThat(s.value("corvid_peer_prefixes_sent", "peer", "10.0.0.2")).hasValue(20.0);
        assertThat(s.value("corvid_peer_prefixes_received", "peer", "10.0.0.3")).hasValue(0.0);
        assertThat(s.value("corvid_peer_rfc7606_events_total", "peer", "10.0.0.2", "kind", "treat-as-withdraw"))
                .hasValue(4.0);
        assertThat(s.value("corvid_peer_rfc7606_events_total", "peer", "10.0.0.2", "kind", "session-reset"))
                .hasValue(1.0);
        assertThat(s.value("corvid_peer_rfc7606_events_total", "peer", "10.0.0.2", "kind", "attribute-discard"))
                .hasValue(0.0);
        assertThat(s.value("corvid_peer_rfc7606_events_total", "peer", "10.0.0.2", "kind", "afi-safi-disable"))
                .hasValue(0.0);
        assertThat(s.value("corvid_peer_notifications_sent_total", "peer", "10.0.0.2", "code", "6", "subcode", "2",
                "name", "Cease / Administrative Shutdown")).hasValue(1.0);
        assertThat(s.value("corvid_peer_notifications_received_total", "peer", "10.0.0.2", "code", "4"))
                .hasValue(2.0);
        assertThat(s.matching("corvid_peer_notifications_sent_total", "peer", "10.0.0.3")).isEmpty();
    }

    @Test
    void ribKernelAndJvmSeriesAreServed() throws Exception {
        Scrape s = Scrape.of(start());
        assertThat(s.value("corvid_rib_loc_routes", "family", "ipv4-unicast")).hasValue(1200.0);
        assertThat(s.value("corvid_rib_loc_routes", "family", "ipv6-unicast")).hasValue(30.0);
        assertThat(s.value("corvid_rib_adj_in_paths")).hasValue(2460.0);
        assertThat(s.value("corvid_rib_turns_total")).hasValue(77.0);
        assertThat(s.value("corvid_rib_loc_changes_total")).hasValue(1500.0);
        assertThat(s.value("corvid_kernel_routes_installed")).hasValue(1230.0);
        assertThat(s.value("corvid_kernel_routes_added_total")).hasValue(1300.0);
        assertThat(s.value("corvid_kernel_routes_replaced_total")).hasValue(12.0);
        assertThat(s.value("corvid_kernel_routes_removed_total")).hasValue(70.0);
        assertThat(s.value("corvid_kernel_failures_total")).hasValue(3.0);
        assertThat(s.value("corvid_kernel_routes_failing")).hasValue(1.0);
        assertThat(s.value("corvid_metrics_source_up", "source", "rib")).hasValue(1.0);
        assertThat(s.value("corvid_metrics_source_up", "source", "sessions")).hasValue(1.0);
        assertThat(s.named("jvm_memory_used_bytes")).isNotEmpty();
        assertThat(s.named("jvm_threads_current")).isNotEmpty();
    }

    @Test
    void aThousandDynamicPeersAreSummedPerRangeInABoundedNumberOfSeries() throws Exception {
        List<PeerStatus> fleet = new ArrayList<>();
        Map<InetAddress, PrefixCounts> prefixes = new java.util.HashMap<>();
        for (int i = 0; i < 1000; i++) {
            PeerStatus p = peer("10.1." + (i / 250) + "." + (i % 250 + 1), true,
                    i < 990 ? SessionState.ESTABLISHED : SessionState.OPEN_SENT, 100,
                    new ErrorCounts(Map.of(Severity.ATTRIBUTE_DISCARD, 1L), Map.of(), Map.of()));
            fleet.add(p);
            prefixes.put(p.address(), new PrefixCounts(2, 2, 1));
        }
        fleet.add(peer("10.0.0.2", false, SessionState.ESTABLISHED, 10, ErrorCounts.NONE));
        peers.set(fleet);
        counts.set(prefixes);
        int port = start();
        Scrape s = Scrape.of(port);

        List<Scrape.Sample> corvid = s.named("corvid_");
        assertThat(corvid).as("series of 1 configured peer, 1 range, the RIB and the kernel").hasSizeLessThan(80);
        assertThat(corvid).filteredOn(x -> x.labels().containsKey("peer"))
                .allMatch(x -> x.labels().get("peer").equals("10.0.0.2"));
        assertThat(s.value("corvid_range_peers", "range", "10.1.0.0/16", "state", "Established")).hasValue(990.0);
        assertThat(s.value("corvid_range_peers", "range", "10.1.0.0/16", "state", "OpenSent")).hasValue(10.0);
        assertThat(s.value("corvid_range_messages_received_total", "range", "10.1.0.0/16")).hasValue(100_000.0);
        assertThat(s.value("corvid_range_rfc7606_events_total", "range", "10.1.0.0/16", "kind",
                "attribute-discard")).hasValue(1000.0);
        assertThat(s.value("corvid_range_prefixes_received", "range", "10.1.0.0/16")).hasValue(2000.0);
        assertThat(s.value("corvid_range_prefixes_sent", "range", "10.1.0.0/16")).hasValue(1000.0);

        // Half of them go away: the range's counters do not go down, its peers do.
        peers.set(fleet.subList(500, fleet.size()));
        Scrape later = Scrape.of(port);
        assertThat(later.value("corvid_range_messages_received_total", "range", "10.1.0.0/16")).hasValue(100_000.0);
        assertThat(later.value("corvid_range_peers", "range", "10.1.0.0/16", "state", "Established"))
                .hasValue(490.0);
    }

    @Test
    void aStuckRibThreadLeavesItsSeriesOutAndFailsHealthz() throws Exception {
        rib.set(new CompletableFuture<>());
        int port = start();
        Scrape s = Scrape.of(port);
        assertThat(s.value("corvid_metrics_source_up", "source", "rib")).hasValue(0.0);
        assertThat(s.value("corvid_metrics_source_up", "source", "sessions")).hasValue(1.0);
        assertThat(s.named("corvid_rib_")).isEmpty();

        HttpResponse<String> health = Scrape.get(port, "/healthz");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).startsWith("unhealthy: the RIB thread did not answer within 2 s").endsWith("\n")
                .hasLineCount(1);
    }

    @Test
    void healthzIsOkWhileTheRibThreadAnswers() throws Exception {
        HttpResponse<String> health = Scrape.get(start(), "/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("ok: the RIB thread answered in ");
    }

    @Test
    void readyzWaitsForTheFirstKernelReconcileAndFailsOnceStopping() throws Exception {
        int port = start();
        HttpResponse<String> before = Scrape.get(port, "/readyz");
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).isEqualTo("not ready: the first reconcile of the kernel routes is not done yet"
                + " (waiting for the sessions' initial routes)\n");

        kernelSynced.set(true);
        HttpResponse<String> after = Scrape.get(port, "/readyz");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("ready: configuration loaded, listening, kernel routes reconciled\n");

        listening.set(false);
        HttpResponse<String> stopping = Scrape.get(port, "/readyz");
        assertThat(stopping.statusCode()).isEqualTo(503);
        assertThat(stopping.body()).contains("not listening");
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        HttpResponse<String> r = Scrape.get(start(), "/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("/metrics, /healthz and /readyz");
    }

    @Test
    void anAddressInUseIsRefusedWithTheFix() throws Exception {
        int port = start();
        assertThatThrownBy(() -> MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                new MetricsSources(() -> CompletableFuture.completedFuture(List.of()),
                        () -> CompletableFuture.completedFuture(Map.of()), rib::get, Optional.empty(), List::of),
                new HealthSources(rib::get, () -> true, Optional.empty()), InstantSource.system()))
                .isInstanceOf(MetricsServer.Unavailable.class)
                .hasMessage("metrics: cannot listen on 127.0.0.1:" + port + ": the address is in use or not on this"
                        + " machine; set metrics to a free local address, or \"\" for no metrics server");
    }
}
