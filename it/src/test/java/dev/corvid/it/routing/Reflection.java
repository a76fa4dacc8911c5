package dev.corvid.it.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import dev.corvid.it.lab.Host;

/**
 * What one route reflector and its clients must report, in the shape of {@link PathsSeen#described} (with the best
 * path marked: every prefix has one path, which must be chosen) by host name.
 * RFC 4456 §8: the reflector sets ORIGINATOR_ID to the originating client's router id (the lab uses a host's IPv4
 * address) and prepends its CLUSTER_ID to the CLUSTER_LIST; §10: the next hop is left as the client set it. A route
 * the reflector originates itself is not reflected: it reaches the clients as a plain iBGP route with the reflector as
 * next hop.
 */
final class Reflection {

    private Reflection() {
    }

    /** IPv4: every block of {@code blocks} (client → its block), the reflector originating none. */
    static Map<String, Map<String, List<String>>> expected(Host reflector, String clusterId, Map<Host, String> blocks) {
        return expected(reflector, Optional.empty(), clusterId, blocks, Host::ipv4);
    }

    /**
     * The reflector holds its own block (if any) as self and each client's block once, from that client; each client
     * holds its own block as self, the reflector's from the reflector, and every other client's reflected.
     * {@code nextHop} gives a host's next hop in the family of the blocks.
     */
    static Map<String, Map<String, List<String>>> expected(Host reflector, Optional<String> reflectorBlock,
            String clusterId, Map<Host, String> blocks, Function<Host, String> nextHop) {
        Map<String, Map<String, List<String>>> expected = new LinkedHashMap<>();
        Map<String, List<String>> atReflector = new TreeMap<>();
        reflectorBlock.ifPresent(block -> atReflector.put(block, List.of(PathsSeen.SELF)));
        blocks.forEach((client, block) -> atReflector.put(block, List.of(path(client, nextHop.apply(client), "-",
                List.of()))));
        expected.put(reflector.name(), atReflector);
        blocks.forEach((client, own) -> {
            Map<String, List<String>> held = new TreeMap<>();
            held.put(own, List.of(PathsSeen.SELF));
            reflectorBlock.ifPresent(block -> held.put(block, List.of(path(reflector, nextHop.apply(reflector), "-",
                    List.of()))));
            blocks.forEach((origin, block) -> {
                if (origin != client) {
                    held.put(block, List.of(path(reflector, nextHop.apply(origin), origin.ipv4(), List.of(clusterId))));
                }
            });
            expected.put(client.name(), held);
        });
        return expected;
    }

    private static String path(Host from, String nextHop, String originatorId, List<String> clusterList) {
        return new PathsSeen.Seen("", from.name(), nextHop, originatorId, clusterList, true).describe(true);
    }
}
