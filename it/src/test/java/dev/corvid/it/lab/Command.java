package dev.corvid.it.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A short-lived command (ip, birdc, vtysh, gobgp, corvid show): run to completion with a deadline, output captured. */
public record Command(List<String> argv, Duration timeout) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    public static Command of(String... argv) {
        return new Command(List.of(argv), DEFAULT_TIMEOUT);
    }

    public static Command of(List<String> argv) {
        return new Command(List.copyOf(argv), DEFAULT_TIMEOUT);
    }

    /** What a finished command printed on stdout and on stderr, and its exit status; -1 when it timed out. */
    public record Result(List<String> argv, int exitCode, String output, String errors) {
        public boolean ok() {
            return exitCode == 0;
        }

        public Result orThrow() {
            if (!ok()) {
                throw new IllegalStateException("'" + String.join(" ", argv) + "' exited with " + exitCode + ":\n"
                        + output + errors);
            }
            return this;
        }
    }

    public Result run() {
        return run(null);
    }

    /** Runs the command, feeding {@code stdin} (may be null) to it. */
    public Result run(String stdin) {
        try {
            Process process = new ProcessBuilder(argv).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            // Read on virtual threads: a command that prints a lot must not block on a full pipe.
            var output = new StringBuilder();
            var errors = new StringBuilder();
            Thread outReader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), output));
            Thread errReader = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), errors));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                outReader.join(1000);
                errReader.join(1000);
                return new Result(argv, -1, output.toString(), "timed out after " + timeout.toSeconds() + " s\n" + errors);
            }
            outReader.join();
            errReader.join();
            return new Result(argv, process.exitValue(), output.toString(), errors.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    private static void drain(InputStream stream, StringBuilder into) {
        try {
            String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            synchronized (into) {
                into.append(text);
            }
        } catch (IOException e) {
            synchronized (into) {
                into.append("(output lost: ").append(e.getMessage()).append(')');
            }
        }
    }
}
