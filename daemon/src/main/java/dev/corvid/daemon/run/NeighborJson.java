package dev.corvid.daemon.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.message.Open;
import dev.corvid.codec.nlri.Ipv6Text;
import dev.corvid.daemon.routing.PeerRestart;
import dev.corvid.fsm.transport.PeerStatus;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One peer as {@code show neighbors} shows it, with the JSON field names of PRODUCT.md; the prefix counts and the
 * state of a graceful restart come from the RIB thread. {@code uptime_seconds} is the time spent in the current
 * state: for an Established peer, how long the session has been up.
 *
 * <p>{@code graceful_restart} (RFC 4724): {@code negotiated} (both sides announced it on the current or last
 * session), {@code peer_restart_time} (seconds, from the peer's capability; null when not negotiated), {@code state}
 * ({@code restarting}: the peer is away and its routes are kept as stale; {@code waiting-for-end-of-rib}: it is back
 * and some of them still are; {@code none}), {@code seconds_left} until the stale routes go at the latest (null with
 * {@code none}) and {@code stale_paths}.
 */
final class NeighborJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private NeighborJson() {}

    static ObjectNode summary(PeerStatus peer, Optional<PeerRestart> restart, Instant now) {
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
        node.set("graceful_restart", gracefulRestart(peer, restart));
        return node;
    }

    private static ObjectNode gracefulRestart(PeerStatus peer, Optional<PeerRestart> restart) {
        Optional<GracefulRestart> capability = peer.peerGracefulRestart();
        ObjectNode node = JSON.objectNode().put("negotiated", capability.isPresent());
        node.put("peer_restart_time", capability.map(GracefulRestart::restartTime).orElse(null));
        node.put("state", restart.map(PeerRestart::state).orElse("none"));
        node.put("seconds_left", restart.map(PeerRestart::secondsLeft).orElse(null));
        return node.put("stale_paths", restart.map(PeerRestart::stalePaths).orElse(0));
    }

    static ObjectNode detail(PeerStatus peer, Optional<PeerRestart> restart, Instant now) {
        ObjectNode node = summary(peer, restart, now)
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
