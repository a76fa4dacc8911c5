package dev.corvid.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code corvid show neighbors [ADDRESS]}: one line per peer (address, AS, role, state, time in that state,
 * prefixes received/accepted/sent, last error), or one peer in detail. A peer that is away in an RFC 4724 graceful
 * restart, its routes kept, shows as {@code Idle (restarting)} (or whichever state its session is in).
 */
@Command(name = "neighbors", aliases = "neighbor", mixinStandardHelpOptions = true,
        description = "Show the BGP peers, one line each, or one peer in detail.")
public final class ShowNeighborsCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "ADDRESS", description = "show this peer in detail")
    String address;

    @Mixin
    DaemonRequest daemon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ObjectNode request = DaemonRequest.request("show-neighbors");
        if (address != null) {
            request.put("address", address);
            return daemon.run(spec, request, ShowNeighborsCommand::detail);
        }
        return daemon.run(spec, request, ShowNeighborsCommand::table);
    }

    static String table(JsonNode neighbors) {
        if (neighbors.isEmpty()) return "no neighbors: the configuration has no peers, and no peer range has connected\n";
        TextTable table = new TextTable("ADDRESS", "AS>", "ROLE", "STATE", "UPTIME>", "RECEIVED>", "ACCEPTED>", "SENT>",
                "LAST ERROR");
        for (JsonNode n : neighbors) {
            table.add(n.path("address").asText(), n.path("asn").asText(), n.path("role").asText(),
                    state(n), TextTable.duration(n.path("uptime_seconds").asLong()),
                    n.path("prefixes_received").asText(), n.path("prefixes_accepted").asText(),
                    n.path("prefixes_sent").asText(), n.path("last_error").asText(""));
        }
        return table.render();
    }

    /** The RFC name of the state, and whether the peer is restarting with its routes kept. */
    private static String state(JsonNode n) {
        boolean restarting = "restarting".equals(n.path("graceful_restart").path("state").asText());
        return n.path("state").asText() + (restarting ? " (restarting)" : "");
    }

    /** RFC 4724: whether it was negotiated, and where a restart of the peer stands. */
    private static void gracefulRestart(TextTable t, JsonNode gr) {
        // "restart", not "graceful restart": the key column stays as wide as before.
        if (!gr.path("negotiated").asBoolean()) {
            t.add("restart", "graceful restart not negotiated");
        } else {
            t.add("restart", "graceful restart negotiated, the peer's restart time "
                    + gr.path("peer_restart_time").asText() + " s");
        }
        String stale = gr.path("stale_paths").asText() + " stale paths";
        String left = gr.path("seconds_left").asText() + " s";
        switch (gr.path("state").asText()) {
            case "restarting" -> t.add("", "restarting: the peer is away; its " + stale + " are kept for " + left
                    + " more at most");
            case "waiting-for-end-of-rib" -> t.add("", "back from a restart: " + stale + " left until its End-of-RIB"
                    + " (" + left + " more at most)");
            default -> { }
        }
    }

    static String detail(JsonNode n) {
        TextTable t = TextTable.keyValue();
        t.add("AS", n.path("asn").asText());
        t.add("role", n.path("role").asText() + (n.path("dynamic").asBoolean() ? " (dynamic, from a peer range)" : ""));
        t.add("state", state(n) + " for " + TextTable.duration(n.path("uptime_seconds").asLong())
                + " (since " + n.path("state_since").asText() + ")");
        t.add("last error", n.path("last_error").asText("none"));
        t.add("hold time", n.path("hold_time").asInt() == 0 && !"Established".equals(n.path("state").asText())
                ? "not negotiated" : n.path("hold_time").asText() + " s");
        long established = n.path("established_transitions").asLong();
        t.add("established", established + (established == 1 ? " time" : " times"));
        t.add("messages", n.path("messages_received").asText() + " received, " + n.path("messages_sent").asText() + " sent");
        t.add("updates", n.path("updates_received").asText() + " received, " + n.path("updates_sent").asText() + " sent");
        t.add("prefixes", n.path("prefixes_received").asText() + " received, " + n.path("prefixes_accepted").asText()
                + " accepted, " + n.path("prefixes_sent").asText() + " sent");
        gracefulRestart(t, n.path("graceful_restart"));
        JsonNode open = n.path("peer_open");
        if (open.isObject()) {
            t.add("peer OPEN", "AS " + open.path("asn").asText() + ", hold time " + open.path("hold_time").asText()
                    + " s, router id " + open.path("router_id").asText());
            List<String> capabilities = new ArrayList<>();
            open.path("capabilities").forEach(c -> capabilities.add(c.asText()));
            for (int i = 0; i < capabilities.size(); i++) t.add(i == 0 ? "capabilities" : "", capabilities.get(i));
        } else {
            t.add("peer OPEN", "none received yet");
        }
        StringBuilder out = new StringBuilder("neighbor " + n.path("address").asText() + "\n");
        t.render().lines().forEach(l -> out.append("  ").append(l).append('\n'));
        return out.toString();
    }
}
