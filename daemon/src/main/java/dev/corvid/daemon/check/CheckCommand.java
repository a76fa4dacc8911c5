package dev.corvid.daemon.check;

import dev.corvid.config.ConfigError;
import dev.corvid.config.ConfigLoader;
import dev.corvid.config.ConfigResult;
import dev.corvid.config.CorvidConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code corvid check -c FILE}: loads the file as {@code corvid run} would. A valid file prints one summary line and
 * exits 0; otherwise every problem is printed to standard error as {@code FILE:LINE: path: message} and it exits 1.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate a configuration file; print each problem as FILE:LINE: path: message.",
                "Exit status: 0 valid, 1 invalid or unreadable."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the configuration file (HOCON)")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return switch (ConfigLoader.load(file)) {
            case ConfigResult.Loaded loaded -> {
                spec.commandLine().getOut().println(file + ": OK (" + summary(loaded.config()) + ")");
                yield 0;
            }
            case ConfigResult.Invalid invalid -> {
                for (ConfigError error : invalid.errors()) spec.commandLine().getErr().println(error);
                yield 1;
            }
        };
    }

    private static String summary(CorvidConfig config) {
        return "AS " + config.asn() + ", router id " + config.routerId().getHostAddress()
                + ", " + count(config.peers().size(), "peer") + ", " + count(config.peerRanges().size(), "peer range");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
