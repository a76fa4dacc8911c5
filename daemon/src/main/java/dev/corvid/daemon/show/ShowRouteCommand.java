package dev.corvid.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.Afi;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.daemon.routing.RouteQuery;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code corvid show route [PREFIX] [--table adj-in|loc|adj-out] [--peer ADDRESS] [--family ipv4|ipv6]}. */
@Command(name = "route", mixinStandardHelpOptions = true,
        description = "Show routes with all their attributes; the best path is marked, with why it won.")
public final class ShowRouteCommand implements Callable<Integer> {
    @Mixin
    DaemonRequest daemon;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PREFIX", description = "only this prefix, e.g. 10.244.1.0/26")
    String prefix;

    @Option(names = "--table", paramLabel = "TABLE", defaultValue = "loc",
            description = "adj-in (as received), loc (selected, the default) or adj-out (as sent)")
    String table;

    @Option(names = "--peer", paramLabel = "ADDRESS", description = "only paths from (adj-out: sent to) this peer")
    String peer;

    @Option(names = "--family", paramLabel = "FAMILY", description = "ipv4 or ipv6")
    String family;

    @Override
    public Integer call() {
        RouteQuery query;
        try {
            query = RouteQuery.of(DaemonRequest.JSON.createObjectNode()
                    .put("prefix", prefix).put("table", table).put("peer", peer).put("family", family));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return daemon.run(spec, query.writeTo(DaemonRequest.request("show-route")), ShowRouteCommand::text);
    }

    /** One block per prefix; one line per path, the best marked {@code *}, a path kept through a restart "stale". */
    static String text(JsonNode routes) {
        if (routes.isEmpty()) return "no routes\n";
        StringBuilder out = new StringBuilder();
        for (JsonNode route : routes) {
            out.append(route.path("prefix").asText()).append('\n');
            for (JsonNode p : route.path("paths")) {
                List<String> parts = new ArrayList<>();
                parts.add((p.path("best").asBoolean() ? "  * " : "    ") + "from " + p.path("from").asText());
                if (p.hasNonNull("to")) parts.add("to " + p.path("to").asText());
                // RFC 4724 §4.2: kept from the peer's previous session while it restarts.
                if (p.path("stale").asBoolean()) parts.add("stale");
                parts.add("next-hop " + p.path("next_hop").asText());
                parts.add("as-path " + (p.path("as_path").isEmpty() ? "(empty)" : join(p.path("as_path"))));
                parts.add("origin " + p.path("origin").asText());
                if (p.hasNonNull("local_pref")) parts.add("local-pref " + p.path("local_pref").asText());
                if (p.hasNonNull("med")) parts.add("med " + p.path("med").asText());
                for (String list : List.of("communities", "large_communities", "extended_communities", "cluster_list")) {
                    if (!p.path(list).isEmpty()) parts.add(list.replace('_', '-') + " " + join(p.path(list)));
                }
                if (p.hasNonNull("originator_id")) parts.add("originator-id " + p.path("originator_id").asText());
                String reason = p.path("reason").asText();
                out.append(String.join("  ", parts)).append(reason.isEmpty() ? "" : "  (" + reason + ")").append('\n');
            }
        }
        return out.toString();
    }

    private static String join(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(n -> items.add(n.isArray() ? "{" + join(n).replace(' ', ',') + "}" : n.asText()));
        return String.join(" ", items);
    }
}
