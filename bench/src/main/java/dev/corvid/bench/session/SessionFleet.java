package dev.corvid.bench.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * All sessions of one load run, on ONE event loop: starts them with at most {@code connectParallelism} being set
 * up at once, records each session's setup time (connect to Established), counts failures (never Established)
 * and drops (Established, then ended), and drives every session's timers from one sweep a second. In a
 * Calico-shaped load it also counts the sessions that hold every other session's block, and notes when that
 * count first reaches all of them.
 *
 * <p>Every method but {@link #start}, {@link #progress} and {@link #shutdown} runs on the event loop; those three
 * hand their work to it and return futures.
 */
final class SessionFleet {
    /** How many failure and drop reasons are kept to be shown. */
    static final int REASONS_KEPT = 5;

    /**
     * A consistent view of the fleet, taken on its event loop. The last four describe a Calico-shaped load (zero
     * otherwise): sessions holding every other's block, when that count reached all sessions (0 if it has not), the
     * fewest blocks any Established session holds, and sessions that received the End-of-RIB marker.
     */
    record Progress(int started, int established, int failed, int dropped, long[] setupNanos,
                    long firstConnectNanos, long lastEstablishedNanos, List<String> reasons, int reasonCount,
                    int converged, long convergedNanos, int fewestHeld, int endOfRib) {
        int up() {
            return established - dropped;
        }

        int inFlight() {
            return started - established - failed;
        }
    }

    private final LoadOptions options;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final List<LoadSession> sessions = new ArrayList<>();
    private final long[] setupNanos;
    private final List<String> reasons = new ArrayList<>();
    private final CompletableFuture<Progress> allSettled = new CompletableFuture<>();
    private final CompletableFuture<Progress> allConverged = new CompletableFuture<>();
    private final Optional<PodBlocks> blocks;
    private int started;
    private int established;
    private int failed;
    private int dropped;
    private int reasonCount;
    private long firstConnectNanos;
    private long lastEstablishedNanos;
    private int converged;
    private long convergedNanos;
    private Future<?> sweep;

    SessionFleet(LoadOptions options, EventLoop loop, Class<? extends Channel> channelType) {
        this.options = options;
        this.loop = loop;
        this.setupNanos = new long[options.sessions()];
        this.blocks = options.blocks();
        this.bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    /** Starts connecting; the future completes when every session is Established or has failed. */
    CompletableFuture<Progress> start() {
        loop.execute(() -> {
            firstConnectNanos = System.nanoTime();
            sweep = loop.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
            startMore();
        });
        return allSettled;
    }

    /** Completes when every session holds every other session's block (a Calico-shaped load only). */
    CompletableFuture<Progress> converged() {
        return allConverged;
    }

    CompletableFuture<Progress> progress() {
        CompletableFuture<Progress> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(snapshot()));
        return result;
    }

    /** Ends every session with Cease / Administrative Shutdown carrying {@code text}; completes with the last view. */
    CompletableFuture<Progress> shutdown(String text) {
        CompletableFuture<Progress> result = new CompletableFuture<>();
        loop.execute(() -> {
            Progress last = snapshot();
            if (sweep != null) sweep.cancel(false);
            for (LoadSession s : sessions) s.shutdown(text);
            result.complete(last);
        });
        return result;
    }

    void established(LoadSession session, long setupTime) {
        assert loop.inEventLoop();
        setupNanos[established++] = setupTime;
        lastEstablishedNanos = System.nanoTime();
        afterSetup();
    }

    /** A session now holds every other session's block ({@code true}), or no longer does. */
    void convergence(boolean holdsAll) {
        assert loop.inEventLoop();
        converged += holdsAll ? 1 : -1;
        if (converged == options.sessions() && convergedNanos == 0) {
            convergedNanos = System.nanoTime();
            allConverged.complete(snapshot());
        }
    }

    void ended(LoadSession session, boolean wasEstablished, String reason) {
        assert loop.inEventLoop();
        if (wasEstablished) {
            dropped++;
        } else {
            failed++;
        }
        reasonCount++;
        if (reasons.size() < REASONS_KEPT) {
            double at = (System.nanoTime() - firstConnectNanos) / 1e9;
            reasons.add(String.format("%s at %.1f s: %s", session.source().getHostAddress(), at, reason));
        }
        if (!wasEstablished) afterSetup();
    }

    private void afterSetup() {
        startMore();
        if (established + failed == options.sessions()) allSettled.complete(snapshot());
    }

    private void startMore() {
        while (started < options.sessions() && started - established - failed < options.connectParallelism()) {
            connect(nextSession());
        }
    }

    /** Creates the next session (its source address follows the previous one's) and counts it as started. */
    LoadSession nextSession() {
        assert loop.inEventLoop();
        int index = started++;
        LoadSession session = new LoadSession(this, index, options.source(index), options.asn(), options.holdTime(),
                System.nanoTime(), blocks);
        sessions.add(session);
        return session;
    }

    private void connect(LoadSession session) {
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                // RFC 4271 §4.1: the 2-octet Length after the 16-octet Marker counts the whole message.
                ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(65535, 16, 2, -18, 0), session);
            }
        });
        b.connect(options.target(), new InetSocketAddress(session.source(), 0)).addListener(f -> {
            if (!f.isSuccess()) session.connectFailed(f.cause());
        });
    }

    private void sweep() {
        long now = System.nanoTime();
        for (LoadSession s : sessions) s.tick(now);
    }

    private Progress snapshot() {
        int fewest = blocks.isPresent() ? Integer.MAX_VALUE : 0;
        int endOfRib = 0;
        for (LoadSession s : sessions) {
            if (s.received().isEmpty() || s.phase() != LoadSession.Phase.ESTABLISHED) continue;
            fewest = Math.min(fewest, s.received().get().others());
            if (s.received().get().endOfRib()) endOfRib++;
        }
        return new Progress(started, established, failed, dropped, Arrays.copyOf(setupNanos, established),
                firstConnectNanos, lastEstablishedNanos, List.copyOf(reasons), reasonCount, converged, convergedNanos,
                fewest == Integer.MAX_VALUE ? 0 : fewest, endOfRib);
    }
}
