package dev.corvid.daemon.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.codec.message.Open;
import dev.corvid.codec.nlri.Ipv6Text;
import dev.corvid.fsm.transport.PeerStatus;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One peer as {@code show neighbors} shows it, with the JSON field names of PRODUCT.md; the prefix counts come
 * from the RIB thread. {@code uptime_seconds} is the time spent in the current state: for an Established peer, how
 * long the session has been up.
 */
final class NeighborJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private NeighborJson() {}

    static ObjectNode summary(PeerStatus peer, Instant now) {
        ObjectNode node = JSON.objectNode()
                .put("address", text(peer.address()))
                .put("asn", peer.peerAs())
                .put("role", peer.role())
                .put("state", peer.state().rfcName())
                .put("uptime_seconds", Math.max(0, Duration.between(peer.stateSince(), now).toSeconds()))
                .put("prefixes_received", 0)
                .put("prefixes_accepted", 0)
                .put("prefixes_sent", 0);
        node.put("last_error", peer.lastError().orElse(null));
        return node;
    }

    static ObjectNode detail(PeerStatus peer, Instant now) {
        ObjectNode node = summary(peer, now)
                .put("dynamic", peer.dynamic())
                .put("state_since", instant(peer.stateSince()));
        node.put("established_since", peer.establishedSince().map(NeighborJson::instant).orElse(null));
        node.put("hold_time", peer.negotiatedHoldTime())
                .put("messages_received", peer.messagesReceived())
                .put("messages_sent", peer.messagesSent())
                .put("updates_received", peer.updatesReceived())
                .put("updates_sent", peer.updatesSent())
                .put("established_transitions", peer.establishedTransitions());
        node.set("peer_open", peer.peerOpen().map(NeighborJson::open).orElse(null));
        return node;
    }

    private static ObjectNode open(Open open) {
        ObjectNode node = JSON.objectNode()
                .put("asn", open.asn())
                .put("hold_time", open.holdTime())
                .put("router_id", open.bgpIdentifier().getHostAddress());
        ArrayNode capabilities = node.putArray("capabilities");
        open.capabilities().forEach(c -> capabilities.add(CapabilityNames.name(c)));
        return node;
    }

    /** An instant in ISO 8601 UTC, to the millisecond (nanoseconds are noise to an operator). */
    static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** An address as operators write it: IPv6 in the RFC 5952 compressed form. */
    static String text(InetAddress address) {
        return address instanceof Inet6Address v6 ? Ipv6Text.format(v6.getAddress()) : address.getHostAddress();
    }
}
