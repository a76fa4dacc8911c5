package dev.corvid.daemon.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.KernelConfig;
import dev.corvid.netlink.KernelRoute;
import dev.corvid.netlink.NextHop;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code show kernel --json}: the settings, the counters, and one entry per prefix corvid has installed or could not
 * install, in prefix order — {@code prefix}, {@code state} ({@code installed} or {@code failed}), {@code next_hops}
 * (each {@code gateway}, {@code device}, {@code onlink}), {@code mtu}, {@code error} for a failed one, and
 * {@code warning} for an installed one that lacks next hops of its ECMP set.
 */
final class KernelJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private KernelJson() {}

    static JsonNode of(KernelConfig config, boolean synced, KernelCounters c, Map<Prefix, KernelRoute> installed,
                       Map<Prefix, String> failed, Map<Prefix, String> partial, Interfaces interfaces) {
        ObjectNode node = JSON.objectNode()
                .put("table", config.table()).put("protocol", config.protocol()).put("metric", config.metric())
                .put("encapsulation", config.encapsulation().label()).put("tunnel_device", config.tunnelDevice())
                .put("synced", synced);
        node.putObject("counters").put("installed", c.installed()).put("added", c.added())
                .put("replaced", c.replaced()).put("removed", c.removed()).put("failures", c.failures())
                .put("failing", c.failing()).put("last_error", c.lastError())
                .put("last_error_at", c.lastErrorAt() == null ? null : c.lastErrorAt().toString());
        ArrayNode routes = node.putArray("routes");
        TreeSet<Prefix> prefixes = new TreeSet<>(installed.keySet());
        prefixes.addAll(failed.keySet());
        for (Prefix p : prefixes) {
            ObjectNode r = routes.addObject().put("prefix", p.toString());
            KernelRoute route = installed.get(p);
            r.put("state", failed.containsKey(p) ? "failed" : "installed");
            ArrayNode hops = r.putArray("next_hops");
            if (route != null) {
                for (NextHop h : route.nextHops()) {
                    ObjectNode hop = hops.addObject();
                    hop.put("gateway", h.gateway().map(g -> g.getHostAddress()).orElse(null));
                    hop.put("device", h.device().isPresent() ? interfaces.deviceName(h.device().getAsInt()) : null);
                    hop.put("onlink", h.onlink());
                }
                r.put("mtu", route.mtu());
            }
            if (failed.containsKey(p)) r.put("error", failed.get(p));
            else if (partial.containsKey(p)) r.put("warning", partial.get(p));
        }
        return node;
    }
}
