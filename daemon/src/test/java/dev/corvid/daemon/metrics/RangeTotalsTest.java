package dev.corvid.daemon.metrics;

import static dev.corvid.daemon.metrics.MetricsServerTest.peer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.fsm.SessionState;
import dev.corvid.fsm.transport.PeerStatus.ErrorCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeTotalsTest {
    private static final List<Prefix> RANGES = List.of(Prefix.parse("10.1.0.0/16"), Prefix.parse("10.1.2.0/24"));

    @Test
    void aPeerCountsUnderTheLongestRangeThatHoldsIt() {
        assertThat(RangeTotals.rangeOf(MetricsServerTest.ip("10.1.2.9"), RANGES)).isEqualTo("10.1.2.0/24");
        assertThat(RangeTotals.rangeOf(MetricsServerTest.ip("10.1.3.9"), RANGES)).isEqualTo("10.1.0.0/16");
        assertThat(RangeTotals.rangeOf(MetricsServerTest.ip("10.2.0.1"), RANGES)).isEqualTo(RangeTotals.NO_RANGE);
        assertThat(RangeTotals.rangeOf(MetricsServerTest.ip("2001:db8::1"), RANGES)).isEqualTo(RangeTotals.NO_RANGE);
    }

    @Test
    void everyConfiguredRangeHasCountersEvenWithoutPeers() {
        assertThat(new RangeTotals().update(List.of(), RANGES))
                .containsOnlyKeys("10.1.0.0/16", "10.1.2.0/24")
                .allSatisfy((_, c) -> assertThat(c).isEqualTo(SessionCounts.ZERO));
    }

    @Test
    void aPeerThatIsForgottenAndComesBackKeepsTheRangeMonotonic() {
        RangeTotals totals = new RangeTotals();
        var a = peer("10.1.0.5", true, SessionState.ESTABLISHED, 100, ErrorCounts.NONE);
        var b = peer("10.1.0.6", true, SessionState.ESTABLISHED, 40, ErrorCounts.NONE);
        assertThat(totals.update(List.of(a, b), RANGES).get("10.1.0.0/16").messagesReceived()).isEqualTo(140);
        // a's session ended and a new session from the same address has fewer messages so far.
        var aAgain = peer("10.1.0.5", true, SessionState.ESTABLISHED, 20, ErrorCounts.NONE);
        assertThat(totals.update(List.of(aAgain, b), RANGES).get("10.1.0.0/16").messagesReceived()).isEqualTo(160);
        // b is gone: its 40 stay counted.
        assertThat(totals.update(List.of(aAgain), RANGES).get("10.1.0.0/16").messagesReceived()).isEqualTo(160);
        assertThat(totals.update(List.of(), RANGES).get("10.1.0.0/16").messagesReceived()).isEqualTo(160);
    }
}
