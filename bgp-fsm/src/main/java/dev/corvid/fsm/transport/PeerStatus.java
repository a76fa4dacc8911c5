package dev.corvid.fsm.transport;

import dev.corvid.codec.Severity;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.message.Open;
import dev.corvid.fsm.SessionState;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one peer for {@code show neighbors} and the metrics. The counters start at 0 when the peer is
 * configured (or, for a dynamic peer, when its first connection is accepted) and never go down.
 *
 * @param dynamic                true for a peer accepted through a {@link RangeSettings}
 * @param lastError              the last error sent or received, as a sentence
 * @param establishedTransitions how many times the session reached Established
 * @param negotiatedHoldTime     the hold time in use while Established, 0 otherwise
 * @param peerOpen               the peer's OPEN of the current (or last) session
 * @param errors                 RFC 7606 outcomes and NOTIFICATIONs, counted
 * @param gracefulRestart        we announce Graceful Restart (RFC 4724) to this peer; with a Graceful Restart
 *                               capability in {@code peerOpen} it was negotiated ({@link #peerGracefulRestart})
 */
public record PeerStatus(InetAddress address, long peerAs, String role, boolean dynamic, SessionState state,
                         Instant stateSince, Optional<Instant> establishedSince, Optional<String> lastError,
                         long messagesReceived, long messagesSent, long updatesReceived, long updatesSent,
                         int establishedTransitions, int negotiatedHoldTime, Optional<Open> peerOpen,
                         ErrorCounts errors, boolean gracefulRestart) {

    /**
     * RFC 4724: the peer's Graceful Restart capability (its Restart Time, the families it preserves) when both sides
     * announced it on the current (or last) session; empty when it was not negotiated.
     */
    public Optional<GracefulRestart> peerGracefulRestart() {
        if (!gracefulRestart) return Optional.empty();
        return peerOpen.flatMap(o -> o.capabilities().stream().filter(GracefulRestart.class::isInstance)
                .map(GracefulRestart.class::cast).findFirst());
    }

    /** A NOTIFICATION's error code and subcode (RFC 4271 §4.5), the key its count is kept under. */
    public record NotificationCode(int code, int subcode) {}

    /**
     * The errors of a peer's sessions, counted.
     *
     * @param updateErrors          RFC 7606 outcomes of received UPDATEs by {@link Severity}, one per finding:
     *                              attribute-discard, treat-as-withdraw and AFI/SAFI-disable from the findings that
     *                              kept the session, session-reset for each malformed UPDATE that ended it
     * @param notificationsSent     NOTIFICATIONs we sent, including the routine Cease of a collision's loser
     * @param notificationsReceived NOTIFICATIONs the peer sent
     */
    public record ErrorCounts(Map<Severity, Long> updateErrors, Map<NotificationCode, Long> notificationsSent,
                              Map<NotificationCode, Long> notificationsReceived) {
        public static final ErrorCounts NONE = new ErrorCounts(Map.of(), Map.of(), Map.of());

        public ErrorCounts {
            updateErrors = Map.copyOf(updateErrors);
            notificationsSent = Map.copyOf(notificationsSent);
            notificationsReceived = Map.copyOf(notificationsReceived);
        }
    }
}
