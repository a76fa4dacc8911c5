package dev.corvid.daemon.run;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The daemon's logs: one line per event on standard error (systemd and Kubernetes collect it), as
 * {@code 2025-05-01T10:00:00.123Z INFO corvid.session peer 10.0.0.2 AS64512: Established}. Code logs through
 * {@link System.Logger}, which the JDK routes to java.util.logging; this class sets up JUL once. The level comes
 * from {@code CORVID_LOG_LEVEL} ({@code error}, {@code warning}, {@code info} (default), {@code debug},
 * {@code trace}).
 *
 * <p>JUL's own shutdown hook resets the configuration, which would silence the lines the daemon writes while it
 * stops (the Cease it sends to every peer). {@link dev.corvid.daemon.Corvid}'s main installs {@link CorvidLogManager}, whose reset
 * does nothing once {@link #configure} has run.
 */
public final class Logging {
    public static final String LEVEL_VARIABLE = "CORVID_LOG_LEVEL";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Logging() {}

    /**
     * Sends every log record to {@code err}, one line each, at the level {@code levelName} names (null = info).
     * Returns a warning sentence when {@code levelName} is not a level (the default is used then).
     */
    public static Optional<String> configure(String levelName, PrintStream err) {
        Optional<Level> parsed = level(levelName);
        Level level = parsed.orElse(Level.INFO);
        LogManager manager = LogManager.getLogManager();
        if (manager instanceof CorvidLogManager corvid) corvid.thaw();
        manager.reset();
        Logger root = Logger.getLogger("");
        Handler handler = new StreamHandler(err);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(level);
        // Netty's debug lines (allocator and native library details) are noise unless a developer asks for trace.
        Logger.getLogger("io.netty").setLevel(level.intValue() < Level.FINE.intValue() ? level : maxOf(level, Level.INFO));
        if (manager instanceof CorvidLogManager corvid) corvid.freeze();
        return parsed.isPresent() || levelName == null || levelName.isBlank() ? Optional.empty()
                : Optional.of(LEVEL_VARIABLE + "=" + levelName + " is not a log level (error, warning, info, debug,"
                        + " trace); logging at info");
    }

    static Optional<Level> level(String name) {
        if (name == null || name.isBlank()) return Optional.of(Level.INFO);
        return Optional.ofNullable(switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warning", "warn" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default -> null;
        });
    }

    private static Level maxOf(Level a, Level b) {
        return a.intValue() >= b.intValue() ? a : b;
    }

    /** The {@link System.Logger.Level} name of a JUL level: what operators know from other daemons. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) return "ERROR";
        if (v >= Level.WARNING.intValue()) return "WARNING";
        if (v >= Level.INFO.intValue()) return "INFO";
        if (v >= Level.FINE.intValue()) return "DEBUG";
        return "TRACE";
    }

    /** One line per record: ISO time (UTC), level, logger, message; a throwable's message on the same line. */
    static final class OneLineFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(160)
                    .append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ')
                    .append(levelName(record.getLevel())).append(' ')
                    .append(record.getLoggerName() == null ? "-" : record.getLoggerName()).append(' ')
                    .append(formatMessage(record).replace('\n', ' '));
            Throwable t = record.getThrown();
            if (t != null) line.append(": ").append(t);
            return line.append(System.lineSeparator()).toString();
        }
    }

    /** Writes and flushes each line; closing it (JUL does at exit) never closes standard error. */
    private static final class StreamHandler extends Handler {
        private final PrintStream out;

        StreamHandler(PrintStream out) {
            this.out = out;
            setFormatter(new OneLineFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) return;
            String line = getFormatter().format(record);
            Throwable t = record.getThrown();
            synchronized (out) {
                out.print(line);
                // The stack trace only for developers: operators get the one-line reason.
                if (t != null && Logger.getLogger("").isLoggable(Level.FINE)) t.printStackTrace(out);
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
