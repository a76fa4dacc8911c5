package dev.corvid.rib;

import static dev.corvid.rib.Fixtures.NLRI;
import static dev.corvid.rib.Fixtures.asPath;
import static dev.corvid.rib.Fixtures.attrs;
import static dev.corvid.rib.Fixtures.ebgp;
import static dev.corvid.rib.Fixtures.ibgp;
import static dev.corvid.rib.Fixtures.ip;
import static dev.corvid.rib.Fixtures.lp;
import static dev.corvid.rib.Fixtures.med;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class RibTest {
    private final Set<InetAddress> unreachable = new HashSet<>();
    private final Rib rib = new Rib(new DecisionProcess(100, 2), nh -> !unreachable.contains(nh), () -> 0);
    private final AdjRibIn a = rib.peerUp(ibgp("10.0.0.1", "1.1.1.1"));
    private final AdjRibIn b = rib.peerUp(ibgp("10.0.0.2", "2.2.2.2"));

    @Test
    void tenUpdatesOfOnePrefixCostOneDecisionAndOneDelta() {
        for (int i = 0; i < 10; i++) a.announce(NLRI, attrs("10.0.0.1", med(i)));
        assertThat(rib.dirtyCount()).isEqualTo(1);
        List<Delta> deltas = rib.decide();
        assertThat(deltas).singleElement().satisfies(d -> {
            assertThat(d.previous()).isEmpty();
            assertThat(d.newBest().orElseThrow().attributes().med()).hasValue(9);
        });
        assertThat(rib.decide()).isEmpty();
    }

    @Test
    void anAnnouncementWithdrawnBeforeTheDecisionLeavesNoTrace() {
        a.announce(NLRI, attrs("10.0.0.1"));
        a.withdraw(NLRI);
        assertThat(rib.decide()).isEmpty();
        assertThat(rib.locRib().size()).isZero();
        assertThat(rib.paths(NLRI.prefix())).isEmpty();
    }

    @Test
    void aBetterPathFromAnotherPeerReplacesTheBest() {
        a.announce(NLRI, attrs("10.0.0.1"));
        rib.decide();
        b.announce(NLRI, attrs("10.0.0.2", lp(200)));
        Delta d = rib.decide().getFirst();
        assertThat(d.bestChanged()).isTrue();
        assertThat(d.oldBest().orElseThrow().source()).isEqualTo(a.source());
        assertThat(d.newBest().orElseThrow().source()).isEqualTo(b.source());
    }

    @Test
    void aWorsePathFromAnotherPeerChangesTheRouteButNotTheBest() {
        a.announce(NLRI, attrs("10.0.0.1", lp(200)));
        rib.decide();
        b.announce(NLRI, attrs("10.0.0.2"));
        Delta d = rib.decide().getFirst();
        assertThat(d.bestChanged()).isFalse();
        assertThat(d.current().orElseThrow().paths()).hasSize(2);
    }

    @Test
    void ecmpSetHoldsPathsEqualUpToTheRouterIdStep() {
        AdjRibIn tor1 = rib.peerUp(ebgp("192.0.2.1", 65001, "9.0.0.1"));
        AdjRibIn tor2 = rib.peerUp(ebgp("192.0.2.5", 65001, "9.0.0.2"));
        Nlri defaultRoute = Nlri.parse("0.0.0.0/0");
        tor2.announce(defaultRoute, attrs("192.0.2.5", asPath(65001)));
        tor1.announce(defaultRoute, attrs("192.0.2.1", asPath(65001)));
        a.announce(defaultRoute, attrs("10.0.0.1", asPath(65001)));
        rib.decide();
        Route r = rib.locRib().route(defaultRoute.prefix()).orElseThrow();
        assertThat(r.best().source()).isEqualTo(tor1.source());
        assertThat(r.multipath()).extracting(Path::source).containsExactly(tor1.source(), tor2.source());
        assertThat(r.paths()).hasSize(3);
    }

    @Test
    void peerDownRemovesItsPathsAndTheBestFallsBack() {
        a.announce(NLRI, attrs("10.0.0.1", lp(200)));
        b.announce(NLRI, attrs("10.0.0.2"));
        a.announce(Nlri.parse("10.244.9.0/26"), attrs("10.0.0.1"));
        rib.decide();
        assertThat(rib.peerDown(ip("10.0.0.1"))).isTrue();
        assertThat(rib.peerDown(ip("10.0.0.1"))).isFalse();
        List<Delta> deltas = rib.decide();
        assertThat(deltas).hasSize(2);
        assertThat(rib.locRib().route(NLRI.prefix()).orElseThrow().best().source()).isEqualTo(b.source());
        assertThat(rib.locRib().route(Prefix.parse("10.244.9.0/26"))).isEmpty();
        assertThat(rib.adjRibIn(ip("10.0.0.1"))).isEmpty();
    }

    @Test
    void aPeerWhoseRoleChangesKeepsItsPathsUnderTheNewSourceAndTheirPrefixesAreDecidedAgain() {
        a.announce(NLRI, attrs("10.0.0.1", lp(200)));
        a.announce(Nlri.parse("10.244.9.0/26"), attrs("10.0.0.1"));
        b.announce(NLRI, attrs("10.0.0.2"));
        rib.decide();
        PathSource.Peer asClient = new PathSource.Peer(ip("10.0.0.1"), 64512,
                (java.net.Inet4Address) ip("1.1.1.1"), true, true);
        AdjRibIn client = rib.changeSource(asClient);
        List<Delta> deltas = rib.decide();
        assertThat(deltas).extracting(Delta::prefix).containsExactlyInAnyOrder(NLRI.prefix(), Prefix.parse("10.244.9.0/26"));
        assertThat(rib.locRib().route(NLRI.prefix()).orElseThrow().best().source()).isSameAs(asClient);
        assertThat(client.received()).isEqualTo(2);
        assertThat(rib.adjRibIn(ip("10.0.0.1"))).containsSame(client);
        client.withdraw(NLRI);
        rib.decide();
        assertThat(rib.locRib().route(NLRI.prefix()).orElseThrow().best().source()).isEqualTo(b.source());
        assertThat(rib.peerDown(ip("10.0.0.1"))).isTrue();
        rib.decide();
        assertThat(rib.locRib().route(Prefix.parse("10.244.9.0/26"))).isEmpty();
    }

    @Test
    void aPeerCannotComeUpTwiceWithoutGoingDown() {
        assertThatThrownBy(() -> rib.peerUp(ibgp("10.0.0.1", "1.1.1.1"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnreachableNextHopWithdrawsTheRouteAndReturnsWhenReachableAgain() {
        a.announce(NLRI, attrs("10.0.0.1"));
        rib.decide();
        unreachable.add(ip("10.0.0.1"));
        rib.nextHopsChanged();
        assertThat(rib.decide()).singleElement().satisfies(d -> assertThat(d.current()).isEmpty());
        assertThat(a.nextHopUnreachable()).isEqualTo(1);
        unreachable.clear();
        rib.nextHopsChanged();
        assertThat(rib.decide()).singleElement().satisfies(d -> assertThat(d.current()).isPresent());
        assertThat(a.accepted()).isEqualTo(1);
    }

    @Test
    void locallyOriginatedPathsNeedNoReachableNextHop() {
        unreachable.add(ip("0.0.0.0"));
        rib.local().announce(NLRI, attrs("0.0.0.0"));
        rib.nextHopsChanged();
        assertThat(rib.decide()).singleElement()
                .satisfies(d -> assertThat(d.newBest().orElseThrow().source()).isEqualTo(PathSource.LOCAL));
    }

    @Test
    void budgetedDecisionsWorkThroughTheDirtyPrefixesOldestFirst() {
        for (int i = 0; i < 10; i++) a.announce(Nlri.parse("10.1." + i + ".0/24"), attrs("10.0.0.1"));
        List<Delta> first = rib.decide(4);
        assertThat(first).extracting(d -> d.prefix().toString())
                .containsExactly("10.1.0.0/24", "10.1.1.0/24", "10.1.2.0/24", "10.1.3.0/24");
        assertThat(rib.dirtyCount()).isEqualTo(6);
        assertThat(rib.decide()).hasSize(6);
    }

    @Test
    void locRibWalkResumesAfterTheCursorAndSeesEveryRouteOnce() {
        for (int i = 0; i < 25; i++) a.announce(Nlri.parse("10.2." + i + ".0/24"), attrs("10.0.0.1"));
        rib.decide();
        List<Prefix> seen = new ArrayList<>();
        Cursor<Prefix> c = Cursor.start();
        while (!c.done()) {
            c = rib.locRib().walk(c, 7, r -> seen.add(r.prefix()));
            // Routes change between slices; the walk carries on from where it stopped.
            b.announce(Nlri.parse("10.3.0.0/24"), attrs("10.0.0.2"));
            rib.decide();
        }
        assertThat(seen).doesNotHaveDuplicates().isSorted().hasSize(26);
    }

    @Test
    void mutationFromAnotherThreadIsRefused() throws InterruptedException {
        CompletableFuture<Void> off = CompletableFuture.runAsync(() -> a.announce(NLRI, attrs("10.0.0.1")));
        assertThatThrownBy(off::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("RIB thread");
        CompletableFuture<Void> decide = CompletableFuture.runAsync(rib::decide);
        assertThatThrownBy(decide::get).cause().isInstanceOf(IllegalStateException.class);
        assertThat(a.received()).isZero();
    }
}
