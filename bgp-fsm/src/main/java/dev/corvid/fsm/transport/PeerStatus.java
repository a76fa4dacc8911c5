package dev.corvid.fsm.transport;

import dev.corvid.codec.message.Open;
import dev.corvid.fsm.SessionState;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one peer for {@code show neighbors}.
 *
 * @param dynamic                true for a peer accepted through a {@link RangeSettings}
 * @param lastError              the last error sent or received, as a sentence
 * @param establishedTransitions how many times the session reached Established
 * @param negotiatedHoldTime     the hold time in use while Established, 0 otherwise
 * @param peerOpen               the peer's OPEN of the current (or last) session
 */
public record PeerStatus(InetAddress address, long peerAs, String role, boolean dynamic, SessionState state,
                         Instant stateSince, Optional<Instant> establishedSince, Optional<String> lastError,
                         long messagesReceived, long messagesSent, long updatesReceived, long updatesSent,
                         int establishedTransitions, int negotiatedHoldTime, Optional<Open> peerOpen) {}
