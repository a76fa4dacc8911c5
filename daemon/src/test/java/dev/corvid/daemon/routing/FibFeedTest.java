package dev.corvid.daemon.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Family;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the RIB counts as synced for the kernel's reconcile, on a clock the test moves (nanoseconds). */
class FibFeedTest {
    private static final long SECOND = 1_000_000_000L;
    private static final InetAddress P = InetAddress.ofLiteral("10.0.0.2"), Q = InetAddress.ofLiteral("10.0.0.3");

    private final List<Boolean> submissions = new ArrayList<>();
    private final List<FibRoute> changes = new ArrayList<>();
    private final FibFeed feed = new FibFeed((c, synced) -> {
        changes.addAll(c);
        submissions.add(synced);
    }, List.of(P, Q), 0);

    private static Update routeUpdate() {
        return new Update(List.of(Nlri.parse("10.244.1.0/26")), List.of(), List.of());
    }

    @Test
    void syncedOnceEveryConfiguredPeerSentEndOfRibForEachFamily() {
        feed.peerUp(P, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), 0);
        feed.peerUp(Q, Set.of(Family.IPV4_UNICAST), 0);
        feed.received(P, Update.endOfRib(Family.IPV4_UNICAST), 100);
        feed.received(Q, Update.endOfRib(Family.IPV4_UNICAST), 100);
        feed.received(P, routeUpdate(), 100); // P keeps sending, so it is not quiet either
        feed.turnEnded(true, 200);
        assertThat(feed.synced()).as("P's IPv6 table is not in").isFalse();
        feed.received(P, Update.endOfRib(Family.IPV6_UNICAST), 300);
        feed.turnEnded(false, 400);
        assertThat(feed.synced()).as("a decision is pending").isFalse();
        feed.turnEnded(true, 500);
        assertThat(feed.synced()).isTrue();
        assertThat(submissions).containsExactly(true);
        assertThat(feed.nanosUntilCheck()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aPeerThatSendsNoEndOfRibCountsOnceItIsUpLongEnoughAndSilent() {
        feed.peerUp(P, Set.of(Family.IPV4_UNICAST), 0);
        feed.peerUp(Q, Set.of(Family.IPV4_UNICAST), 0);
        feed.received(Q, Update.endOfRib(Family.IPV4_UNICAST), 0);
        feed.received(P, routeUpdate(), 2 * SECOND);
        feed.turnEnded(true, 2 * SECOND + 500_000_000L);
        assertThat(feed.synced()).as("P sent something half a second ago").isFalse();
        feed.turnEnded(true, 3 * SECOND);
        assertThat(feed.synced()).isTrue();
    }

    @Test
    void aConfiguredPeerThatNeverComesUpIsWaitedForUntilTheDeadline() {
        feed.peerUp(Q, Set.of(Family.IPV4_UNICAST), 0);
        feed.received(Q, Update.endOfRib(Family.IPV4_UNICAST), 0);
        feed.turnEnded(true, 30 * SECOND);
        assertThat(feed.synced()).isFalse();
        feed.turnEnded(true, FibFeed.DEADLINE.toNanos());
        assertThat(feed.synced()).isTrue();
    }

    @Test
    void peersOfRangesAreNotWaitedForAndChangesGoOutOncePerTurn() {
        FibFeed rangesOnly = new FibFeed((c, synced) -> {
            changes.addAll(c);
            submissions.add(synced);
        }, List.of(), 0);
        rangesOnly.peerUp(InetAddress.ofLiteral("10.1.0.7"), Set.of(Family.IPV4_UNICAST), 0);
        rangesOnly.turnEnded(true, 1);
        assertThat(rangesOnly.synced()).isTrue();
        rangesOnly.changed(new dev.corvid.rib.Delta(Prefix.parse("10.244.1.0/26"), java.util.Optional.empty(),
                java.util.Optional.empty()));
        rangesOnly.turnEnded(true, 2);
        rangesOnly.turnEnded(true, 3);
        assertThat(submissions).containsExactly(true, true);
        assertThat(changes).containsExactly(new FibRoute(Prefix.parse("10.244.1.0/26"), List.of()));
    }
}
