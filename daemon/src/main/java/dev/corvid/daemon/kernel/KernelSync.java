package dev.corvid.daemon.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.KernelConfig;
import dev.corvid.daemon.routing.Fib;
import dev.corvid.daemon.routing.FibRoute;
import dev.corvid.netlink.BatchOutcome;
import dev.corvid.netlink.Failure;
import dev.corvid.netlink.KernelRoute;
import dev.corvid.netlink.NetlinkException;
import dev.corvid.netlink.RouteRequest;
import dev.corvid.netlink.RtNetlink;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * what the Loc-RIB wants, as {@link RoutePlan} turns it into kernel routes, with as many requests per {@code send} as
 * fit ({@link RtNetlink#apply}).
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
    /** Requests handed to one {@link RtNetlink#apply} call. */
    private static final int REQUESTS_PER_APPLY = 50_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** errno: no such route (it is gone already), and the route exists (another program's, for an add). */
    private static final int ESRCH = 3, EEXIST = 17;
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
    private final RoutePlan plan;
    private final Supplier<RtNetlink> opener;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private volatile KernelCounters counters = KernelCounters.NONE;
    private volatile boolean running = true;
    private volatile boolean syncedSeen;
    private Thread thread;

    // Owned by the kernel thread.
    private RtNetlink socket;
    /** The BGP next hops the Loc-RIB wants per prefix (lists shared between routes: see {@code FibFeed}). */
    private final Map<Prefix, List<InetAddress>> wanted = new HashMap<>();
    private final Map<Prefix, KernelRoute> installed = new HashMap<>();
    private final Map<Prefix, String> failed = new HashMap<>();
    /** Installed routes that lack next hops of their ECMP set, and why. */
    private final Map<Prefix, String> partial = new HashMap<>();
    /**
     * Prefixes whose route was reported removed in this round. The report may be late — the removal corvid itself
     * made before adding the route again — so a re-add that finds the route there (EEXIST) finds corvid's own.
     */
    private final Set<Prefix> gone = new HashSet<>();
    /** Routes found from before the start that the RIB has not spoken about yet. */
    private final Set<Prefix> adopted = new HashSet<>();
    private Interfaces interfaces = Interfaces.NONE;
    private boolean synced;
    private long nextResync = System.nanoTime();
    /** A re-read was asked for within {@link #RESYNC_INTERVAL} of the last one: it happens when that is over. */
    private boolean resyncDeferred;
    private long added, replaced, removed, failures;
    private String lastError = "";
    private final Map<String, List<Prefix>> roundFailures = new LinkedHashMap<>();
    private Instant lastErrorAt;

    private KernelSync(KernelConfig config, Supplier<RtNetlink> opener) {
        this.config = config;
        this.plan = new RoutePlan(config);
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
        installed.putAll(own(socket));
        adopted.addAll(installed.keySet());
        if (!adopted.isEmpty()) {
            LOG.log(Level.INFO, "kernel: " + adopted.size() + " routes of corvid's (table " + config.table()
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
                    for (FibRoute r : w.changes()) {
                        if (r.nextHops().isEmpty()) wanted.remove(r.prefix()); else wanted.put(r.prefix(), r.nextHops());
                        if (!adopted.isEmpty()) adopted.remove(r.prefix());
                        touched.add(r.prefix());
                    }
                    if (w.synced() && !synced) {
                        synced = true;
                        everything = true;
                    }
                }
                case Event.InterfacesChanged c -> {
                    Object before = interfaces.decisionKey(config.tunnelDevice());
                    interfaces = c.interfaces();
                    if (!before.equals(interfaces.decisionKey(config.tunnelDevice()))) everything = true;
                    touched.addAll(failed.keySet()); // a device or address may have been what they lacked
                    resync |= c.linkLost();
                }
                case Event.RoutesGone g -> {
                    for (KernelRoute route : g.routes()) gone(route, touched);
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
            installed.clear();
            installed.putAll(own(socket));
            everything = true;
        }
        if (everything) {
            touched.addAll(wanted.keySet());
            touched.addAll(installed.keySet());
            touched.addAll(failed.keySet());
        }
        if (!touched.isEmpty()) apply(touched, true);
        if (synced && !adopted.isEmpty()) adopted.clear();
        syncedSeen = synced;
        gone.clear();
        logFailures();
        publish();
        for (CompletableFuture<JsonNode> q : questions) {
            q.complete(KernelJson.of(config, synced, counters, installed, failed, partial, interfaces));
        }
        return !stop;
    }

    /** {@code p} is neither failing nor partly installed (the maps are empty nearly always: no lookup then). */
    private void forget(Prefix p) {
        if (!failed.isEmpty()) failed.remove(p);
        if (!partial.isEmpty()) partial.remove(p);
    }

    /** A route left corvid's table: someone else removed corvid's (it is put back), or one in its way went. */
    private void gone(KernelRoute route, Set<Prefix> touched) {
        Prefix p = route.destination();
        if (route.protocol() != config.protocol()) {
            if (failed.containsKey(p)) touched.add(p);
            return;
        }
        KernelRoute have = installed.get(p);
        if (have != null && RoutePlan.same(have, route)) {
            installed.remove(p);
            touched.add(p);
            gone.add(p);
        }
    }

    /** Brings the routes to {@code prefixes} in line with what is wanted. */
    private void apply(Set<Prefix> prefixes, boolean mayResync) {
        List<RouteRequest> requests = new ArrayList<>();
        for (Prefix p : prefixes) {
            KernelRoute have = installed.get(p);
            RoutePlan.Outcome outcome = plan.plan(p, wanted.getOrDefault(p, List.of()), interfaces);
            switch (outcome) {
                case RoutePlan.Outcome.Nothing _ -> {
                    forget(p);
                    if (have != null && !(adopted.contains(p) && !synced)) requests.add(new RouteRequest.Remove(have));
                }
                case RoutePlan.Outcome.Refused r -> {
                    partial.remove(p);
                    if (!r.reason().equals(failed.put(p, r.reason()))) failure(p, r.reason(), r.reason());
                    if (have != null) requests.add(new RouteRequest.Remove(have));
                }
                case RoutePlan.Outcome.Install i -> {
                    if (i.leftOut().isPresent()) partial.put(p, i.leftOut().get()); else if (!partial.isEmpty()) partial.remove(p);
                    if (have == null) {
                        requests.add(new RouteRequest.Add(i.route()));
                    } else if (!RoutePlan.same(i.route(), have)) {
                        requests.add(new RouteRequest.Replace(i.route()));
                    } else if (!failed.isEmpty()) {
                        failed.remove(p);
                    }
                }
            }
        }
        List<RouteRequest> fallback = new ArrayList<>();
        boolean overrun = false;
        for (int from = 0; from < requests.size(); from += REQUESTS_PER_APPLY) {
            List<RouteRequest> slice = requests.subList(from, Math.min(requests.size(), from + REQUESTS_PER_APPLY));
            BatchOutcome outcome = socket.apply(slice);
            overrun |= outcome.overrun();
            Map<RouteRequest, NetlinkException> refused = new HashMap<>();
            for (Failure f : outcome.failures()) refused.put(f.request(), f.error());
            for (RouteRequest r : slice) settle(r, refused.get(r), fallback);
        }
        if (!fallback.isEmpty()) {
            // A refused replacement leaves the old route, which is no longer what the RIB wants.
            BatchOutcome outcome = socket.apply(fallback);
            overrun |= outcome.overrun();
            Set<RouteRequest> refused = new HashSet<>();
            for (Failure f : outcome.failures()) refused.add(f.request());
            for (RouteRequest r : fallback) if (!refused.contains(r)) installed.remove(r.route().destination());
        }
        if (overrun && mayResync) {
            LOG.log(Level.WARNING, "kernel: replies were lost (ENOBUFS); reading corvid's routes back from the kernel");
            installed.clear();
            installed.putAll(own(socket));
            Set<Prefix> all = new HashSet<>(wanted.keySet());
            all.addAll(installed.keySet());
            apply(all, false);
        }
    }

    /** Records the outcome of one request ({@code error} null: done). */
    private void settle(RouteRequest request, NetlinkException error, List<RouteRequest> fallback) {
        Prefix p = request.route().destination();
        if (error == null) {
            switch (request) {
                case RouteRequest.Add a -> { installed.put(p, a.route()); added++; }
                case RouteRequest.Replace r -> { installed.put(p, r.route()); replaced++; }
                case RouteRequest.Remove _ -> { installed.remove(p); removed++; }
            }
            if (!(request instanceof RouteRequest.Remove) && !failed.isEmpty()) failed.remove(p);
            return;
        }
        switch (request) {
            case RouteRequest.Remove _ -> {
                if (error.errno() == ESRCH) installed.remove(p); else failure(p, error.getMessage(), kind(request, error));
            }
            case RouteRequest.Add a when error.errno() == EEXIST && gone.contains(p) -> {
                installed.put(p, a.route());
                failed.remove(p);
            }
            case RouteRequest.Add a -> {
                String reason = error.errno() == EEXIST
                        ? "another program's route to " + p + " is in table " + a.route().table() + " with metric "
                                + a.route().metric() + "; corvid leaves it alone"
                        : error.getMessage();
                if (!reason.equals(failed.put(p, reason))) {
                    failure(p, reason, error.errno() == EEXIST ? "another program's route is in the way" : kind(request, error));
                }
            }
            case RouteRequest.Replace _ -> {
                if (!error.getMessage().equals(failed.put(p, error.getMessage()))) {
                    failure(p, error.getMessage(), kind(request, error));
                }
                fallback.add(new RouteRequest.Remove(installed.get(p)));
            }
        }
    }

    /** A failure of {@code prefix}; {@code kind} is the message without the route, which the round's log groups by. */
    private void failure(Prefix prefix, String message, String kind) {
        failures++;
        lastError = message;
        lastErrorAt = Instant.now();
        roundFailures.computeIfAbsent(kind, k -> new ArrayList<>()).add(prefix);
    }

    private static String kind(RouteRequest request, NetlinkException error) {
        return error.getMessage().replace(request.route().toString(), "the route");
    }

    /** One warning per kind of failure in a round, not one per route: a missing device fails them all. */
    private void logFailures() {
        for (Map.Entry<String, List<Prefix>> e : roundFailures.entrySet()) {
            List<Prefix> prefixes = e.getValue();
            LOG.log(Level.WARNING, "kernel: " + (prefixes.size() == 1 ? prefixes.getFirst() + " not installed"
                    : prefixes.size() + " routes not installed (" + prefixes.getFirst() + " and others; corvid show"
                            + " kernel lists them)") + ": " + e.getKey());
        }
        roundFailures.clear();
    }

    private void publish() {
        counters = new KernelCounters(installed.size(), added, replaced, removed, failures, failed.size(), lastError,
                lastErrorAt);
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
