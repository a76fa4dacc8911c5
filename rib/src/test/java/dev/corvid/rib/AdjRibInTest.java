package dev.corvid.rib;

import static dev.corvid.rib.Fixtures.NLRI;
import static dev.corvid.rib.Fixtures.attrs;
import static dev.corvid.rib.Fixtures.ibgp;
import static dev.corvid.rib.Fixtures.ip;
import static dev.corvid.rib.Fixtures.med;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.nlri.Nlri;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdjRibInTest {
    private long now = 1000;
    private final Rib rib = new Rib(new DecisionProcess(), nh -> !nh.equals(ip("10.9.9.9")), () -> now);
    private final AdjRibIn in = rib.peerUp(ibgp("10.0.0.1", "1.1.1.1"));

    @Test
    void countsAnnouncedPathsAsReceivedAndAccepted() {
        in.announce(NLRI, attrs("10.0.0.1"));
        in.announce(Nlri.parse("10.244.2.0/26"), attrs("10.0.0.1"));
        assertThat(in.received()).isEqualTo(2);
        assertThat(in.accepted()).isEqualTo(2);
        assertThat(in.path(NLRI)).hasValueSatisfying(p -> {
            assertThat(p.eligible()).isTrue();
            assertThat(p.receivedAt()).isEqualTo(1000);
        });
    }

    @Test
    void withdrawRemovesThePathAndUnknownWithdrawIsHarmless() {
        in.announce(NLRI, attrs("10.0.0.1"));
        assertThat(in.withdraw(NLRI)).isTrue();
        assertThat(in.withdraw(NLRI)).isFalse();
        assertThat(in.received()).isZero();
        assertThat(in.path(NLRI)).isEmpty();
    }

    @Test
    void aSecondAnnouncementReplacesTheFirstImplicitly() {
        in.announce(NLRI, attrs("10.0.0.1", med(1)));
        now = 2000;
        in.announce(NLRI, attrs("10.0.0.1", med(2)));
        assertThat(in.received()).isEqualTo(1);
        assertThat(in.path(NLRI).orElseThrow().attributes().med()).hasValue(2);
        assertThat(in.path(NLRI).orElseThrow().receivedAt()).isEqualTo(2000);
    }

    @Test
    void anIdenticalAnnouncementChangesNothing() {
        in.announce(NLRI, attrs("10.0.0.1"));
        Path first = in.path(NLRI).orElseThrow();
        rib.decide();
        now = 2000;
        in.announce(NLRI, attrs("10.0.0.1"));
        assertThat(in.path(NLRI)).containsSame(first);
        assertThat(rib.dirtyCount()).isZero();
    }

    @Test
    void treatAsWithdrawKeepsThePathVisibleButIneligibleAndCountsIt() {
        in.announce(NLRI, attrs("10.0.0.1"));
        rib.decide();
        in.treatAsWithdraw(NLRI, attrs("10.0.0.1", med(7)));
        assertThat(in.received()).isEqualTo(1);
        assertThat(in.accepted()).isZero();
        assertThat(in.treatedAsWithdraw()).isEqualTo(1);
        assertThat(in.path(NLRI).orElseThrow().eligibility()).isEqualTo(Path.Eligibility.TREAT_AS_WITHDRAW);
        List<Delta> deltas = rib.decide();
        assertThat(deltas).singleElement().satisfies(d -> assertThat(d.current()).isEmpty());
        assertThat(rib.explain(NLRI.prefix()).ranked()).hasSize(1);

        in.announce(NLRI, attrs("10.0.0.1")); // a good announcement heals it
        assertThat(in.treatedAsWithdraw()).isZero();
        assertThat(in.accepted()).isEqualTo(1);
    }

    @Test
    void anUnreachableNextHopMakesThePathIneligibleAndIsCounted() {
        in.announce(NLRI, attrs("10.9.9.9"));
        assertThat(in.received()).isEqualTo(1);
        assertThat(in.accepted()).isZero();
        assertThat(in.nextHopUnreachable()).isEqualTo(1);
        assertThat(rib.decide()).isEmpty();
    }

    @Test
    void keysPathsByPrefixAndPathId() {
        in.announce(new Nlri(NLRI.prefix(), 1), attrs("10.0.0.1"));
        in.announce(new Nlri(NLRI.prefix(), 2), attrs("10.0.0.1", med(5)));
        assertThat(in.received()).isEqualTo(2);
        in.withdraw(new Nlri(NLRI.prefix(), 1));
        assertThat(in.path(new Nlri(NLRI.prefix(), 2))).isPresent();
        assertThat(in.received()).isEqualTo(1);
    }

    @Test
    void walksInPrefixOrderInBudgetedSlices() {
        for (int i = 9; i >= 0; i--) in.announce(Nlri.parse("10.0." + i + ".0/24"), attrs("10.0.0.1"));
        List<String> seen = new ArrayList<>();
        Cursor<Nlri> c = Cursor.start();
        int slices = 0;
        while (!c.done()) {
            c = in.walk(c, 3, p -> seen.add(p.nlri().toString()));
            slices++;
        }
        assertThat(slices).isEqualTo(4);
        assertThat(seen).containsExactly("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24",
                "10.0.5.0/24", "10.0.6.0/24", "10.0.7.0/24", "10.0.8.0/24", "10.0.9.0/24");
    }
}
