package dev.corvid.it.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.corvid.it.lab.Command;
import dev.corvid.it.lab.Host;

/**
 * The IPv4 routes of one protocol in a lab host's main table, as {@code ip -n NS -j route show proto P} prints them
 * (man 8 ip-route; iproute2 6.1 JSON: {@code dst} without {@code /32} for a host route, {@code gateway}, {@code dev},
 * {@code metric}, {@code flags} holding {@code onlink}, {@code metrics [{mtu}]}; {@code protocol} is left out because
 * the filter names it). corvid's routes are {@code proto 201} by default.
 *
 * @param routes prefix → the route, in the kernel's order
 */
record KernelTable(Map<String, Route> routes) {

    /** corvid's default {@code kernel.protocol}. */
    static final int CORVID = 201;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(20);

    KernelTable {
        routes = Map.copyOf(routes);
    }

    /** One single-path route: {@code via gateway dev device [onlink] metric M [mtu N]} (mtu 0: none). */
    record Route(String prefix, String gateway, String device, boolean onlink, int metric, int mtu) {
        @Override
        public String toString() {
            return prefix + " via " + gateway + " dev " + device + (onlink ? " onlink" : "") + " metric " + metric
                    + (mtu == 0 ? "" : " mtu " + mtu);
        }
    }

    /** corvid's routes in {@code host}'s main table. */
    static KernelTable of(Host host) {
        return of(host, "proto", Integer.toString(CORVID));
    }

    /** {@code ip -j route show SELECTORS} in {@code host} (e.g. {@code "10.240.9.0/24"}), any protocol. */
    static KernelTable of(Host host, String... selectors) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", host.namespace(), "-j", "route", "show"));
        argv.addAll(List.of(selectors));
        Command.Result result = Command.of(argv).run().orThrow();
        Map<String, Route> routes = new LinkedHashMap<>();
        try {
            JsonNode list = result.output().isBlank() ? JSON.createArrayNode() : JSON.readTree(result.output());
            for (JsonNode r : list) {
                String dst = r.path("dst").asText();
                String prefix = dst.contains("/") ? dst : dst + "/32";
                boolean onlink = false;
                for (JsonNode flag : r.path("flags")) onlink |= "onlink".equals(flag.asText());
                int mtu = 0;
                for (JsonNode metric : r.path("metrics")) mtu = metric.path("mtu").asInt(mtu);
                routes.put(prefix, new Route(prefix, r.path("gateway").asText(""),
                        r.path("dev").asText(""), onlink, r.path("metric").asInt(0), mtu));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("'" + String.join(" ", argv) + "' did not print JSON: "
                    + e.getOriginalMessage() + "\n" + result.output(), e);
        }
        return new KernelTable(routes);
    }

    Optional<Route> route(String prefix) {
        return Optional.ofNullable(routes.get(prefix));
    }

    /** How many of {@code prefixes} the table holds. */
    long count(Iterable<String> prefixes) {
        long n = 0;
        for (String p : prefixes) if (routes.containsKey(p)) n++;
        return n;
    }

    /**
     * Polls corvid's routes in {@code host} every 20 ms (finer than {@link dev.corvid.it.lab.Await}, so the time it
     * returns measures how long the kernel took) until {@code condition} holds; fails after {@code timeout} with the
     * last table seen.
     *
     * @return the time from the call until the condition held
     */
    static Duration await(Host host, Duration timeout, String what, Predicate<KernelTable> condition) {
        long start = System.nanoTime();
        KernelTable last;
        while (true) {
            last = of(host);
            if (condition.test(last)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + " in the kernel of "
                        + host.name() + "; it holds " + last.routes().size() + " routes of proto " + CORVID
                        + (last.routes().size() <= 20 ? ": " + last.routes().values() : ""));
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
