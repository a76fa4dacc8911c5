package dev.corvid.bench.session;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process under test, seen through Linux's {@code /proc}: CPU time from {@code /proc/PID/stat} (utime + stime
 * of all its threads, in clock ticks) and memory from {@code /proc/PID/status} (VmRSS now, VmHWM its peak).
 */
final class TargetProcess {
    /** {@code _SC_CLK_TCK} of glibc's {@code <unistd.h>}. */
    private static final int SC_CLK_TCK = 2;

    private final long pid;
    private final double ticksPerSecond;

    TargetProcess(long pid) {
        this.pid = pid;
        this.ticksPerSecond = clockTicksPerSecond();
    }

    long pid() {
        return pid;
    }

    boolean alive() {
        return Files.exists(Path.of("/proc", Long.toString(pid)));
    }

    /** CPU time used so far by every thread of the process, in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // proc(5): "(2) comm" may contain spaces and parentheses, so fields are counted after its last ')'.
        // The first field after it is (3) state; (14) utime and (15) stime follow.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return (utime + stime) / ticksPerSecond;
    }

    /** Resident memory now, in kB. */
    long rssKb() throws IOException {
        return statusKb("VmRSS:");
    }

    /** The peak resident memory since the process started, in kB. */
    long peakRssKb() throws IOException {
        return statusKb("VmHWM:");
    }

    private long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("/proc/" + pid + "/status has no " + field + " line (a kernel thread, or not Linux?)");
    }

    /** sysconf(_SC_CLK_TCK): the unit of utime and stime in /proc/PID/stat. */
    private static double clockTicksPerSecond() {
        Linker linker = Linker.nativeLinker();
        MethodHandle sysconf = linker.downcallHandle(
                linker.defaultLookup().find("sysconf").orElseThrow(
                        () -> new IllegalStateException("the C library has no sysconf: /proc sampling needs Linux")),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        try {
            return (long) sysconf.invokeExact(SC_CLK_TCK);
        } catch (Throwable e) {
            throw new IllegalStateException("sysconf(_SC_CLK_TCK) failed", e);
        }
    }
}
