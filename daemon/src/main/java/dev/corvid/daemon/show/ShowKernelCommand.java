package dev.corvid.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code corvid show kernel}: the routes corvid has installed in the kernel, and those it could not install. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Show the routes corvid has installed in the kernel (and those it could not install, with why).")
public final class ShowKernelCommand implements Callable<Integer> {
    @Mixin
    DaemonRequest daemon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return daemon.run(spec, DaemonRequest.request("show-kernel"), ShowKernelCommand::text);
    }

    /** A summary line, the counters, then one line per route: prefix, next hops, MTU, state. */
    static String text(JsonNode k) {
        JsonNode c = k.path("counters");
        StringBuilder out = new StringBuilder();
        out.append("table ").append(k.path("table").asText()).append(", proto ").append(k.path("protocol").asText())
                .append(", metric ").append(k.path("metric").asText()).append(", encapsulation ")
                .append(k.path("encapsulation").asText());
        if (!"none".equals(k.path("encapsulation").asText())) out.append(" (").append(k.path("tunnel_device").asText()).append(')');
        out.append(k.path("synced").asBoolean() ? "" : ", reconciling (routes from before the start are kept until"
                + " the peers' tables are in)").append('\n');
        out.append(c.path("installed").asLong()).append(" installed, ").append(c.path("failing").asLong())
                .append(" failing; since the start ").append(c.path("added").asLong()).append(" added, ")
                .append(c.path("replaced").asLong()).append(" replaced, ").append(c.path("removed").asLong())
                .append(" removed, ").append(c.path("failures").asLong()).append(" failures\n");
        if (!c.path("last_error").asText().isEmpty()) {
            out.append("last error: ").append(c.path("last_error").asText()).append(" (")
                    .append(c.path("last_error_at").asText()).append(")\n");
        }
        if (k.path("routes").isEmpty()) return out.append("no routes\n").toString();
        TextTable table = new TextTable("PREFIX", "NEXT HOP", "MTU>", "STATE");
        for (JsonNode r : k.path("routes")) {
            List<String> hops = new ArrayList<>();
            for (JsonNode h : r.path("next_hops")) {
                String hop = "via " + h.path("gateway").asText();
                if (h.hasNonNull("device")) hop += " dev " + h.path("device").asText();
                if (h.path("onlink").asBoolean()) hop += " onlink";
                hops.add(hop);
            }
            String note = r.hasNonNull("error") ? r.path("error").asText() : r.path("warning").asText("");
            String state = r.path("state").asText() + (note.isEmpty() ? "" : ": " + note);
            table.add(r.path("prefix").asText(), hops.isEmpty() ? "-" : String.join(", ", hops),
                    r.path("mtu").asInt() == 0 ? "-" : r.path("mtu").asText(), state);
        }
        return out.append(table.render()).toString();
    }
}
