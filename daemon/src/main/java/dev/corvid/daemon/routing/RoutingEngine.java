package dev.corvid.daemon.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.AttributeError;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.fsm.open.Negotiated;
import dev.corvid.fsm.transport.SessionListener;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * DOC: the RIB thread (DESIGN.md: "one RIB thread owns all routing state"; "threads talk only through queues"). The
 * session event loops call the {@link SessionListener} methods, which only enqueue; the thread drains a batch of
 * events into its {@link RoutingState}, takes a turn (decision, export, dumps, sending), and waits for more when
 * nothing is left. Control-socket questions are queued the same way and answered on the thread through a future,
 * so no other thread ever reads routing state.
 *
 * <p>Backpressure (DESIGN.md): when more than {@link #HIGH_WATER} UPDATEs wait, a peer whose UPDATE arrives is
 * told to stop reading its socket (TCP then slows the sender down); once the RIB thread has worked the queue down to
 * {@link #LOW_WATER}, every paused peer reads again.
 */
public final class RoutingEngine implements SessionListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("corvid.routing");
    /** Events handled between two turns, so that a burst of UPDATEs still lets decisions and sends through. */
    private static final int EVENT_BUDGET = 1_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    static final int HIGH_WATER = 2_000;
    static final int LOW_WATER = 500;

    private final RoutingSettings settings;
    private final BlockingQueue<RibEvent> queue = new LinkedBlockingQueue<>();
    /** UPDATEs queued and not yet handled. */
    private final AtomicInteger updatesQueued = new AtomicInteger();
    private final Set<InetAddress> paused = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;

    /** Events are queued from now on; they are handled once {@link #start} runs the thread. */
    public RoutingEngine(RoutingSettings settings) {
        this.settings = settings;
    }

    /** Starts the RIB thread; it sends through {@code outbox} and tells {@code fib} what the kernel should hold. */
    public void start(Outbox outbox, Fib fib) {
        if (thread != null) throw new IllegalStateException("the RIB thread is already running");
        thread = Thread.ofPlatform().name("corvid-rib").daemon().start(() -> run(outbox, fib));
    }

    private void run(Outbox outbox, Fib fib) {
        RoutingState state = new RoutingState(settings, outbox, fib);
        try {
            while (true) {
                long wait = state.nanosUntilWork();
                RibEvent event = wait == 0 ? queue.poll()
                        : wait == Long.MAX_VALUE ? queue.take() : queue.poll(wait, TimeUnit.NANOSECONDS);
                for (int n = 0; event != null; event = ++n == EVENT_BUDGET ? null : queue.poll()) {
                    if (event instanceof RibEvent.Stop) return;
                    handle(state, event);
                    if (event instanceof RibEvent.Received) updatesQueued.decrementAndGet();
                }
                if (!paused.isEmpty() && updatesQueued.get() <= LOW_WATER) resume(outbox);
                state.turn();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | AssertionError e) {
            LOG.log(Level.ERROR, "the RIB thread stopped on a bug; routes are no longer processed", e);
        }
    }

    private void resume(Outbox outbox) {
        for (InetAddress peer : List.copyOf(paused)) {
            paused.remove(peer);
            outbox.resumeReading(peer);
        }
    }

    private static void handle(RoutingState state, RibEvent event) {
        try {
            state.handle(event);
        } catch (RuntimeException e) {
            // One bad UPDATE must not stop routing for every peer: say so, and go on.
            LOG.log(Level.ERROR, "handling " + event.getClass().getSimpleName() + " failed", e);
        }
    }

    @Override
    public void established(InetAddress peer, InetAddress local, Negotiated negotiated) {
        queue.add(new RibEvent.PeerUp(peer, local, negotiated));
    }

    @Override
    public void down(InetAddress peer, String reason, boolean graceful) {
        queue.add(new RibEvent.PeerDown(peer, reason, graceful));
    }

    @Override
    public boolean update(InetAddress peer, Update update, List<AttributeError> errors) {
        queue.add(new RibEvent.Received(peer, update, errors));
        if (updatesQueued.incrementAndGet() <= HIGH_WATER) return true;
        paused.add(peer);
        return false;
    }

    @Override
    public void routeRefresh(InetAddress peer, RouteRefresh routeRefresh) {
        queue.add(new RibEvent.RefreshReceived(peer, routeRefresh));
    }

    /** Kernel routes that {@code kernel.learn} matches appeared or went (called by the kernel watcher). */
    public void learned(List<Prefix> added, List<Prefix> removed) {
        queue.add(new RibEvent.Learned(List.copyOf(added), List.copyOf(removed)));
    }

    /** A reload: the RIB thread applies {@code next} in order with the events already queued. */
    public void reconfigure(RoutingSettings next) {
        queue.add(new RibEvent.Reconfigure(next));
    }

    /** {@code show route}: the answer as JSON (see {@link RouteJson}). */
    public CompletableFuture<JsonNode> showRoute(RouteQuery query) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        queue.add(new RibEvent.ShowRoute(query, answer));
        return answer;
    }

    /** Prefix counts of each Established peer. */
    public CompletableFuture<Map<InetAddress, PrefixCounts>> prefixCounts() {
        return ask(RoutingState::counts);
    }

    /** The peers whose routes are kept through an RFC 4724 graceful restart, and where each restart stands. */
    public CompletableFuture<Map<InetAddress, PeerRestart>> restarts() {
        return ask(state -> state.restarting().status(System.nanoTime()));
    }

    /** RIB sizes and how much work the RIB thread has done. */
    public CompletableFuture<RibStats> stats() {
        return ask(RoutingState::stats);
    }

    /** Routes in the Loc-RIB. */
    public CompletableFuture<Integer> routeCount() {
        return ask(state -> state.rib().locRib().size());
    }

    private <T> CompletableFuture<T> ask(Function<RoutingState, T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        queue.add(new RibEvent.Query<>(question, answer));
        return answer;
    }

    /** Ends the RIB thread after the events already queued. */
    @Override
    public void close() {
        Thread t = thread;
        queue.add(new RibEvent.Stop());
        if (t == null) return;
        try {
            t.join(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
