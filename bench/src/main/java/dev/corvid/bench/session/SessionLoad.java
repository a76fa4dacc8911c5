package dev.corvid.bench.session;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Many BGP sessions against one speaker, and what they cost it: opens {@code --sessions} iBGP sessions from
 * consecutive loopback source addresses, reports how long it took to bring them all up, then samples the target
 * process ({@code --pid}) through a steady-state window: CPU as a percentage of one core, VmRSS, and VmHWM.
 *
 * <p>With {@code --announce} the load has Calico's shape against a route reflector: every session announces its pod
 * block once Established, and the client reports how long it took from the first connect until every session held
 * the blocks of all the others, with the target's CPU seconds and peak RSS over that time.
 *
 * <p>The last line is machine-readable ({@code RESULT key=value ...}) for {@code bench/session-load.sh} and
 * {@code bench/reflector-load.sh}. Exits 0 when every session came up, was still up at the end and (with
 * {@code --announce}) every session held every other's block; 1 otherwise, 2 for a bad command line.
 */
public final class SessionLoad {
    private SessionLoad() {}

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (LoadOptions.BadArguments e) {
            System.err.println("SessionLoad: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    private static int run(LoadOptions options) throws Exception {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends Channel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
        try {
            Optional<TargetProcess> target = options.pid().stream().mapToObj(TargetProcess::new).findFirst();
            System.out.printf("target %s, %d sessions from %s up, AS %d, hold %d s, %d set up at once (%s)%n",
                    hostPort(options), options.sessions(), options.firstSource().getHostAddress(), options.asn(),
                    options.holdTime(), options.connectParallelism(), epoll ? "epoll" : "NIO");
            LoadSession.warmUp(options.asn(), options.holdTime(), options.firstSource());
            SessionFleet fleet = new SessionFleet(options, group.next(), channelType);
            TargetProcess client = new TargetProcess(ProcessHandle.current().pid());
            double cpuBefore = cpu(target);
            double clientCpuBefore = client.cpuSeconds();
            SessionFleet.Progress up = bringUp(fleet, options);
            double cpuBringUp = cpu(target) - cpuBefore;
            reportBringUp(options, up, target.isPresent() ? Optional.of(cpuBringUp) : Optional.empty());
            Optional<Convergence> convergence = Optional.empty();
            if (options.announce().isPresent()) {
                SessionFleet.Progress converged = awaitConvergence(fleet, options);
                convergence = Optional.of(new Convergence(converged, cpu(target) - cpuBefore,
                        client.cpuSeconds() - clientCpuBefore, target.isPresent() ? target.get().peakRssKb() / 1024.0 : 0));
                reportConvergence(options, convergence.get());
            }

            Thread.sleep(TimeUnit.SECONDS.toMillis(options.settleSeconds()));
            Optional<Window> window = target.isPresent() && options.measureSeconds() > 0
                    ? Optional.of(measure(target.get(), options)) : Optional.empty();
            SessionFleet.Progress end = fleet.shutdown("corvid SessionLoad finished").get(10, TimeUnit.SECONDS);
            window.ifPresent(w -> System.out.printf(
                    "steady state over %d s (after %d s settling): CPU %.2f%% of one core (per %d s: %s),"
                            + " VmRSS %.1f MB (max %.1f MB in the window), VmHWM %.1f MB%n",
                    options.measureSeconds(), options.settleSeconds(), w.cpuPercent(), SLICE_SECONDS,
                    w.slicePercents().stream().map(p -> String.format("%.2f%%", p)).collect(Collectors.joining(" ")),
                    w.rssMb(), w.maxRssMb(), w.hwmMb()));
            System.out.printf("sessions still Established at the end: %d of %d (%d dropped after Established)%n",
                    end.up(), options.sessions(), end.dropped());
            printReasons(end);
            boolean allUp = up.established() == options.sessions();
            System.out.println(resultLine(options, up, end, window, cpuBringUp, allUp, convergence));
            boolean converged = convergence.map(Convergence::all).orElse(true);
            return allUp && converged && end.up() == options.sessions() ? 0 : 1;
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Waits for every session to be Established or failed, printing progress every five seconds. */
    private static SessionFleet.Progress bringUp(SessionFleet fleet, LoadOptions options) throws Exception {
        CompletableFuture<SessionFleet.Progress> settled = fleet.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.upTimeoutSeconds());
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                SessionFleet.Progress p = fleet.progress().get(10, TimeUnit.SECONDS);
                System.out.printf("gave up waiting after %d s: %d of %d Established, %d failed, %d still being set up%n",
                        options.upTimeoutSeconds(), p.established(), options.sessions(), p.failed(), p.inFlight());
                return p;
            }
            try {
                return settled.get(Math.min(left, TimeUnit.SECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                SessionFleet.Progress p = fleet.progress().get(10, TimeUnit.SECONDS);
                System.err.printf("  %.0f s: %d Established, %d failed, %d being set up%n",
                        (System.nanoTime() - p.firstConnectNanos()) / 1e9, p.established(), p.failed(), p.inFlight());
            } catch (ExecutionException e) {
                throw new IllegalStateException("the session fleet failed", e.getCause());
            }
        }
    }

    /**
     * Where a Calico-shaped load stood when every session held every other's block, or when the wait ended.
     *
     * @param progress  the fleet then
     * @param targetCpu the target's CPU seconds from just before the first connect
     * @param clientCpu this client's CPU seconds over the same time (a client near 1 s per second is the bottleneck)
     * @param hwmMb     the target's peak resident memory (VmHWM) then
     */
    record Convergence(SessionFleet.Progress progress, double targetCpu, double clientCpu, double hwmMb) {
        boolean all() {
            return progress.convergedNanos() != 0;
        }

        double seconds() {
            return all() ? (progress.convergedNanos() - progress.firstConnectNanos()) / 1e9 : Double.NaN;
        }
    }

    /** Waits, up to {@code --converge-timeout} from the first connect, for every session to hold all other blocks. */
    private static SessionFleet.Progress awaitConvergence(SessionFleet fleet, LoadOptions options) throws Exception {
        long firstConnect = fleet.progress().get(10, TimeUnit.SECONDS).firstConnectNanos();
        long deadline = firstConnect + TimeUnit.SECONDS.toNanos(options.convergeSeconds());
        int others = options.sessions() - 1;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return fleet.progress().get(10, TimeUnit.SECONDS);
            try {
                return fleet.converged().get(Math.min(left, TimeUnit.SECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                SessionFleet.Progress p = fleet.progress().get(10, TimeUnit.SECONDS);
                System.err.printf("  %.0f s: %d of %d sessions hold all %d other blocks (the fewest: %d), %d up%n",
                        (System.nanoTime() - firstConnect) / 1e9, p.converged(), options.sessions(), others,
                        p.fewestHeld(), p.up());
            }
        }
    }

    private static void reportConvergence(LoadOptions options, Convergence c) {
        SessionFleet.Progress p = c.progress();
        if (c.all()) {
            System.out.printf("all %d sessions hold the other %d blocks %.2f s after the first connect%n",
                    options.sessions(), options.sessions() - 1, c.seconds());
        } else {
            System.out.printf("did not converge within %d s: %d of %d sessions hold all %d other blocks,"
                            + " the fewest held by an Established session is %d%n", options.convergeSeconds(),
                    p.converged(), options.sessions(), options.sessions() - 1, p.fewestHeld());
        }
        System.out.printf("target CPU %.2f s and VmHWM %.1f MB by then; the client used %.2f s of CPU;"
                        + " %d sessions received End-of-RIB%n", c.targetCpu(), c.hwmMb(), c.clientCpu(), p.endOfRib());
    }

    private static void reportBringUp(LoadOptions options, SessionFleet.Progress up, Optional<Double> cpu) {
        long[] sorted = up.setupNanos().clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            System.out.printf("no session came up (%d failed)%n", up.failed());
            return;
        }
        String what = up.established() == options.sessions()
                ? "all " + options.sessions() + " sessions Established"
                : up.established() + " of " + options.sessions() + " sessions Established (" + up.failed() + " failed)";
        System.out.printf("%s in %.2f s from the first connect (per session: p50 %.1f ms, p99 %.1f ms, max %.1f ms)%n",
                what, bringUpSeconds(up), percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6,
                sorted[sorted.length - 1] / 1e6);
        cpu.ifPresent(c -> System.out.printf("target CPU during bring-up: %.2f s%n", c));
    }

    private static double bringUpSeconds(SessionFleet.Progress p) {
        return p.established() == 0 ? Double.NaN : (p.lastEstablishedNanos() - p.firstConnectNanos()) / 1e9;
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Seconds per CPU slice shown: a JIT compilation or a GC in one slice stands out from the steady rest. */
    private static final int SLICE_SECONDS = 10;

    record Window(double cpuPercent, List<Double> slicePercents, double rssMb, double maxRssMb, double hwmMb) {}

    /** Samples the target once a second over the window; CPU is the utime+stime difference over wall time. */
    private static Window measure(TargetProcess target, LoadOptions options) throws IOException, InterruptedException {
        long startNanos = System.nanoTime();
        double cpuStart = target.cpuSeconds();
        long maxRss = target.rssKb();
        List<Double> slices = new ArrayList<>();
        double sliceCpu = cpuStart;
        long sliceNanos = startNanos;
        for (int i = 1; i <= options.measureSeconds(); i++) {
            long due = startNanos + TimeUnit.SECONDS.toNanos(i);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
            if (!target.alive()) throw new IOException("the target process " + target.pid() + " exited during the measurement");
            maxRss = Math.max(maxRss, target.rssKb());
            if (i % SLICE_SECONDS == 0 || i == options.measureSeconds()) {
                double cpu = target.cpuSeconds();
                long now = System.nanoTime();
                slices.add(100 * (cpu - sliceCpu) / ((now - sliceNanos) / 1e9));
                sliceCpu = cpu;
                sliceNanos = now;
            }
        }
        double cpu = target.cpuSeconds() - cpuStart;
        double wall = (System.nanoTime() - startNanos) / 1e9;
        return new Window(100 * cpu / wall, slices, target.rssKb() / 1024.0, maxRss / 1024.0,
                target.peakRssKb() / 1024.0);
    }

    private static double cpu(Optional<TargetProcess> target) throws IOException {
        return target.isPresent() ? target.get().cpuSeconds() : 0;
    }

    private static void printReasons(SessionFleet.Progress p) {
        if (p.reasonCount() == 0) return;
        System.out.printf("%d sessions failed or dropped; the first %d:%n", p.reasonCount(), p.reasons().size());
        for (String r : p.reasons()) System.out.println("  " + r);
    }

    private static String resultLine(LoadOptions options, SessionFleet.Progress up, SessionFleet.Progress end,
                                     Optional<Window> window, double cpuBringUp, boolean allUp,
                                     Optional<Convergence> convergence) {
        StringBuilder line = new StringBuilder("RESULT");
        line.append(" sessions=").append(options.sessions());
        line.append(" established=").append(up.established());
        line.append(" failed=").append(up.failed());
        line.append(" all_up=").append(allUp ? "yes" : "no");
        line.append(String.format(" bringup_s=%.2f", bringUpSeconds(up)));
        window.ifPresent(w -> line.append(String.format(" bringup_cpu_s=%.2f cpu_pct=%.2f rss_mb=%.1f hwm_mb=%.1f",
                cpuBringUp, w.cpuPercent(), w.rssMb(), w.hwmMb())));
        convergence.ifPresent(c -> line.append(String.format(
                " converged=%d converge_s=%.2f converge_cpu_s=%.2f converge_hwm_mb=%.1f client_cpu_s=%.2f eor=%d"
                        + " fewest_held=%d", c.progress().converged(), c.seconds(), c.targetCpu(), c.hwmMb(),
                c.clientCpu(), c.progress().endOfRib(), c.progress().fewestHeld())));
        line.append(" still_up=").append(end.up());
        line.append(" dropped=").append(end.dropped());
        return line.toString();
    }

    private static String hostPort(LoadOptions options) {
        return options.target().getAddress().getHostAddress() + ":" + options.target().getPort();
    }
}
