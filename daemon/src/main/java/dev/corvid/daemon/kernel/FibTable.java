package dev.corvid.daemon.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.KernelConfig;
import dev.corvid.daemon.routing.FibRoute;
import dev.corvid.netlink.BatchOutcome;
import dev.corvid.netlink.Failure;
import dev.corvid.netlink.KernelRoute;
import dev.corvid.netlink.NetlinkException;
import dev.corvid.netlink.RouteRequest;
import dev.corvid.netlink.RtNetlink;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DOC: corvid's routes in the kernel, as the {@link KernelSync} thread keeps them: what the Loc-RIB wants per
 * prefix, what is installed, what failed and why, and the requests that bring the kernel in line ({@link #apply}):
 * an add for a new route ({@code NLM_F_EXCL}: another program's route stays), a replace for a changed one, a
 * removal for one no longer wanted. Owned by the kernel thread.
 */
final class FibTable {
    private static final System.Logger LOG = System.getLogger("corvid.kernel");
    /** Requests handed to one {@link RtNetlink#apply} call. */
    private static final int REQUESTS_PER_APPLY = 50_000;
    /** errno: no such route (it is gone already), and the route exists (another program's, for an add). */
    private static final int ESRCH = 3, EEXIST = 17;

    private final KernelConfig config;
    private final RoutePlan plan;
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
    private long added, replaced, removed, failures;
    private String lastError = "";
    private Instant lastErrorAt;
    private final Map<String, List<Prefix>> roundFailures = new LinkedHashMap<>();

    FibTable(KernelConfig config) {
        this.config = config;
        this.plan = new RoutePlan(config);
    }

    /** corvid's routes found in the kernel at the start: kept until the RIB speaks about them or is synced. */
    int adopt(Map<Prefix, KernelRoute> own) {
        installed.putAll(own);
        adopted.addAll(own.keySet());
        return adopted.size();
    }

    /** What the kernel holds of corvid's, read again (after lost events or replies). */
    void reload(Map<Prefix, KernelRoute> own) {
        installed.clear();
        installed.putAll(own);
    }

    /** The Loc-RIB's wish for one prefix; the prefix goes to {@code touched}. */
    void want(FibRoute route, Set<Prefix> touched) {
        if (route.nextHops().isEmpty()) wanted.remove(route.prefix()); else wanted.put(route.prefix(), route.nextHops());
        if (!adopted.isEmpty()) adopted.remove(route.prefix());
        touched.add(route.prefix());
    }

    /** Every prefix corvid wants, holds or failed: what a full pass looks at. */
    Set<Prefix> all() {
        Set<Prefix> all = new HashSet<>(wanted.keySet());
        all.addAll(installed.keySet());
        all.addAll(failed.keySet());
        return all;
    }

    /** The prefixes that failed: retried when a device, an address or a route in the way changes. */
    Set<Prefix> failing() {
        return failed.keySet();
    }

    /** A route left corvid's table: someone else removed corvid's (it is put back), or one in its way went. */
    void gone(KernelRoute route, Set<Prefix> touched) {
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

    /**
     * Brings the routes to {@code prefixes} in line with what is wanted, through {@code socket}, as {@code interfaces}
     * decide the encapsulation; before {@code synced}, a route adopted from before the start stays until the RIB
     * speaks about it.
     *
     * @return true when replies were lost (ENOBUFS): the outcome of some requests is unknown
     */
    boolean apply(Set<Prefix> prefixes, RtNetlink socket, Interfaces interfaces, boolean synced) {
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
                    if (!partial.isEmpty()) partial.remove(p);
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
        return overrun;
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

    /** {@code p} is neither failing nor partly installed (the maps are empty nearly always: no lookup then). */
    private void forget(Prefix p) {
        if (!failed.isEmpty()) failed.remove(p);
        if (!partial.isEmpty()) partial.remove(p);
    }

    /** The end of a round: adopted routes are settled once synced, late removal reports forgotten, failures logged. */
    void roundDone(boolean synced) {
        if (synced && !adopted.isEmpty()) adopted.clear();
        gone.clear();
        logFailures();
    }

    KernelCounters counters() {
        return new KernelCounters(installed.size(), added, replaced, removed, failures, failed.size(), lastError,
                lastErrorAt);
    }

    /** {@code show kernel}. */
    JsonNode json(boolean synced, Interfaces interfaces) {
        return KernelJson.of(config, synced, counters(), installed, failed, partial, interfaces);
    }
}
