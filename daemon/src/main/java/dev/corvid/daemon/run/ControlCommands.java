package dev.corvid.daemon.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.config.CorvidConfig;
import dev.corvid.daemon.Version;
import dev.corvid.daemon.control.ControlServer;
import dev.corvid.daemon.kernel.KernelSync;
import dev.corvid.daemon.routing.PeerRestart;
import dev.corvid.daemon.routing.PrefixCounts;
import dev.corvid.daemon.routing.RouteQuery;
import dev.corvid.daemon.routing.RoutingEngine;
import dev.corvid.fsm.SessionState;
import dev.corvid.fsm.transport.PeerStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The daemon's answers on the control socket: {@code show-status}, {@code show-neighbors} (optionally with an
 * {@code address}) and {@code show-route}. Session state comes from the speaker's status snapshot, which is
 * collected on the session event loops; routing state (prefix counts, routes) from the RIB thread, which answers a
 * queued question. This class only waits for both, with a timeout, on the control socket's thread.
 */
final class ControlCommands implements ControlServer.Responder {
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** IPv4 before IPv6, then in numeric order: the order of a routing table. */
    private static final Comparator<PeerStatus> BY_ADDRESS = Comparator
            .comparingInt((PeerStatus p) -> p.address().getAddress().length)
            .thenComparing(p -> p.address().getAddress(), Arrays::compareUnsigned);

    private final Supplier<CorvidConfig> config;
    private final Optional<Reloader> reloader;
    private final Supplier<CompletableFuture<List<PeerStatus>>> status;
    private final Optional<RoutingEngine> routing;
    private final Optional<KernelSync> kernel;
    private final Clock clock;
    private final Instant startedAt;

    ControlCommands(Supplier<CorvidConfig> config, Supplier<CompletableFuture<List<PeerStatus>>> status,
                    Optional<RoutingEngine> routing, Optional<KernelSync> kernel, Optional<Reloader> reloader,
                    Clock clock) {
        this.config = config;
        this.reloader = reloader;
        this.status = status;
        this.routing = routing;
        this.kernel = kernel;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** The answers of a daemon that runs sessions without a RIB: no routes, every prefix count 0. */
    ControlCommands(CorvidConfig config, Supplier<CompletableFuture<List<PeerStatus>>> status, Clock clock) {
        this(() -> config, status, Optional.empty(), Optional.empty(), Optional.empty(), clock);
    }

    @Override
    public ObjectNode answer(JsonNode request) {
        String command = request.path("command").asText("");
        return switch (command) {
            case "show-status" -> withPeers(this::status);
            case "show-neighbors" -> request.hasNonNull("address")
                    ? neighbor(request.get("address").asText())
                    : withPeers(peers -> {
                        Instant now = clock.instant();
                        Map<InetAddress, PrefixCounts> counts = await(prefixCounts());
                        Map<InetAddress, PeerRestart> restarts = await(restarts());
                        ArrayNode list = JSON.arrayNode();
                        for (PeerStatus p : peers.stream().sorted(BY_ADDRESS).toList()) {
                            Optional<PeerRestart> restart = Optional.ofNullable(restarts.get(p.address()));
                            list.add(withCounts(NeighborJson.summary(p, restart, now), counts, p));
                        }
                        return ControlServer.result(list);
                    });
            case "show-route" -> route(request);
            case "reload" -> reload();
            case "show-kernel" -> kernel.isEmpty()
                    ? ControlServer.error("kernel.export is false: this daemon installs no routes in the kernel")
                    : orError(() -> ControlServer.result(await(kernel.get().show())));
            default -> ControlServer.error("unknown command '" + command + "' (this daemon, corvid "
                    + Version.current() + ", knows show-status, show-neighbors, show-route, show-kernel and reload)");
        };
    }

    private ObjectNode reload() {
        if (reloader.isEmpty()) return ControlServer.error("this daemon cannot reload");
        Reloader.Outcome outcome = reloader.get().reload();
        if (!outcome.applied()) {
            return ControlServer.error("not reloaded; corvid keeps running on its current config:\n  "
                    + String.join("\n  ", outcome.lines()));
        }
        ArrayNode changes = JSON.arrayNode();
        outcome.lines().forEach(changes::add);
        return ControlServer.result(JSON.objectNode().set("changes", changes));
    }

    private ObjectNode route(JsonNode request) {
        RouteQuery query;
        try {
            query = RouteQuery.of(request);
        } catch (IllegalArgumentException e) {
            return ControlServer.error(e.getMessage());
        }
        if (routing.isEmpty()) return ControlServer.error("this daemon runs without a RIB");
        return orError(() -> ControlServer.result(await(routing.get().showRoute(query))));
    }

    private CompletableFuture<Map<InetAddress, PrefixCounts>> prefixCounts() {
        return routing.map(RoutingEngine::prefixCounts).orElse(CompletableFuture.completedFuture(Map.of()));
    }

    private CompletableFuture<Map<InetAddress, PeerRestart>> restarts() {
        return routing.map(RoutingEngine::restarts).orElse(CompletableFuture.completedFuture(Map.of()));
    }

    private static ObjectNode withCounts(ObjectNode neighbor, Map<InetAddress, PrefixCounts> counts, PeerStatus p) {
        PrefixCounts c = counts.getOrDefault(p.address(), PrefixCounts.NONE);
        return neighbor.put("prefixes_received", c.received()).put("prefixes_accepted", c.accepted())
                .put("prefixes_sent", c.sent());
    }

    /** The answer of a routing question, or a timeout: the RIB thread is busy or stuck. */
    private static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get(STATUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Unanswered("the RIB or kernel thread did not answer within " + STATUS_TIMEOUT.toSeconds()
                    + " s; the daemon is overloaded or stuck (its log says more)");
        } catch (ExecutionException e) {
            throw new Unanswered("the RIB or kernel thread could not answer: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("the daemon is shutting down");
        }
    }

    /** A question the RIB thread did not answer; the message is the sentence to show. */
    private static final class Unanswered extends RuntimeException {
        Unanswered(String message) {
            super(message);
        }
    }

    private static ObjectNode orError(Supplier<ObjectNode> answer) {
        try {
            return answer.get();
        } catch (Unanswered e) {
            return ControlServer.error(e.getMessage());
        }
    }

    private ObjectNode neighbor(String text) {
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return ControlServer.error("'" + text + "' is not an IPv4 or IPv6 address");
        }
        return withPeers(peers -> {
            Optional<PeerStatus> peer = peers.stream().filter(p -> p.address().equals(address)).findFirst();
            return peer.map(p -> ControlServer.result(withCounts(NeighborJson.detail(p,
                            Optional.ofNullable(await(restarts()).get(address)), clock.instant()),
                            await(prefixCounts()), p)))
                    .orElseGet(() -> ControlServer.error("no neighbor " + NeighborJson.text(address)
                            + " (neither configured nor connected from a peer range; 'corvid show neighbors' lists them)"));
        });
    }

    private ObjectNode status(List<PeerStatus> peers) {
        Instant now = clock.instant();
        ObjectNode node = JSON.objectNode()
                .put("version", Version.current())
                .put("router_id", config.get().routerId().getHostAddress())
                .put("asn", config.get().asn())
                .put("started_at", NeighborJson.instant(startedAt))
                .put("uptime_seconds", Duration.between(startedAt, now).toSeconds())
                .put("peers", peers.size())
                .put("peers_established", peers.stream().filter(p -> p.state() == SessionState.ESTABLISHED).count());
        ObjectNode byState = node.putObject("peers_by_state");
        for (SessionState state : SessionState.values()) {
            byState.put(state.rfcName(), peers.stream().filter(p -> p.state() == state).count());
        }
        node.put("peer_ranges", config.get().peerRanges().size()).put("routes",
                routing.isEmpty() ? 0 : (int) await(routing.get().routeCount()));
        ArrayNode listen = node.putArray("listen");
        config.get().listen().forEach(a -> listen.add(endpoint(a)));
        return ControlServer.result(node);
    }

    private static String endpoint(InetSocketAddress a) {
        String host = NeighborJson.text(a.getAddress());
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private ObjectNode withPeers(Function<List<PeerStatus>, ObjectNode> answer) {
        try {
            List<PeerStatus> peers = status.get().get(STATUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return orError(() -> answer.apply(peers));
        } catch (TimeoutException e) {
            return ControlServer.error("the sessions did not report their status within " + STATUS_TIMEOUT.toSeconds()
                    + " s; the daemon is overloaded or stuck (its log says more)");
        } catch (ExecutionException e) {
            return ControlServer.error("collecting the sessions' status failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlServer.error("the daemon is shutting down");
        }
    }
}
