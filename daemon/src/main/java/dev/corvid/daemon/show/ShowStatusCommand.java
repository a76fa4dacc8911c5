package dev.corvid.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code corvid show status}: router id, AS, uptime, version, and how many peers are in which state. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the daemon's router id, AS, uptime, version and counts of peers and routes.")
public final class ShowStatusCommand implements Callable<Integer> {
    @Mixin
    DaemonRequest daemon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return daemon.run(spec, DaemonRequest.request("show-status"), ShowStatusCommand::text);
    }

    static String text(JsonNode status) {
        List<String> states = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : status.path("peers_by_state").properties()) {
            if (e.getValue().asLong() > 0) states.add(e.getValue().asLong() + " " + e.getKey());
        }
        TextTable table = TextTable.keyValue();
        table.add("version", "corvid " + status.path("version").asText());
        table.add("router id", status.path("router_id").asText());
        table.add("AS", status.path("asn").asText());
        table.add("uptime", TextTable.duration(status.path("uptime_seconds").asLong())
                + " (since " + status.path("started_at").asText() + ")");
        table.add("listening", status.path("listen").isEmpty() ? "nothing (only connecting out)"
                : String.join(", ", strings(status.path("listen"))));
        table.add("peers", status.path("peers").asLong()
                + (states.isEmpty() ? "" : " (" + String.join(", ", states) + ")")
                + ", " + status.path("peer_ranges").asLong() + " peer range" + (status.path("peer_ranges").asLong() == 1 ? "" : "s"));
        table.add("established", status.path("peers_established").asText());
        table.add("routes", status.path("routes").asText());
        return table.render();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
