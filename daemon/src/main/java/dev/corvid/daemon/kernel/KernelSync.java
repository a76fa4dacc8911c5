package dev.corvid.daemon.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.KernelConfig;
import dev.corvid.daemon.routing.Fib;
import dev.corvid.daemon.routing.FibRoute;
import dev.corvid.netlink.KernelRoute;
import dev.corvid.netlink.NetlinkException;
import dev.corvid.netlink.RtNetlink;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * DOC: the kernel thread ({@code corvid-kernel}; DESIGN.md: "the netlink exporter owns its socket"). It keeps
 * corvid's routes in {@code kernel.table} — marked with {@code kernel.protocol} and {@code kernel.metric} — equal to
 * what the Loc-RIB wants ({@link FibTable} holds both sides and sends the requests; {@link RoutePlan} turns the
 * BGP next hops into kernel routes).
 *
 * <p>Never touching another program's route: a new route is added with {@code NLM_F_EXCL}, so a route of someone
 * else with the same key stays and corvid reports the conflict; a removal names corvid's protocol and metric, so
 * the kernel matches only corvid's route. Only routes corvid installed (or found with its protocol in its table) are
 * replaced or removed.
 *
 * <p>Reconcile at start: corvid's routes already in the table (from before a restart) are adopted as installed.
 * When the RIB wants the same route nothing is sent; a different one is replaced; the rest are removed once the RIB
 * says it is {@link Fib#submit synced} — so a restart never deletes and re-adds a route that stays.
 *
 * <p>Events come through one queue: the RIB's changes ({@link Fib#submit}), the {@link KernelWatcher}'s link and
 * address changes and routes of corvid's that someone removed, and {@code show kernel} questions.
 */
public final class KernelSync implements Fib, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("corvid.kernel");
    /** Events merged into one round of requests. */
    private static final int EVENT_BUDGET = 1_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** The shortest time between two re-reads of corvid's routes after lost events. */
    private static final Duration RESYNC_INTERVAL = Duration.ofSeconds(10);

    private sealed interface Event {
        record Wanted(List<FibRoute> changes, boolean synced) implements Event {}

        record InterfacesChanged(Interfaces interfaces, boolean linkLost) implements Event {}

        record RoutesGone(List<KernelRoute> routes) implements Event {}

        record EventsLost() implements Event {}

        record Show(CompletableFuture<JsonNode> answer) implements Event {}

        record Stop() implements Event {}
    }

    private final KernelConfig config;
    private final Supplier<RtNetlink> opener;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private volatile KernelCounters counters = KernelCounters.NONE;
    private volatile boolean running = true;
    private volatile boolean syncedSeen;
    private Thread thread;

    // Owned by the kernel thread.
    private RtNetlink socket;
    private final FibTable table;
    private Interfaces interfaces = Interfaces.NONE;
    private boolean synced;
    private long nextResync = System.nanoTime();
    /** A re-read was asked for within {@link #RESYNC_INTERVAL} of the last one: it happens when that is over. */
    private boolean resyncDeferred;

    private KernelSync(KernelConfig config, Supplier<RtNetlink> opener) {
        this.config = config;
        this.table = new FibTable(config);
        this.opener = opener;
    }

    /** Starts the kernel thread; {@code opener} gives it its rtnetlink socket (e.g. {@code RtNetlink::open}). */
    public static KernelSync start(KernelConfig config, Supplier<RtNetlink> opener) {
        KernelSync sync = new KernelSync(config, opener);
        sync.thread = Thread.ofPlatform().name("corvid-kernel").daemon().start(sync::run);
        return sync;
    }

    /** The {@code kernel} settings it runs with. */
    public KernelConfig config() {
        return config;
    }

    @Override
    public void submit(List<FibRoute> changes, boolean synced) {
        if (running) queue.add(new Event.Wanted(changes, synced));
    }

    /** The links or addresses changed; {@code linkLost}: a device with addresses went down or away. */
    void interfacesChanged(Interfaces now, boolean linkLost) {
        if (running) queue.add(new Event.InterfacesChanged(now, linkLost));
    }

    /**
     * Routes left corvid's table: corvid's own (removed by corvid itself, or by someone else), or another program's
     * that may have been in corvid's way.
     */
    void routesGone(List<KernelRoute> routes) {
        if (running) queue.add(new Event.RoutesGone(routes));
    }

    /** The watcher lost kernel events: corvid's routes are dumped again. */
    void eventsLost() {
        if (running) queue.add(new Event.EventsLost());
    }

    /** {@code show kernel}: the answer as JSON (see {@link KernelJson}). */
    public CompletableFuture<JsonNode> show() {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        if (running) {
            queue.add(new Event.Show(answer));
        } else {
            answer.completeExceptionally(new IllegalStateException("the kernel thread is not running"));
        }
        return answer;
    }

    /** Whether the first reconcile is done: routes from before the start that nobody wants are gone (any thread). */
    public boolean synced() {
        return syncedSeen;
    }

    /** The counters as of the last round (any thread). */
    public KernelCounters counters() {
        return counters;
    }

    private void run() {
        try {
            socket = opener.get();
            adoptRoutesFromBefore();
        } catch (NetlinkException e) {
            LOG.log(Level.ERROR, "kernel: cannot use rtnetlink (" + e.getMessage() + "); no routes will be "
                    + "installed. Run corvid with CAP_NET_ADMIN, or set kernel.export = false");
            running = false;
            queue.clear();
            return;
        }
        try {
            while (true) {
                Event next = resyncDeferred
                        ? queue.poll(Math.max(0, nextResync - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : queue.take();
                if (!round(next != null ? next : new Event.EventsLost())) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | AssertionError e) {
            LOG.log(Level.ERROR, "kernel: the kernel thread stopped on a bug; routes are no longer installed", e);
        } finally {
            running = false;
            socket.close();
        }
    }

    private void adoptRoutesFromBefore() {
        interfaces = Interfaces.of(socket.links(), addresses());
        int adopted = table.adopt(own(socket));
        if (adopted > 0) {
            LOG.log(Level.INFO, "kernel: " + adopted + " routes of corvid's (table " + config.table()
                    + ", proto " + config.protocol() + ") are here from before; each is kept if the peers still "
                    + "announce it, and the others are removed once their tables are in");
        }
        publish();
    }

    private List<dev.corvid.netlink.InterfaceAddress> addresses() {
        List<dev.corvid.netlink.InterfaceAddress> all = new ArrayList<>(socket.addresses(true));
        all.addAll(socket.addresses(false));
        return all;
    }

    /** corvid's routes in its table, one per prefix (an IPv6 multipath route may be dumped as several). */
    private Map<Prefix, KernelRoute> own(RtNetlink s) {
        Map<Prefix, KernelRoute> own = new HashMap<>();
        for (boolean v4 : new boolean[] {true, false}) {
            for (KernelRoute r : s.routes(v4)) {
                if (r.protocol() != config.protocol() || r.table() != config.table()
                        || r.metric() != RoutePlan.metric(config, r.destination())) {
                    continue;
                }
                own.merge(r.destination(), r, (a, b) -> {
                    List<dev.corvid.netlink.NextHop> hops = new ArrayList<>(a.nextHops());
                    hops.addAll(b.nextHops());
                    return new KernelRoute(a.destination(), a.type(), hops, a.table(), a.protocol(), a.metric(), a.mtu());
                });
            }
        }
        return own;
    }

    /** One round: merge a batch of events, bring the kernel in line, answer the questions. False: stop. */
    private boolean round(Event first) {
        Set<Prefix> touched = new HashSet<>();
        boolean everything = false;
        boolean resync = false;
        boolean stop = false;
        List<CompletableFuture<JsonNode>> questions = new ArrayList<>();
        Event event = first;
        for (int n = 0; event != null; event = ++n == EVENT_BUDGET ? null : queue.poll()) {
            switch (event) {
                case Event.Wanted w -> {
                    for (FibRoute r : w.changes()) table.want(r, touched);
                    if (w.synced() && !synced) {
                        synced = true;
                        everything = true;
                    }
                }
                case Event.InterfacesChanged c -> {
                    Object before = interfaces.decisionKey(config.tunnelDevice());
                    interfaces = c.interfaces();
                    if (!before.equals(interfaces.decisionKey(config.tunnelDevice()))) everything = true;
                    touched.addAll(table.failing()); // a device or address may have been what they lacked
                    resync |= c.linkLost();
                }
                case Event.RoutesGone g -> {
                    for (KernelRoute route : g.routes()) table.gone(route, touched);
                }
                case Event.EventsLost _ -> resync = true;
                case Event.Show s -> questions.add(s.answer());
                case Event.Stop _ -> stop = true;
            }
            if (stop) break;
        }
        if (resync && System.nanoTime() < nextResync) {
            resyncDeferred = true; // a flood of events (a million routes at once) overruns again and again
            resync = false;
        }
        if (resync) {
            nextResync = System.nanoTime() + RESYNC_INTERVAL.toNanos();
            resyncDeferred = false;
            // IPv4 routes through a device that goes down vanish without an RTM_DELROUTE, and lost events say nothing.
            table.reload(own(socket));
            everything = true;
        }
        if (everything) touched.addAll(table.all());
        if (!touched.isEmpty() && table.apply(touched, socket, interfaces, synced)) {
            LOG.log(Level.WARNING, "kernel: replies were lost (ENOBUFS); reading corvid's routes back from the kernel");
            table.reload(own(socket));
            table.apply(table.all(), socket, interfaces, synced);
        }
        table.roundDone(synced);
        syncedSeen = synced;
        publish();
        for (CompletableFuture<JsonNode> q : questions) q.complete(table.json(synced, interfaces));
        return !stop;
    }

    private void publish() {
        counters = table.counters();
    }

    /** Ends the kernel thread after the events already queued. corvid's routes stay in the kernel. */
    @Override
    public void close() {
        Thread t = thread;
        queue.add(new Event.Stop());
        running = false;
        if (t == null) return;
        try {
            t.join(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
