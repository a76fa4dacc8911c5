package dev.corvid.rib;

import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.AsPathSegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DOC: the RFC 4271 §9.1 decision process for the paths of one prefix, with the RFC 4456 §9 route-reflection
 * tie-breakers, deterministic MED and ECMP. Pure: no state beyond its two settings, so it can run on any thread.
 *
 * <p>The steps, in order ({@link Reason} names each): eligibility (§9.1.2.1); degree of preference (§9.1.1); locally
 * originated; AS_PATH length (§9.1.2.2 a); ORIGIN (b); MULTI_EXIT_DISC between paths of one neighbouring AS (c); eBGP
 * over iBGP (d); [interior cost (e) skipped: corvid has no IGP]; ORIGINATOR_ID or BGP Identifier (f, RFC 4456 §9);
 * CLUSTER_LIST length (RFC 4456 §9); peer address (g); ADD-PATH path id.
 *
 * <p>Because MED is compared only within one neighbouring AS, pairwise comparison is not transitive and a plain
 * sort would depend on arrival order. Deterministic MED fixes that: the paths are first grouped by neighbouring AS and
 * each group is ordered with every step (MED included); then the groups are merged by repeatedly taking the best of
 * their heads, which all come from different ASes, so MED never takes part and the comparison is transitive.
 */
public final class DecisionProcess {
    /** RFC 4271 §9.1.1 leaves the degree of preference of eBGP-learned routes to policy; 100 is the common default. */
    public static final long DEFAULT_LOCAL_PREF = 100;

    /** The neighbouring AS of a path that has none: originated in the local AS (§9.1.2.2 c). */
    private static final long LOCAL_AS = -1;
    private static final Reason[] REASONS = Reason.values();

    private final long defaultLocalPref;
    private final int maximumPaths;

    /**
     * @param defaultLocalPref the degree of preference of eBGP-learned paths and of paths without LOCAL_PREF
     * @param maximumPaths     the largest ECMP set (1: no ECMP)
     */
    public DecisionProcess(long defaultLocalPref, int maximumPaths) {
        if (maximumPaths < 1) throw new IllegalArgumentException("maximum-paths " + maximumPaths + " is not 1 or more");
        this.defaultLocalPref = defaultLocalPref;
        this.maximumPaths = maximumPaths;
    }

    public DecisionProcess() {
        this(DEFAULT_LOCAL_PREF, 1);
    }

    /** The candidates in preference order, without the explanation. */
    public Decision rank(List<Path> candidates) {
        return decide(candidates, false);
    }

    /** {@link #rank} plus, for each path but the best, the comparison it lost and why. */
    public Decision explain(List<Path> candidates) {
        return decide(candidates, true);
    }

    private Decision decide(List<Path> candidates, boolean explain) {
        if (candidates.size() == 1) {
            Path p = candidates.getFirst();
            return p.eligible() ? new Decision(candidates, 1, 1, List.of()) : new Decision(candidates, 0, 0, List.of());
        }
        if (candidates.size() == 2 && !explain) return rankTwo(candidates.get(0), candidates.get(1));
        List<Path> eligible = new ArrayList<>(candidates.size());
        List<Path> ineligible = new ArrayList<>(0);
        for (Path p : candidates) (p.eligible() ? eligible : ineligible).add(p);
        Path[] good = deterministicOrder(eligible);
        Path[] bad = deterministicOrder(ineligible);

        // ECMP: the paths equal to the best up to (not including) the router-id step, best first. A path that lost
        // within its neighbouring AS on MED is out even when the best is from another AS (and so not MED-compared).
        List<Path> ranked = new ArrayList<>(candidates.size());
        List<Path> rest = new ArrayList<>(good.length);
        for (int i = 0; i < good.length; i++) {
            if (i == 0 || ranked.size() < maximumPaths && multipathEqual(good[0], good[i])
                    && multipathEqual(groupHead(good, good[i]), good[i])) {
                ranked.add(good[i]);
            } else {
                rest.add(good[i]);
            }
        }
        int multipath = ranked.size();
        ranked.addAll(rest);
        ranked.addAll(Arrays.asList(bad));
        return new Decision(ranked, good.length, multipath, explain ? comparisons(good, bad) : List.of());
    }

    /** Two paths, the common case with two reflectors or two peers: no grouping needed (each heads its AS group). */
    private Decision rankTwo(Path a, Path b) {
        int c = compare(a, b);
        Path winner = c <= 0 ? a : b, loser = c <= 0 ? b : a;
        int eligible = (a.eligible() ? 1 : 0) + (b.eligible() ? 1 : 0);
        int multipath = eligible == 2 && multipathPair(c) ? 2 : Math.min(eligible, 1);
        return new Decision(List.of(winner, loser), eligible, multipath, List.of());
    }

    /** Whether two eligible paths that {@link #compare} to {@code comparison} form an ECMP set of two. */
    boolean multipathPair(int comparison) {
        return maximumPaths >= 2 && (comparison == 0 || reason(comparison).multipathEqual());
    }

    /**
     * Why each path lost: to the best when the best beats it pairwise; otherwise (possible only through MED) to the
     * head of its own neighbouring-AS group, which beat it on a step the best could not be compared on.
     */
    private List<Comparison> comparisons(Path[] good, Path[] bad) {
        if (good.length == 0) return List.of();
        Path best = good[0];
        List<Comparison> out = new ArrayList<>(good.length + bad.length);
        for (int i = 1; i < good.length; i++) {
            Path p = good[i];
            int c = compare(best, p);
            if (c < 0) {
                out.add(new Comparison(best, p, reason(c)));
            } else {
                Path head = groupHead(good, p);
                out.add(new Comparison(head, p, reason(compare(head, p))));
            }
        }
        for (Path p : bad) out.add(new Comparison(best, p, Reason.ELIGIBLE));
        return out;
    }

    private boolean multipathEqual(Path a, Path b) {
        int c = compare(a, b);
        return c == 0 || reason(c).multipathEqual();
    }

    /** The most preferred path of {@code p}'s neighbouring AS. */
    private Path groupHead(Path[] ordered, Path p) {
        long as = p.attributes().neighbourAs();
        Path head = p;
        for (Path q : ordered) {
            if (q.attributes().neighbourAs() == as && compare(q, head) < 0) head = q;
        }
        return head;
    }

    /** Deterministic MED: group by neighbouring AS, order each group fully, then merge the groups' heads. */
    private Path[] deterministicOrder(List<Path> paths) {
        int n = paths.size();
        Path[] sorted = paths.toArray(new Path[0]);
        if (n < 2) return sorted;
        long[] as = new long[n];
        Arrays.sort(sorted, (a, b) -> {
            int c = Long.compare(a.attributes().neighbourAs(), b.attributes().neighbourAs());
            return c != 0 ? c : compare(a, b);
        });
        int groups = 0;
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            as[i] = sorted[i].attributes().neighbourAs();
            if (i == 0 || as[i] != as[i - 1]) start[groups++] = i;
        }
        if (groups == 1) return sorted;
        start[groups] = n;
        int[] head = Arrays.copyOf(start, groups);
        Path[] out = new Path[n];
        for (int k = 0; k < n; k++) {
            int pick = -1;
            for (int g = 0; g < groups; g++) {
                if (head[g] == start[g + 1]) continue;
                if (pick < 0 || compare(sorted[head[g]], sorted[head[pick]]) < 0) pick = g;
            }
            out[k] = sorted[head[pick]++];
        }
        return out;
    }

    /**
     * Compares two paths step by step. Negative: {@code a} is preferred; positive: {@code b} is; the magnitude is the
     * deciding {@link Reason}'s ordinal + 1 (see {@link #reason}); 0 only for the same source and path id.
     */
    int compare(Path a, Path b) {
        // RFC 4271 §9.1.2.1: "If the NEXT_HOP attribute of a BGP route depicts an address that is not resolvable
        // [...] the BGP route MUST be excluded from the Phase 2 decision function." RFC 7606 treat-as-withdraw too.
        if (a.eligible() != b.eligible()) return win(a.eligible(), Reason.ELIGIBLE);
        PathAttributes x = a.attributes(), y = b.attributes();

        // RFC 4271 §9.1.1: "If the route is learned from an internal peer [...] the value of the LOCAL_PREF attribute
        // [...]. If the route is learned from an external peer, then the degree of preference is computed based on
        // preconfigured policy information."
        long lpa = localPref(a), lpb = localPref(b);
        if (lpa != lpb) return win(lpa > lpb, Reason.HIGHER_LOCAL_PREF);

        boolean la = a.source() instanceof PathSource.Local, lb = b.source() instanceof PathSource.Local;
        if (la != lb) return win(la, Reason.LOCALLY_ORIGINATED);

        // §9.1.2.2 a) "Remove from consideration all routes that are not tied for having the smallest number of AS
        // numbers present in their AS_PATH attributes." (an AS_SET counts 1; RFC 5065 §5.3: confederation segments 0)
        if (x.asPathLength() != y.asPathLength()) return win(x.asPathLength() < y.asPathLength(), Reason.SHORTER_AS_PATH);

        // §9.1.2.2 b) "Remove from consideration all routes that are not tied for having the lowest Origin number"
        int oa = x.originCode(), ob = y.originCode();
        if (oa != ob) return win(oa < ob, Reason.LOWER_ORIGIN);

        // §9.1.2.2 c) "MULTI_EXIT_DISC is only comparable between routes learned from the same neighboring AS [...]
        // If a route does not have a MULTI_EXIT_DISC attribute, it MUST be treated as if it had [...] the lowest
        // possible MULTI_EXIT_DISC value." (0)
        if (x.neighbourAs() == y.neighbourAs()) {
            long ma = x.medOr(0), mb = y.medOr(0);
            if (ma != mb) return win(ma < mb, Reason.LOWER_MED);
        }

        // §9.1.2.2 d) "If at least one of the candidate routes was received via EBGP, remove from consideration all
        // routes that were received via IBGP."
        boolean ea = external(a), eb = external(b);
        if (ea != eb) return win(ea, Reason.EBGP_OVER_IBGP);

        // §9.1.2.2 e) interior cost: skipped, there is no IGP.

        // §9.1.2.2 f) "[...] the route that was advertised by the BGP speaker with the lowest BGP Identifier value."
        // RFC 4456 §9: "If a route carries the ORIGINATOR_ID attribute, then in Step f) the ORIGINATOR_ID SHOULD be
        // treated as the BGP Identifier of the BGP speaker that has advertised the route."
        long ia = identifier(a), ib = identifier(b);
        if (ia != ib) return win(ia < ib, Reason.LOWER_ORIGINATOR_OR_ROUTER_ID);

        // RFC 4456 §9: "a BGP Speaker SHOULD prefer a route with the shorter CLUSTER_LIST length."
        int ca = x.clusterList().size(), cb = y.clusterList().size();
        if (ca != cb) return win(ca < cb, Reason.SHORTER_CLUSTER_LIST);

        // §9.1.2.2 g) "Prefer the route received from the lowest peer address."
        int pa = compareAddresses(peerAddress(a), peerAddress(b));
        if (pa != 0) return win(pa < 0, Reason.LOWER_PEER_ADDRESS);

        int id = Integer.compareUnsigned(a.nlri().pathId(), b.nlri().pathId());
        return id == 0 ? 0 : win(id < 0, Reason.LOWER_PATH_ID);
    }

    private static int win(boolean first, Reason reason) {
        return first ? -(reason.ordinal() + 1) : reason.ordinal() + 1;
    }

    /** The deciding step of a non-zero {@link #compare} result. */
    static Reason reason(int comparison) {
        return REASONS[Math.abs(comparison) - 1];
    }

    private long localPref(Path p) {
        return external(p) ? defaultLocalPref : p.attributes().localPrefOr(defaultLocalPref);
    }

    private static boolean external(Path p) {
        return p.source() instanceof PathSource.Peer peer && !peer.internal();
    }

    /**
     * §9.1.2.2 c: the neighbouring AS is the first AS of the AS_PATH (after any RFC 5065 confederation segments);
     * a path that is empty or begins with an AS_SET was originated in the local AS.
     */
    static long neighbourAs(AsPath path) {
        for (AsPathSegment s : path.segments()) {
            switch (s.type()) {
                case AS_CONFED_SEQUENCE, AS_CONFED_SET -> { }
                case AS_SET -> {
                    return LOCAL_AS;
                }
                case AS_SEQUENCE -> {
                    if (!s.asns().isEmpty()) return s.asns().getFirst();
                }
            }
        }
        return LOCAL_AS;
    }

    /** The ORIGINATOR_ID, else the advertising peer's BGP Identifier, as an unsigned 32-bit value (0 for this node). */
    private static long identifier(Path p) {
        long id = p.attributes().originatorIdOr(-1);
        if (id >= 0) return id;
        return p.source() instanceof PathSource.Peer peer ? Integer.toUnsignedLong(bits(peer.routerId())) : 0;
    }

    /** The address as a big-endian int. */
    static int bits(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private static InetAddress peerAddress(Path p) {
        return p.source() instanceof PathSource.Peer peer ? peer.address() : null;
    }

    /** IPv4 before IPv6, then by value; this node (no address) first. */
    private static int compareAddresses(InetAddress a, InetAddress b) {
        if (a == b) return 0;
        if (a == null) return -1;
        if (b == null) return 1;
        byte[] x = a.getAddress(), y = b.getAddress();
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }
}
