package dev.corvid.it.kernel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Command;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.Lab;
import dev.corvid.it.lab.LabProcess;

/**
 * {@code ip -n NS monitor route} in the background, its output in a log file of the lab: every route the kernel adds,
 * replaces ({@code ip monitor} prints a replacement like an addition) or deletes ({@code Deleted ...}) while it runs
 * (man 8 ip-monitor).
 */
final class RouteMonitor {

    /** A route line: optional {@code Deleted}, optional route type, then the destination. */
    private static final Pattern LINE = Pattern.compile(
            "^(Deleted )?(?:(?:unicast|blackhole|unreachable|prohibit|local|broadcast) )?(\\S+)");
    /** A route no test announces, added and deleted to learn that the monitor is listening (TEST-NET-2). */
    private static final String MARKER = "198.51.100.77/32";
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final LabProcess process;

    private RouteMonitor(LabProcess process) {
        this.process = process;
    }

    /** Starts the monitor in {@code host}; returns once it has seen a marker route come and go. */
    static RouteMonitor start(Lab lab, Host host) {
        LabProcess process = lab.process("ip-monitor-" + host.name() + "-" + STARTED.incrementAndGet(),
                List.of("ip", "-n", host.namespace(), "monitor", "route")).start();
        RouteMonitor monitor = new RouteMonitor(process);
        Await.condition(Duration.ofSeconds(10), "ip monitor route in " + host.name() + " to listen", () -> {
            Command.of("ip", "-n", host.namespace(), "route", "replace", "unreachable", MARKER).run().orThrow();
            return monitor.lines().stream().anyMatch(line -> line.contains(MARKER.replace("/32", "")));
        });
        Command.of("ip", "-n", host.namespace(), "route", "del", "unreachable", MARKER).run().orThrow();
        return monitor;
    }

    /** Stops the monitor; the lines stay readable. */
    void stop() {
        process.stop();
    }

    List<String> lines() {
        return process.logText().lines().toList();
    }

    /** The lines about {@code prefix} (a host route is printed without {@code /32}). */
    List<String> linesAbout(String prefix) {
        String shown = prefix.endsWith("/32") ? prefix.substring(0, prefix.length() - 3) : prefix;
        return lines().stream().filter(line -> {
            Matcher m = LINE.matcher(line);
            return m.find() && m.group(2).equals(shown);
        }).toList();
    }
}
