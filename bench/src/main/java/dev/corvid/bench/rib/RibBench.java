package dev.corvid.bench.rib;

import com.sun.management.ThreadMXBean;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.Communities;
import dev.corvid.codec.attribute.MultiExitDisc;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.rib.AdjRibIn;
import dev.corvid.rib.Cursor;
import dev.corvid.rib.DecisionProcess;
import dev.corvid.rib.NextHopResolver;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import dev.corvid.rib.Rib;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The RIB alone with the route-reflector benchmark's load: 200,000 IPv4 /24s, 100 to an attribute set as packed
 * UPDATEs bring them, each set a fresh object that the RIB interns.
 * <ul>
 *   <li>{@code firstPeer}: into an empty {@link Rib} from one peer, then decided (one candidate each);
 *   <li>{@code secondPeer}: the same prefixes from a second peer into a RIB holding the first's (two candidates);
 *   <li>{@code peerDown}: the only peer goes down (every path withdrawn, every route gone);
 *   <li>{@code peerDownFailover}: of two peers the preferred one goes down (every best falls back);
 *   <li>{@code locRibDump}: the whole Loc-RIB walked for a client that comes up (operations are routes).
 * </ul>
 * Operations are paths, so ops/s = paths/s. The setup runs on the benchmark thread, which therefore owns the RIB; it
 * drops the previous invocation's RIB, builds one of 200,000 or 400,000 paths and ends with a full collection, so
 * that a timing includes the garbage collection its own work brings on (a RIB that is being built is mostly live
 * data to copy) but not the previous invocation's. {@code gc.alloc.rate.norm} counts the setup's allocation too;
 * {@link #main} prints the allocation of each case alone and the heap a loaded RIB retains.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class RibBench {
    static final int PREFIXES = 200_000;
    static final int PER_UPDATE = 100;
    static final InetAddress FIRST = address("10.0.0.1");
    static final InetAddress SECOND = address("10.0.0.2");

    private Nlri[] firstNlri;
    private Nlri[] secondNlri;
    private PathAttributes[] first;
    private PathAttributes[] second;

    @Setup(Level.Trial)
    public void prefixes() {
        firstNlri = nlri(1);
        secondNlri = nlri(2);
        first = sets(FIRST, 65001);
        second = sets(SECOND, 65002);
    }

    /**
     * The prefixes as the decoder gives them: objects of their own for each peer, made in the order they arrive (the
     * decoder makes them as it reads, so they are near each other in memory), in an order of the peer's own (a BIRD
     * injector sends its table in hash order, not in prefix order).
     */
    private static Nlri[] nlri(long seed) {
        List<Integer> order = new ArrayList<>(PREFIXES);
        for (int i = 0; i < PREFIXES; i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        Nlri[] out = new Nlri[PREFIXES];
        for (int i = 0; i < PREFIXES; i++) out[i] = Nlri.of(new Ipv4Prefix(0x0A00_0000 + (order.get(i) << 8), 24));
        return out;
    }

    /** One attribute set per UPDATE; equal sets (MED cycles through 10 values) are distinct objects, as decoded. */
    private static PathAttributes[] sets(InetAddress nextHop, long asn) {
        PathAttributes[] out = new PathAttributes[PREFIXES / PER_UPDATE];
        for (int u = 0; u < out.length; u++) {
            List<PathAttribute> a = List.of(Origin.IGP, AsPath.sequence(asn, 4_200_000_000L),
                    new MultiExitDisc(u % 10), new Communities(List.of(0xfc000064, 0xfc0000c8)));
            out[u] = PathAttributes.of(a, nextHop, Optional.empty());
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public int firstPeer(EmptyRib empty) {
        announce(empty.rib.peerUp(peer(FIRST, "1.1.1.1")), firstNlri, first);
        return decide(empty.rib);
    }

    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public int secondPeer(FirstPeerLoaded loaded) {
        announce(loaded.rib.peerUp(peer(SECOND, "2.2.2.2")), secondNlri, second);
        return decide(loaded.rib);
    }

    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public int peerDown(FirstPeerLoaded loaded) {
        loaded.rib.peerDown(FIRST);
        return decide(loaded.rib);
    }

    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public int peerDownFailover(BothPeersLoaded loaded) {
        loaded.rib.peerDown(FIRST);
        return decide(loaded.rib);
    }

    /**
     * What a reflector does when a client comes up after the load: the whole Loc-RIB in the daemon's slices of 20,000
     * routes; the first slice also puts the prefixes that came since the last walk in order.
     */
    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public int locRibDump(FirstPeerLoaded loaded) {
        int[] routes = new int[1];
        Cursor<Prefix> c = Cursor.start();
        while (!c.done()) c = loaded.rib.locRib().walk(c, 20_000, r -> routes[0] += r.paths().size());
        return routes[0];
    }

    /** A new RIB before each invocation. */
    @State(Scope.Thread)
    public static class EmptyRib {
        Rib rib;

        @Setup(Level.Invocation)
        public void create() {
            rib = null;
            System.gc();
            rib = newRib();
        }
    }

    /** A RIB holding the first peer's 200,000 decided paths, rebuilt before each invocation. */
    @State(Scope.Thread)
    public static class FirstPeerLoaded {
        Rib rib;

        @Setup(Level.Invocation)
        public void load(RibBench bench) {
            rib = null;
            rib = bench.loaded(1);
            System.gc();
        }
    }

    /** A RIB holding both peers' 200,000 decided paths (the first's preferred: lower router id), rebuilt each time. */
    @State(Scope.Thread)
    public static class BothPeersLoaded {
        Rib rib;

        @Setup(Level.Invocation)
        public void load(RibBench bench) {
            rib = null;
            rib = bench.loaded(2);
            System.gc();
        }
    }

    Rib loaded(int peers) {
        Rib rib = newRib();
        announce(rib.peerUp(peer(FIRST, "1.1.1.1")), firstNlri, first);
        if (peers == 2) announce(rib.peerUp(peer(SECOND, "2.2.2.2")), secondNlri, second);
        decide(rib);
        return rib;
    }

    /** Decides every dirty prefix in the daemon's slices of 20,000, whose deltas it hands on at once (and drops). */
    private static int decide(Rib rib) {
        int deltas = 0;
        while (rib.dirtyCount() > 0) deltas += rib.decide(20_000).size();
        return deltas;
    }

    private static Rib newRib() {
        return new Rib(new DecisionProcess(), NextHopResolver.ALL_REACHABLE, System::currentTimeMillis);
    }

    private static void announce(AdjRibIn in, Nlri[] nlri, PathAttributes[] sets) {
        for (int i = 0; i < PREFIXES; i++) in.announce(nlri[i], sets[i / PER_UPDATE]);
    }

    private static PathSource.Peer peer(InetAddress address, String routerId) {
        return new PathSource.Peer(address, 64512, (Inet4Address) address(routerId), true, false);
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * What JMH's {@code gc.alloc.rate.norm} cannot tell apart (it counts the {@code Level.Invocation} setups' loads
     * too): the octets each case allocates per path, measured on this thread after a few rounds of warm-up. Then the
     * retained heap: loads 200,000 prefixes from two peers and decides, drops the inputs (each peer's NLRI objects
     * and attribute sets, as the decoder would), and prints the heap in use after a full collection minus the heap
     * in use before the inputs were made: what the RIB keeps, NLRI included, per path and per prefix, before and after
     * a first walk of the Loc-RIB; and the largest classes of the heap histogram.
     * Run: {@code java -cp bench/target/benchmarks.jar dev.corvid.bench.rib.RibBench}.
     */
    public static void main(String[] args) throws Exception {
        RibBench bench = new RibBench();
        long before = usedAfterGc();
        bench.prefixes();
        ThreadMXBean thread = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[5];
        for (int round = 0; round < 5; round++) {
            EmptyRib empty = new EmptyRib();
            empty.create();
            FirstPeerLoaded[] one = new FirstPeerLoaded[3];
            for (int i = 0; i < one.length; i++) {
                one[i] = new FirstPeerLoaded();
                one[i].load(bench);
            }
            BothPeersLoaded two = new BothPeersLoaded();
            two.load(bench);
            long t0 = thread.getCurrentThreadAllocatedBytes();
            bench.firstPeer(empty);
            long t1 = thread.getCurrentThreadAllocatedBytes();
            bench.secondPeer(one[0]);
            long t2 = thread.getCurrentThreadAllocatedBytes();
            bench.peerDown(one[1]);
            long t3 = thread.getCurrentThreadAllocatedBytes();
            bench.peerDownFailover(two);
            long t4 = thread.getCurrentThreadAllocatedBytes();
            bench.locRibDump(one[2]);
            long t5 = thread.getCurrentThreadAllocatedBytes();
            allocated = new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4};
        }
        System.out.printf("allocated per path: firstPeer %.1f B, secondPeer %.1f B, peerDown %.1f B, "
                + "peerDownFailover %.1f B, locRibDump %.1f B%n", allocated[0] / (double) PREFIXES,
                allocated[1] / (double) PREFIXES, allocated[2] / (double) PREFIXES, allocated[3] / (double) PREFIXES,
                allocated[4] / (double) PREFIXES);

        Rib rib = bench.loaded(2);
        bench.firstNlri = bench.secondNlri = null;
        bench.first = bench.second = null;
        retained("retained by the RIB", usedAfterGc() - before);
        FirstPeerLoaded walked = new FirstPeerLoaded();
        walked.rib = rib;
        bench.locRibDump(walked); // what a reflector with clients has done: the walks' prefix order is now built
        retained("after a Loc-RIB walk", usedAfterGc() - before);
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        histogram.lines().limit(14).forEach(System.out::println);
        System.out.println(rib.locRib().size() + " routes");
        Reference.reachabilityFence(rib);
    }

    private static void retained(String what, long bytes) {
        System.out.printf("%s: %,d B for %,d prefixes x 2 paths: %.1f B/path, %.1f B/prefix%n",
                what, bytes, PREFIXES, bytes / (2.0 * PREFIXES), bytes / (double) PREFIXES);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
