package dev.corvid.rib;

import static dev.corvid.rib.Fixtures.asPath;
import static dev.corvid.rib.Fixtures.attrs;
import static dev.corvid.rib.Fixtures.ibgp;
import static dev.corvid.rib.Fixtures.ip;
import static dev.corvid.rib.Fixtures.lp;
import static dev.corvid.rib.Fixtures.med;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The RIB against a plain model of what it must hold: seeded random announcements (with and without RFC 7911 path
 * ids), withdrawals, treat-as-withdraws, next-hop changes, peer downs and ups, and budgeted decisions, over IPv4 and
 * IPv6 prefixes, enough of them that the prefix table grows, shrinks and reorders. At every check the paths, the
 * counters, the Loc-RIB (as the decision process ranks the held paths, and as the deltas so far built it, also while
 * changes wait for a decision), and both kinds of budgeted walk must agree with the model. A failure prints the seed.
 */
class RibModelTest {
    private static final int PEERS = 4;
    private static final Comparator<Nlri> NLRI_ORDER = Comparator.comparing(Nlri::prefix)
            .thenComparing(Nlri::pathId, Integer::compareUnsigned);

    /** What the model holds for one path: the attributes as announced, and whether it was treated as withdrawn. */
    record Held(PathAttributes attributes, boolean treatAsWithdraw) {}

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final Set<InetAddress> unreachable = new HashSet<>();
    private final DecisionProcess decision = new DecisionProcess(100, 2);
    private final Rib rib = new Rib(decision, nh -> !unreachable.contains(nh), () -> 0);
    private final Map<InetAddress, AdjRibIn> up = new HashMap<>();
    private final Map<InetAddress, Map<Nlri, Held>> model = new HashMap<>();
    private final Map<Prefix, Route> fromDeltas = new HashMap<>();
    private final List<Prefix> prefixes = new ArrayList<>();
    private final List<PathAttributes> sets = new ArrayList<>();

    @Test
    void randomChangesLeaveTheRibAsTheModelSays() {
        System.out.println("RibModelTest seed " + seed);
        for (int i = 0; i < 240; i++) prefixes.add(Prefix.parse("10." + (i % 3) + "." + i + ".0/" + (24 + i % 3)));
        for (int i = 0; i < 60; i++) {
            prefixes.add(Prefix.parse("2001:db8:" + Integer.toHexString(i) + "::/" + (48 + i % 2)));
        }
        for (int p = 1; p <= PEERS; p++) {
            for (int v = 0; v < 3; v++) {
                sets.add(attrs("10.0.0." + p, med(v), asPath(65000 + v % 2)));
                sets.add(attrs("10.9.0." + p, lp(100 + 50 * v)));
            }
        }
        for (int p = 1; p <= PEERS; p++) peerUp(p);
        for (int step = 0; step < 20_000; step++) {
            step();
            // Between decisions the Loc-RIB holds what the last decisions made, whatever changed since.
            Prefix any = prefixes.get(random.nextInt(prefixes.size()));
            assertThat(rib.locRib().route(any).orElse(null)).as("seed %d: undecided %s", seed, any)
                    .isEqualTo(fromDeltas.get(any));
            if (step % 500 == 250) checkLocRibWalk();
            if (step % 500 == 0) check();
        }
        check();
    }

    private void step() {
        int op = random.nextInt(1000);
        InetAddress peer = ip("10.0.0." + (1 + random.nextInt(PEERS)));
        AdjRibIn in = up.get(peer);
        if (op < 5) {
            if (in == null) peerUp(peer);
            else peerDown(peer);
            return;
        }
        if (op < 15) {
            InetAddress nextHop = ip("10.9.0." + (1 + random.nextInt(PEERS)));
            if (!unreachable.remove(nextHop)) unreachable.add(nextHop);
            rib.nextHopsChanged();
            return;
        }
        if (op < 100) {
            rib.decide(1 + random.nextInt(40)).forEach(this::apply);
            return;
        }
        if (in == null) return;
        Prefix prefix = prefixes.get(random.nextInt(prefixes.size()));
        Nlri nlri = new Nlri(prefix, random.nextInt(4) == 0 ? random.nextInt(3) - 1 : 0); // -1: unsigned 2^32 - 1
        Map<Nlri, Held> held = model.get(peer);
        if (op < 600) {
            PathAttributes a = copy(sets.get(random.nextInt(sets.size())));
            in.announce(nlri, a);
            held.put(nlri, new Held(a, false));
        } else if (op < 650) {
            PathAttributes a = copy(sets.get(random.nextInt(sets.size())));
            in.treatAsWithdraw(nlri, a);
            held.put(nlri, new Held(a, true));
        } else {
            assertThat(in.withdraw(nlri)).as("seed %d", seed).isEqualTo(held.remove(nlri) != null);
        }
    }

    /** An equal set that is not the interned one, as every decoded UPDATE brings. */
    private static PathAttributes copy(PathAttributes a) {
        return a.withNextHop(ip("192.0.2.1")).withNextHop(a.nextHop());
    }

    private void peerUp(int p) {
        peerUp(ip("10.0.0." + p));
    }

    private void peerUp(InetAddress peer) {
        int p = peer.getAddress()[3];
        up.put(peer, rib.peerUp(ibgp(peer.getHostAddress(), p + "." + p + "." + p + "." + p)));
        model.put(peer, new HashMap<>());
    }

    private void peerDown(InetAddress peer) {
        assertThat(rib.peerDown(peer)).isTrue();
        up.remove(peer);
        model.remove(peer);
    }

    private void apply(Delta d) {
        assertThat(d.previous().orElse(null)).as("seed %d: previous of %s", seed, d.prefix())
                .isEqualTo(fromDeltas.get(d.prefix()));
        if (d.current().isPresent()) fromDeltas.put(d.prefix(), d.current().get());
        else fromDeltas.remove(d.prefix());
    }

    private void check() {
        rib.decide().forEach(this::apply);
        assertThat(rib.dirtyCount()).isZero();
        int routes = 0;
        for (Prefix prefix : prefixes) {
            List<String> expected = new ArrayList<>();
            model.forEach((peer, held) -> held.forEach((nlri, h) -> {
                if (nlri.prefix().equals(prefix)) expected.add(describe(up.get(peer).source(), nlri, h));
            }));
            List<Path> paths = rib.paths(prefix);
            assertThat(paths).as("seed %d: paths of %s", seed, prefix).map(RibModelTest::describe)
                    .containsExactlyInAnyOrderElementsOf(expected);
            Route route = rib.locRib().route(prefix).orElse(null);
            assertThat(route).as("seed %d: route of %s from the deltas", seed, prefix)
                    .isEqualTo(fromDeltas.get(prefix));
            Decision d = paths.isEmpty() ? null : decision.rank(paths);
            if (d == null || d.eligibleCount() == 0) {
                assertThat(route).as("seed %d: route of %s", seed, prefix).isNull();
                continue;
            }
            routes++;
            assertThat(route).as("seed %d: route of %s", seed, prefix).isNotNull();
            assertThat(route.paths()).as("seed %d: route of %s", seed, prefix)
                    .containsExactlyElementsOf(d.ranked().subList(0, d.eligibleCount()));
            assertThat(route.multipathCount()).as("seed %d: ECMP of %s", seed, prefix).isEqualTo(d.multipathCount());
        }
        assertThat(rib.locRib().size()).as("seed %d", seed).isEqualTo(routes);
        checkLocRibWalk();
        for (Map.Entry<InetAddress, AdjRibIn> e : up.entrySet()) checkAdjRibIn(e.getValue(), model.get(e.getKey()));
    }

    private void checkLocRibWalk() {
        List<Prefix> walked = new ArrayList<>();
        Cursor<Prefix> c = Cursor.start();
        while (!c.done()) c = rib.locRib().walk(c, 1 + random.nextInt(50), r -> walked.add(r.prefix()));
        assertThat(walked).as("seed %d", seed).isSorted().doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fromDeltas.keySet());
    }

    private void checkAdjRibIn(AdjRibIn in, Map<Nlri, Held> held) {
        int taw = 0, nextHop = 0;
        for (Held h : held.values()) {
            if (h.treatAsWithdraw()) taw++;
            else if (unreachable.contains(h.attributes().nextHop())) nextHop++;
        }
        assertThat(List.of(in.received(), in.treatedAsWithdraw(), in.nextHopUnreachable(), in.accepted()))
                .as("seed %d: counters of %s", seed, in.source())
                .containsExactly(held.size(), taw, nextHop, held.size() - taw - nextHop);
        List<Nlri> walked = new ArrayList<>();
        Cursor<Nlri> c = Cursor.start();
        while (!c.done()) c = in.walk(c, 1 + random.nextInt(20), p -> walked.add(p.nlri()));
        assertThat(walked).as("seed %d: walk of %s", seed, in.source())
                .containsExactlyElementsOf(held.keySet().stream().sorted(NLRI_ORDER).toList());
        for (Map.Entry<Nlri, Held> e : held.entrySet()) {
            assertThat(in.path(e.getKey())).as("seed %d", seed).hasValueSatisfying(
                    p -> assertThat(describe(p)).isEqualTo(describe(in.source(), e.getKey(), e.getValue())));
        }
    }

    private String describe(PathSource source, Nlri nlri, Held h) {
        Path.Eligibility e = h.treatAsWithdraw() ? Path.Eligibility.TREAT_AS_WITHDRAW
                : unreachable.contains(h.attributes().nextHop()) ? Path.Eligibility.NEXT_HOP_UNREACHABLE
                : Path.Eligibility.ELIGIBLE;
        return source + " " + nlri + " " + h.attributes() + " " + e;
    }

    private static String describe(Path p) {
        return p.source() + " " + p.nlri() + " " + p.attributes() + " " + p.eligibility();
    }
}
