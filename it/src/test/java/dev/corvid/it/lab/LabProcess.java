package dev.corvid.it.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One long-running daemon started by the lab (in the foreground, so the lab holds its process handle): its log file,
 * signals, and a stop that never leaves it behind.
 */
public final class LabProcess {

    private final String name;
    private final List<String> argv;
    private final Path log;
    private Process process;

    LabProcess(String name, List<String> argv, Path log) {
        this.name = name;
        this.argv = List.copyOf(argv);
        this.log = log;
    }

    /** Starts (or starts again after {@link #stop()}) the process; its output is appended to the log file. */
    public synchronized LabProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            process = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", argv), e);
        }
        return this;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGSTOP: the process stays, the kernel keeps its sockets, but it answers nothing. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        Command.of("kill", "-" + signal, Long.toString(pid())).run().orThrow();
    }

    /** SIGTERM, then SIGKILL after five seconds; a frozen process is thawed first so it can exit. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        Command.of("kill", "-CONT", Long.toString(process.pid())).run();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: the process dies without a NOTIFICATION; the kernel closes its connections. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last {@code lines} lines of the log, for failure reports. */
    public String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return all.isEmpty() ? "(empty log)" : String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    public String logText() {
        try {
            // Lenient decoding: daemons may log bytes that are not UTF-8.
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
