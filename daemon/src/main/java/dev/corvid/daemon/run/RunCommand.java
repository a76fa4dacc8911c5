package dev.corvid.daemon.run;

import dev.corvid.config.ConfigError;
import dev.corvid.config.ConfigLoader;
import dev.corvid.config.ConfigResult;
import dev.corvid.config.CorvidConfig;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code corvid run [-c FILE] [--socket PATH]}: the daemon, in the foreground (systemd and DaemonSet friendly),
 * logging one line per event to standard error. SIGTERM stops it gracefully (RFC 8203 Administrative Shutdown to
 * every peer) and exits 0. A bad config, a control socket in use or a listen address that cannot be bound: one
 * line (one per config error) and exit 1. SIGHUP reloads the config file, as {@code corvid reload} does.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the BGP daemon in the foreground; SIGTERM stops it gracefully.",
                "Logs go to standard error, one line per event; CORVID_LOG_LEVEL=debug shows more."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "the configuration file (HOCON); without it, the embedded defaults (AS 64512, port 179)")
    Path configFile;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "the control socket, instead of control-socket from the configuration")
    Path socket;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Logging.configure(System.getenv(Logging.LEVEL_VARIABLE), System.err)
                .ifPresent(warning -> System.getLogger("corvid.daemon").log(Level.WARNING, warning));
        CorvidConfig config;
        if (configFile == null) {
            config = ConfigLoader.defaults();
        } else {
            switch (ConfigLoader.load(configFile)) {
                case ConfigResult.Loaded loaded -> config = loaded.config();
                case ConfigResult.Invalid invalid -> {
                    for (ConfigError error : invalid.errors()) err.println(error);
                    err.flush();
                    return 1;
                }
            }
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(OwnAddresses.withoutSelf(config), socket != null ? socket : config.controlSocket(),
                    Optional.ofNullable(configFile));
        } catch (Daemon.StartFailure e) {
            err.println("corvid: " + e.getMessage());
            err.flush();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.stop();
            // SIGTERM is the normal way to stop a daemon: exit 0, not the JVM's 143, so that systemd and Kubernetes
            // see a clean stop. halt, because the shutdown has already begun and stop() has done all there is to do.
            Runtime.getRuntime().halt(0);
        }, "corvid-shutdown"));
        // SIGHUP reloads the config file, as `corvid reload` does (sun.misc.Signal: the JDK has no other API for it).
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> Thread.ofPlatform().name("corvid-reload")
                .start(daemon::reload));
        new CountDownLatch(1).await(); // until SIGTERM: the work happens on the event loops and the control thread
        return 0;
    }
}
