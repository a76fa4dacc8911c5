package dev.corvid.daemon.metrics;

import dev.corvid.codec.Severity;
import dev.corvid.fsm.transport.PeerStatus;
import dev.corvid.fsm.transport.PeerStatus.NotificationCode;
import java.util.HashMap;
import java.util.Map;

/**
 * The monotonic counters of one peer (from its {@link PeerStatus}), or their sum over the dynamic peers of a range.
 */
record SessionCounts(long messagesReceived, long messagesSent, long updatesReceived, long updatesSent,
                     long establishedTransitions, Map<Severity, Long> updateErrors,
                     Map<NotificationCode, Long> notificationsSent, Map<NotificationCode, Long> notificationsReceived) {
    static final SessionCounts ZERO = new SessionCounts(0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of());

    SessionCounts {
        updateErrors = Map.copyOf(updateErrors);
        notificationsSent = Map.copyOf(notificationsSent);
        notificationsReceived = Map.copyOf(notificationsReceived);
    }

    static SessionCounts of(PeerStatus p) {
        return new SessionCounts(p.messagesReceived(), p.messagesSent(), p.updatesReceived(), p.updatesSent(),
                p.establishedTransitions(), p.errors().updateErrors(), p.errors().notificationsSent(),
                p.errors().notificationsReceived());
    }

    SessionCounts plus(SessionCounts o) {
        return new SessionCounts(messagesReceived + o.messagesReceived, messagesSent + o.messagesSent,
                updatesReceived + o.updatesReceived, updatesSent + o.updatesSent,
                establishedTransitions + o.establishedTransitions, sum(updateErrors, o.updateErrors),
                sum(notificationsSent, o.notificationsSent), sum(notificationsReceived, o.notificationsReceived));
    }

    /**
     * True when a counter is lower than in {@code earlier}: the peer these counts come from is a new one at the same
     * address (a dynamic peer is forgotten when its session ends and starts from zero when it comes back). Every
     * counter is compared, so a sum that goes on from {@code earlier} when this is false never goes down.
     */
    boolean restartedSince(SessionCounts earlier) {
        return messagesReceived < earlier.messagesReceived || messagesSent < earlier.messagesSent
                || updatesReceived < earlier.updatesReceived || updatesSent < earlier.updatesSent
                || establishedTransitions < earlier.establishedTransitions
                || lower(updateErrors, earlier.updateErrors) || lower(notificationsSent, earlier.notificationsSent)
                || lower(notificationsReceived, earlier.notificationsReceived);
    }

    private static <K> boolean lower(Map<K, Long> now, Map<K, Long> before) {
        for (Map.Entry<K, Long> e : before.entrySet()) {
            if (now.getOrDefault(e.getKey(), 0L) < e.getValue()) return true;
        }
        return false;
    }

    private static <K> Map<K, Long> sum(Map<K, Long> a, Map<K, Long> b) {
        if (b.isEmpty()) return a;
        if (a.isEmpty()) return b;
        Map<K, Long> s = new HashMap<>(a);
        b.forEach((k, v) -> s.merge(k, v, Long::sum));
        return s;
    }
}
