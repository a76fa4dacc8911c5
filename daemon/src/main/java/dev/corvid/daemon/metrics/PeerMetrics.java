package dev.corvid.daemon.metrics;

import dev.corvid.codec.Severity;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.daemon.routing.PrefixCounts;
import dev.corvid.fsm.SessionState;
import dev.corvid.fsm.transport.PeerStatus;
import dev.corvid.fsm.transport.PeerStatus.NotificationCode;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DOC: the {@code corvid_peer_*} series (one set per configured peer, label {@code peer}) and the
 * {@code corvid_range_*} series (one set per peer range, label {@code range}, summing its dynamic peers; see the
 * package documentation for why).
 */
final class PeerMetrics {
    /** RFC 7606 outcomes shown, mildest first; session-reset counts the malformed UPDATEs that ended a session. */
    private static final List<Severity> KINDS = List.of(Severity.ATTRIBUTE_DISCARD, Severity.TREAT_AS_WITHDRAW,
            Severity.AFI_SAFI_DISABLE, Severity.SESSION_RESET);

    private static final Comparator<NotificationCode> BY_CODE = Comparator.comparingInt(NotificationCode::code)
            .thenComparingInt(NotificationCode::subcode);

    private final RangeTotals rangeTotals = new RangeTotals();

    /** Adds the series of {@code peers}; {@code counts} (prefix counts) are left out when null (the RIB is stuck). */
    void add(Families f, List<PeerStatus> peers, Map<InetAddress, PrefixCounts> counts, List<Prefix> ranges,
             Instant now) {
        List<PeerStatus> dynamic = new ArrayList<>();
        for (PeerStatus p : peers) {
            if (p.dynamic()) {
                dynamic.add(p);
                continue;
            }
            String peer = p.address().getHostAddress();
            for (SessionState s : SessionState.values()) {
                f.gauge("corvid_peer_state", "1 for the RFC 4271 state the session with the peer is in, 0 for the"
                        + " other five").add(s == p.state() ? 1 : 0, "peer", peer, "state", s.rfcName());
            }
            f.gauge("corvid_peer_established_seconds", "Seconds since the session with the peer reached"
                    + " Established; 0 when it is not Established")
                    .add(p.establishedSince().map(t -> Duration.between(t, now).toMillis() / 1000.0).orElse(0.0),
                            "peer", peer);
            addCounts(f, "peer", peer, SessionCounts.of(p));
            if (counts != null) addPrefixes(f, "peer", peer, counts.getOrDefault(p.address(), PrefixCounts.NONE));
        }
        addRanges(f, dynamic, counts, ranges);
    }

    private void addRanges(Families f, List<PeerStatus> dynamic, Map<InetAddress, PrefixCounts> counts,
                           List<Prefix> ranges) {
        Map<String, SessionCounts> totals = new TreeMap<>(rangeTotals.update(dynamic, ranges));
        Map<String, Map<SessionState, Integer>> states = new HashMap<>();
        Map<String, PrefixCounts> prefixes = new HashMap<>();
        for (PeerStatus p : dynamic) {
            String range = RangeTotals.rangeOf(p.address(), ranges);
            states.computeIfAbsent(range, _ -> new EnumMap<>(SessionState.class)).merge(p.state(), 1, Integer::sum);
            if (counts != null) {
                PrefixCounts c = counts.getOrDefault(p.address(), PrefixCounts.NONE);
                prefixes.merge(range, c, (a, b) -> new PrefixCounts(a.received() + b.received(),
                        a.accepted() + b.accepted(), a.sent() + b.sent()));
            }
        }
        for (Map.Entry<String, SessionCounts> e : totals.entrySet()) {
            String range = e.getKey();
            Map<SessionState, Integer> inState = states.getOrDefault(range, Map.of());
            for (SessionState s : SessionState.values()) {
                f.gauge("corvid_range_peers", "Dynamic peers of the peer range in each RFC 4271 state (a peer whose"
                        + " session ended is forgotten, so Idle is rarely seen)")
                        .add(inState.getOrDefault(s, 0), "range", range, "state", s.rfcName());
            }
            addCounts(f, "range", range, e.getValue());
            if (counts != null) addPrefixes(f, "range", range, prefixes.getOrDefault(range, PrefixCounts.NONE));
        }
    }

    private static void addCounts(Families f, String scope, String label, SessionCounts c) {
        String of = scope.equals("peer") ? " from the peer" : ", summed over the dynamic peers of the range";
        String to = scope.equals("peer") ? " to the peer" : ", summed over the dynamic peers of the range";
        String with = scope.equals("peer") ? " with the peer" : ", summed over the dynamic peers of the range";
        String name = "corvid_" + scope + "_";
        f.counter(name + "established_transitions", "Times the session reached Established" + with)
                .add(c.establishedTransitions(), scope, label);
        f.counter(name + "messages_received", "BGP messages received" + of).add(c.messagesReceived(), scope, label);
        f.counter(name + "messages_sent", "BGP messages sent" + to).add(c.messagesSent(), scope, label);
        f.counter(name + "updates_received", "UPDATE messages received" + of).add(c.updatesReceived(), scope, label);
        f.counter(name + "updates_sent", "UPDATE messages sent" + to).add(c.updatesSent(), scope, label);
        for (Severity kind : KINDS) {
            f.counter(name + "rfc7606_events", "RFC 7606 error handling outcomes of UPDATEs received" + of
                    + ", by kind: one per finding; session-reset counts malformed UPDATEs that ended the session")
                    .add(c.updateErrors().getOrDefault(kind, 0L), scope, label, "kind", kind.label());
        }
        addNotifications(f.counter(name + "notifications_sent", "NOTIFICATION messages sent" + to
                + ", by error code and subcode (RFC 4271 §4.5)"), scope, label, c.notificationsSent());
        addNotifications(f.counter(name + "notifications_received", "NOTIFICATION messages received" + of
                + ", by error code and subcode (RFC 4271 §4.5)"), scope, label, c.notificationsReceived());
    }

    private static void addNotifications(Families.Family family, String scope, String label,
                                         Map<NotificationCode, Long> counts) {
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey(BY_CODE)).forEach(e -> {
            NotificationCode code = e.getKey();
            family.add(e.getValue(), scope, label, "code", Integer.toString(code.code()),
                    "subcode", Integer.toString(code.subcode()),
                    "name", new Notification(code.code(), code.subcode()).description());
        });
    }

    private static void addPrefixes(Families f, String scope, String label, PrefixCounts c) {
        String of = scope.equals("peer") ? "" : ", summed over the dynamic peers of the range";
        String name = "corvid_" + scope + "_";
        f.gauge(name + "prefixes_received", "Paths held in the Adj-RIB-In of the peer, eligible or not" + of)
                .add(c.received(), scope, label);
        f.gauge(name + "prefixes_accepted", "Paths of the Adj-RIB-In the decision process may select" + of)
                .add(c.accepted(), scope, label);
        f.gauge(name + "prefixes_sent", "Prefixes in the Adj-RIB-Out of the peer" + of).add(c.sent(), scope, label);
    }
}
