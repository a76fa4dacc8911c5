package dev.corvid.bench.kernel;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.netlink.BatchOutcome;
import dev.corvid.netlink.KernelRoute;
import dev.corvid.netlink.NextHop;
import dev.corvid.netlink.RouteRequest;
import dev.corvid.netlink.RtNetlink;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * How fast corvid's {@link RtNetlink#apply} installs, replaces and removes routes in a network namespace
 * ({@code bench/kernel-install.sh} creates it, with a device on 10.0.0.1/24):
 *
 * <pre>KernelInstall NETNS_PATH ROUTES [GATEWAY NEW_GATEWAY PROTOCOL]</pre>
 *
 * ROUTES /32s from 10.1.0.0 up, in the main table with protocol PROTOCOL (201): added via GATEWAY (10.0.0.2), replaced
 * via NEW_GATEWAY (10.0.0.3), removed; a dump after each step checks the count. Before that, a warm-up of 20,000
 * routes in 10.200.0.0/16 (added and removed) lets the JIT compile the encoder. Prints one {@code RESULT} line of
 * key=value pairs for the script.
 */
public final class KernelInstall {
    private static final int WARM_UP = 20_000;

    private KernelInstall() {}

    public static void main(String[] args) {
        if (args.length != 2 && args.length != 5) {
            System.err.println("usage: KernelInstall NETNS_PATH ROUTES [GATEWAY NEW_GATEWAY PROTOCOL]");
            System.exit(2);
        }
        String netns = args[0];
        int n = Integer.parseInt(args[1]);
        InetAddress gateway = InetAddress.ofLiteral(args.length == 5 ? args[2] : "10.0.0.2");
        InetAddress newGateway = InetAddress.ofLiteral(args.length == 5 ? args[3] : "10.0.0.3");
        int protocol = args.length == 5 ? Integer.parseInt(args[4]) : 201;

        try (RtNetlink nl = RtNetlink.openIn(netns)) {
            List<KernelRoute> warm = hosts(0x0AC8_0000, WARM_UP, gateway, protocol);
            check("warm-up add", nl.apply(requests(warm, RouteRequest.Add::new)));
            check("warm-up remove", nl.apply(requests(warm, RouteRequest.Remove::new)));

            List<KernelRoute> routes = hosts(0x0A01_0000, n, gateway, protocol);
            List<KernelRoute> replaced = hosts(0x0A01_0000, n, newGateway, protocol);
            double install = timed("install", nl, requests(routes, RouteRequest.Add::new));
            long t0 = System.nanoTime();
            long held = count(nl, protocol);
            double dump = (System.nanoTime() - t0) / 1e9;
            double replace = timed("replace", nl, requests(replaced, RouteRequest.Replace::new));
            double remove = timed("remove", nl, requests(replaced, RouteRequest.Remove::new));
            long left = count(nl, protocol);
            System.out.printf("RESULT routes=%d install_s=%.3f install_rps=%.0f replace_s=%.3f replace_rps=%.0f "
                            + "remove_s=%.3f remove_rps=%.0f dump_s=%.3f held_after_install=%d held_after_remove=%d%n",
                    n, install, n / install, replace, n / replace, remove, n / remove, dump, held, left);
        }
    }

    /** {@code n} /32s from {@code first} up via {@code gateway}: one next-hop list shared by all. */
    private static List<KernelRoute> hosts(int first, int n, InetAddress gateway, int protocol) {
        List<NextHop> hop = List.of(NextHop.via(gateway));
        return IntStream.range(0, n).mapToObj(i -> KernelRoute.unicast(new Ipv4Prefix(first + i, 32), hop,
                KernelRoute.MAIN_TABLE, protocol, 0, 0)).toList();
    }

    private static List<RouteRequest> requests(List<KernelRoute> routes, Function<KernelRoute, RouteRequest> kind) {
        return routes.stream().map(kind).toList();
    }

    private static double timed(String what, RtNetlink nl, List<RouteRequest> requests) {
        long t0 = System.nanoTime();
        BatchOutcome outcome = nl.apply(requests);
        double seconds = (System.nanoTime() - t0) / 1e9;
        check(what, outcome);
        System.err.printf("[kernel-install] corvid %s of %d routes: %.3f s, %.0f routes/s%n", what, requests.size(),
                seconds, requests.size() / seconds);
        return seconds;
    }

    private static void check(String what, BatchOutcome outcome) {
        if (outcome.overrun()) throw new IllegalStateException(what + ": replies were lost (ENOBUFS)");
        if (!outcome.failures().isEmpty()) {
            throw new IllegalStateException(what + ": " + outcome.failures().size() + " requests refused, the first: "
                    + outcome.failures().getFirst().error().getMessage());
        }
    }

    private static long count(RtNetlink nl, int protocol) {
        return nl.routes(true).stream().filter(r -> r.protocol() == protocol).count();
    }
}
