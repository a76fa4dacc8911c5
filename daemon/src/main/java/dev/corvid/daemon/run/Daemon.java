package dev.corvid.daemon.run;

import dev.corvid.config.CorvidConfig;
import dev.corvid.config.KernelConfig;
import dev.corvid.daemon.kernel.KernelSync;
import dev.corvid.daemon.kernel.KernelWatcher;
import dev.corvid.daemon.metrics.MetricsServer;
import dev.corvid.daemon.routing.Fib;
import dev.corvid.netlink.RtEvents;
import dev.corvid.netlink.RtNetlink;
import dev.corvid.daemon.Version;
import dev.corvid.daemon.control.ControlServer;
import dev.corvid.daemon.routing.RoutingEngine;
import dev.corvid.daemon.routing.RoutingSettingsFromConfig;
import dev.corvid.fsm.transport.BgpSpeaker;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A running corvid: the BGP speaker with the configured peers and ranges, the RIB thread that routes between them,
 * and the control socket. Started once by
 * {@code corvid run}; {@link #stop} is what SIGTERM does.
 */
final class Daemon {
    /** RFC 8203 Administrative Shutdown text every peer receives when the daemon stops. */
    static final String SHUTDOWN_TEXT = "corvid shutting down";

    private static final System.Logger LOG = System.getLogger("corvid.daemon");

    private final BgpSpeaker speaker;
    private final RoutingEngine routing;
    private final Kernel kernel;
    private final ControlServer control;
    private final Reloader reloader;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** /metrics, /healthz, /readyz; set once right after the start, when {@code metrics} is configured. */
    private volatile Optional<MetricsServer> metrics = Optional.empty();

    private Daemon(BgpSpeaker speaker, RoutingEngine routing, Kernel kernel, ControlServer control,
                   Reloader reloader) {
        this.speaker = speaker;
        this.routing = routing;
        this.kernel = kernel;
        this.control = control;
        this.reloader = reloader;
    }

    /** SIGHUP: what {@code corvid reload} does; the outcome goes to the log. */
    void reload() {
        reloader.reload();
    }

    /**
     * The kernel threads: the FIB exporter when {@code kernel.export} is on, the watcher when anything needs kernel
     * events (the exporter's links and addresses, {@code kernel.learn}).
     */
    private record Kernel(Optional<KernelSync> sync, Optional<KernelWatcher> watcher) {
        static Kernel start(KernelConfig config, RoutingEngine routing) {
            Optional<KernelSync> sync = config.export()
                    ? Optional.of(KernelSync.start(config, RtNetlink::open)) : Optional.empty();
            Optional<KernelWatcher> watcher = sync.isPresent() || !config.learn().isEmpty()
                    ? Optional.of(KernelWatcher.start(config, sync, routing::learned, RtEvents::open, RtNetlink::open))
                    : Optional.empty();
            return new Kernel(sync, watcher);
        }

        Fib fib() {
            return sync.map(s -> (Fib) s).orElse(Fib.NONE);
        }

        /** corvid's routes stay in the kernel: the next start reconciles them. */
        void close() {
            watcher.ifPresent(KernelWatcher::close);
            sync.ifPresent(KernelSync::close);
        }
    }

    /**
     * Claims the control socket, starts the speaker with every peer and range of {@code config}, and serves the
     * control socket.
     *
     * @throws StartFailure with the one line to show when the socket or a listen address cannot be used
     */
    static Daemon start(CorvidConfig config, Path socket, Optional<Path> configFile) throws StartFailure {
        ControlServer control;
        try {
            control = ControlServer.claim(socket);
        } catch (ControlServer.ControlSocketUnavailable e) {
            throw new StartFailure(e.getMessage());
        }
        // The sessions' events queue up for the RIB thread, which starts once the speaker exists to send through.
        RoutingEngine routing = new RoutingEngine(RoutingSettingsFromConfig.of(config));
        BgpSpeaker speaker;
        try {
            speaker = BgpSpeaker.start(SessionSettingsFromConfig.speaker(config), routing);
        } catch (RuntimeException e) {
            control.close();
            throw new StartFailure(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        Kernel kernel = Kernel.start(config.kernel(), routing);
        routing.start(new SpeakerOutbox(speaker), kernel.fib());
        try {
            SessionSettingsFromConfig.peers(config).forEach(speaker::addPeer);
            SessionSettingsFromConfig.ranges(config).forEach(speaker::addRange);
        } catch (RuntimeException e) {
            // A setting the transport cannot honour on this machine (the config checks cannot know them all).
            speaker.close("corvid could not start");
            routing.close();
            kernel.close();
            control.close();
            throw new StartFailure(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        Reloader reloader = new Reloader(configFile, config, speaker, routing);
        control.serve(new ControlCommands(reloader::current, speaker::status, Optional.of(routing), kernel.sync(),
                Optional.of(reloader), Clock.systemUTC()));
        LOG.log(Level.INFO, "corvid " + Version.current() + " running: AS " + config.asn() + ", router id "
                + config.routerId().getHostAddress() + ", listening on "
                + (config.listen().isEmpty() ? "nothing (only connecting out)"
                        : config.listen().stream().map(a -> NeighborJson.text(a.getAddress()) + " port " + a.getPort())
                                .collect(Collectors.joining(", ")))
                + ", " + count(config.peers().size(), "peer") + ", " + count(config.peerRanges().size(), "peer range")
                + ", control socket " + control.path());
        Daemon daemon = new Daemon(speaker, routing, kernel, control, reloader);
        try {
            daemon.metrics = MetricsServer.forDaemon(reloader::current, speaker, routing, kernel.sync(),
                    () -> !daemon.stopped.get());
        } catch (MetricsServer.Unavailable e) {
            daemon.stop();
            throw new StartFailure(e.getMessage());
        }
        return daemon;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * RFC 8203: every established peer gets a Cease / Administrative Shutdown NOTIFICATION saying why, then the
     * sockets close and the control socket file is removed. Safe to call more than once.
     */
    void stop() {
        if (!stopped.compareAndSet(false, true)) return;
        metrics.ifPresent(MetricsServer::close);
        CorvidConfig config = reloader.current();
        boolean gracefulRestart = config.peers().stream().anyMatch(p -> p.session().gracefulRestart())
                || config.peerRanges().stream().anyMatch(r -> r.session().gracefulRestart());
        LOG.log(Level.INFO, "stopping: sending Cease / Administrative Shutdown \"" + SHUTDOWN_TEXT + "\" to every peer"
                + (gracefulRestart ? " but those with graceful restart" : ""));
        control.close();
        // The kernel threads stop first: the sessions going down must not withdraw the routes from the kernel.
        kernel.close();
        // RFC 4724 §4.2: a session on which both sides announced graceful restart is closed without a NOTIFICATION,
        // so the peer keeps our routes (as stale) and goes on forwarding until we are back.
        List<InetAddress> graceful = speaker.close(SHUTDOWN_TEXT);
        if (!graceful.isEmpty()) {
            LOG.log(Level.INFO, "left " + count(graceful.size(), "peer") + " without a NOTIFICATION (graceful"
                    + " restart: they keep our routes for up to 120 s): " + graceful.stream()
                    .map(InetAddress::getHostAddress).collect(Collectors.joining(", ")));
        }
        routing.close();
        LOG.log(Level.INFO, "stopped" + (kernel.sync().isPresent() ? "; corvid's kernel routes stay until the next"
                + " start reconciles them (ip route flush proto " + kernel.sync().get().config().protocol()
                + " removes them)" : ""));
    }

    /** The daemon could not start; the message is the one line to show. */
    static final class StartFailure extends Exception {
        StartFailure(String message) {
            super(message);
        }
    }
}
