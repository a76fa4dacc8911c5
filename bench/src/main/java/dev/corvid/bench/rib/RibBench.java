package dev.corvid.bench.rib;

import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.Communities;
import dev.corvid.codec.attribute.MultiExitDisc;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.rib.AdjRibIn;
import dev.corvid.rib.DecisionProcess;
import dev.corvid.rib.NextHopResolver;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import dev.corvid.rib.Rib;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * 200,000 IPv4 /24s into a fresh {@link Rib} and one {@code decide()}: first from one peer ({@code firstPeer}), then
 * the same prefixes from a second peer into a RIB that already holds the first peer's ({@code secondPeer}: every
 * decision now compares two paths). The prefixes arrive 100 to an attribute set, as packed UPDATEs bring them, each
 * set a fresh object that the RIB interns. Operations are paths, so ops/s = paths/s and {@code gc.alloc.rate.norm}
 * = octets allocated per path. The setup runs on the benchmark thread, which therefore owns the RIB.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RibBench {
    static final int PREFIXES = 200_000;
    static final int PER_UPDATE = 100;

    private Nlri[] nlri;
    private PathAttributes[] first;
    private PathAttributes[] second;

    @Setup(Level.Trial)
    public void prefixes() {
        nlri = new Nlri[PREFIXES];
        for (int i = 0; i < PREFIXES; i++) nlri[i] = Nlri.of(new Ipv4Prefix(0x0A00_0000 + (i << 8), 24));
        first = sets("10.0.0.1", 65001);
        second = sets("10.0.0.2", 65002);
    }

    /** One attribute set per UPDATE; equal sets (MED cycles through 10 values) are distinct objects, as decoded. */
    private static PathAttributes[] sets(String nextHop, long asn) {
        PathAttributes[] out = new PathAttributes[PREFIXES / PER_UPDATE];
        for (int u = 0; u < out.length; u++) {
            List<PathAttribute> a = List.of(Origin.IGP, AsPath.sequence(asn, 4_200_000_000L),
                    new MultiExitDisc(u % 10), new Communities(List.of(0xfc000064, 0xfc0000c8)));
            out[u] = PathAttributes.of(a, address(nextHop), Optional.empty());
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public int firstPeer(EmptyRib empty) {
        announce(empty.rib.peerUp(peer("10.0.0.1", "1.1.1.1")), first);
        return empty.rib.decide().size();
    }

    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public int secondPeer(FirstPeerLoaded loaded) {
        announce(loaded.rib.peerUp(peer("10.0.0.2", "2.2.2.2")), second);
        return loaded.rib.decide().size();
    }

    /** A new RIB before each invocation of {@code firstPeer}. */
    @State(Scope.Thread)
    public static class EmptyRib {
        Rib rib;

        @Setup(Level.Invocation)
        public void create() {
            rib = newRib();
        }
    }

    /** A RIB holding the first peer's 200,000 decided paths, rebuilt before each invocation of {@code secondPeer}. */
    @State(Scope.Thread)
    public static class FirstPeerLoaded {
        Rib rib;

        @Setup(Level.Invocation)
        public void load(RibBench bench) {
            rib = newRib();
            bench.announce(rib.peerUp(peer("10.0.0.1", "1.1.1.1")), bench.first);
            rib.decide();
        }
    }

    private static Rib newRib() {
        return new Rib(new DecisionProcess(), NextHopResolver.ALL_REACHABLE, System::currentTimeMillis);
    }

    private void announce(AdjRibIn in, PathAttributes[] sets) {
        for (int i = 0; i < PREFIXES; i++) in.announce(nlri[i], sets[i / PER_UPDATE]);
    }

    private static PathSource.Peer peer(String address, String routerId) {
        return new PathSource.Peer(address(address), 64512, (Inet4Address) address(routerId), true, false);
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
