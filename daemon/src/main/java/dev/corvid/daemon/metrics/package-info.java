/**
 * Prometheus metrics and the health endpoints, served at the {@code metrics} address: {@code /metrics},
 * {@code /healthz} (the RIB thread makes progress), {@code /readyz} (listening, first kernel reconcile done).
 * Everything is collected when scraped, by asking the threads that own the state and waiting at most two seconds.
 *
 * <p>Label cardinality: a configured peer gets its own series ({@code corvid_peer_*}, label {@code peer}). Peers
 * accepted through a peer range do not — a Kubernetes cluster may have thousands, and each would cost about twenty
 * series that vanish when the peer goes. They are summed per configured range instead ({@code corvid_range_*},
 * label {@code range} = the range's prefix, plus {@code corvid_range_peers{range,state}} counting them per RFC 4271
 * state), so the number of series is bounded by the configuration, not by the peers that connect. The range
 * counters stay monotonic across dynamic peers that come and go ({@link dev.corvid.daemon.metrics.RangeTotals}).
 * Per-peer detail of a dynamic peer is in {@code corvid show neighbors}.
 */
package dev.corvid.daemon.metrics;
