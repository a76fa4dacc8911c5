package dev.corvid.daemon.metrics;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.fsm.transport.PeerStatus;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DOC: the counters of the dynamic peers, summed per peer range, kept monotonic although the peers come and go. The
 * speaker forgets a dynamic peer when its session ends, and a peer that comes back starts from zero; so the last
 * counts seen of a peer that is gone (or restarted) are kept in the range's "retired" sum, and a range's counter is
 * that sum plus the counts of its peers now. A peer that was forgotten and came back between two scrapes with every
 * counter already past its old value is taken for the same peer: the sum stays monotonic and undercounts by the old
 * peer's counts. Memory: one entry per dynamic peer alive at the last scrape, one per range.
 *
 * <p>Scrapes may run at the same time on the HTTP server's threads; {@link #update} is synchronized (this is
 * metrics bookkeeping, not routing state).
 */
final class RangeTotals {
    /** The range label of a dynamic peer inside no configured range (its range was removed by a reload). */
    static final String NO_RANGE = "none";

    private record Seen(String range, SessionCounts counts) {}

    private final Map<InetAddress, Seen> lastSeen = new HashMap<>();
    private final Map<String, SessionCounts> retired = new HashMap<>();

    /** The range label of {@code address}: the longest configured prefix containing it (as the speaker matches). */
    static String rangeOf(InetAddress address, List<Prefix> ranges) {
        Prefix best = null;
        for (Prefix r : ranges) {
            if (r.contains(address) && (best == null || r.length() > best.length())) best = r;
        }
        return best == null ? NO_RANGE : best.toString();
    }

    /**
     * Takes in the dynamic peers of this scrape and answers the counters of every range: those of {@code ranges}
     * (zero when no peer ever came through), and any other range label a peer was counted under before.
     */
    synchronized Map<String, SessionCounts> update(List<PeerStatus> dynamicPeers, List<Prefix> ranges) {
        Map<String, SessionCounts> totals = new HashMap<>();
        for (Prefix r : ranges) totals.put(r.toString(), SessionCounts.ZERO);
        Set<InetAddress> present = new HashSet<>();
        for (PeerStatus p : dynamicPeers) {
            String range = rangeOf(p.address(), ranges);
            SessionCounts now = SessionCounts.of(p);
            Seen before = lastSeen.put(p.address(), new Seen(range, now));
            if (before != null && (!before.range().equals(range) || now.restartedSince(before.counts()))) {
                retire(before);
            }
            present.add(p.address());
            totals.merge(range, now, SessionCounts::plus);
        }
        lastSeen.entrySet().removeIf(e -> {
            if (present.contains(e.getKey())) return false;
            retire(e.getValue());
            return true;
        });
        retired.forEach((range, counts) -> totals.merge(range, counts, SessionCounts::plus));
        return totals;
    }

    private void retire(Seen seen) {
        retired.merge(seen.range(), seen.counts(), SessionCounts::plus);
    }
}
