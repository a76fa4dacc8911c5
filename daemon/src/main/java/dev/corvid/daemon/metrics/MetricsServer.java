package dev.corvid.daemon.metrics;

import com.sun.net.httpserver.HttpExchange;
import dev.corvid.config.CorvidConfig;
import dev.corvid.config.PeerRangeConfig;
import dev.corvid.daemon.kernel.KernelSync;
import dev.corvid.daemon.routing.RoutingEngine;
import dev.corvid.fsm.transport.BgpSpeaker;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * DOC: the HTTP server at the {@code metrics} address (Prometheus client_java's {@link HTTPServer}): {@code /metrics}
 * in the Prometheus text format (corvid's series and the JVM's), {@code /healthz} and {@code /readyz} as plain text
 * with 200 or 503. Requests are served on the server's own threads, which only wait for answers from the threads that
 * own the state.
 */
public final class MetricsServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("corvid.metrics");

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * The daemon's server, when the {@code metrics} address of {@code config} (the configuration in force, read
     * again at each scrape for the peer ranges) is set: the peers of {@code speaker}, the RIB of {@code routing},
     * the counters of {@code kernel}; {@code listening} is false once the daemon is stopping.
     */
    public static Optional<MetricsServer> forDaemon(Supplier<CorvidConfig> config, BgpSpeaker speaker,
                                                    RoutingEngine routing, Optional<KernelSync> kernel,
                                                    BooleanSupplier listening) throws Unavailable {
        Optional<InetSocketAddress> address = config.get().metrics();
        if (address.isEmpty()) return Optional.empty();
        MetricsSources sources = new MetricsSources(speaker::status, routing::prefixCounts, routing::stats,
                kernel.map(k -> k::counters),
                () -> config.get().peerRanges().stream().map(PeerRangeConfig::prefix).toList());
        HealthSources health = new HealthSources(routing::routeCount, listening,
                kernel.map(k -> () -> CompletableFuture.completedFuture(k.synced())));
        return Optional.of(start(address.get(), sources, health, InstantSource.system()));
    }

    /**
     * Serves {@code /metrics}, {@code /healthz} and {@code /readyz} on {@code address} (port 0: any free port).
     *
     * @throws Unavailable with a sentence naming the address, the reason and what to do
     */
    public static MetricsServer start(InetSocketAddress address, MetricsSources sources, HealthSources health,
                                      InstantSource clock) throws Unavailable {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new CorvidCollector(sources, clock));
        JvmMetrics.builder().register(registry);
        Health answers = new Health(health);
        try {
            HTTPServer server = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                    .registry(registry).registerHealthHandler(false)
                    .defaultHandler(exchange -> answer(exchange, answers)).buildAndStart();
            LOG.log(Level.INFO, "metrics: serving /metrics, /healthz and /readyz on http://"
                    + hostPort(address.getAddress().getHostAddress(), server.getPort()));
            return new MetricsServer(server);
        } catch (IOException e) {
            String why = e instanceof BindException ? "the address is in use or not on this machine"
                    : e.getMessage() == null ? e.toString() : e.getMessage();
            throw new Unavailable("metrics: cannot listen on " + hostPort(address.getAddress().getHostAddress(),
                    address.getPort()) + ": " + why + "; set metrics to a free local address, or \"\" for no metrics"
                    + " server");
        }
    }

    /** The port it listens on (the one chosen when started with port 0). */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    /** {@code /healthz} and {@code /readyz}; every other path but {@code /metrics} is 404. */
    private static void answer(HttpExchange exchange, Health health) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Health.Answer a = switch (path) {
                case "/healthz" -> health.live();
                case "/readyz" -> health.ready();
                default -> new Health.Answer(404, "no such page: " + path + " (corvid serves /metrics, /healthz and"
                        + " /readyz)");
            };
            byte[] body = (a.text() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(a.status(), head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The metrics address cannot be used; the message is the one line to show. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }
}
