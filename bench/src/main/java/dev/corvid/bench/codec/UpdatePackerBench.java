package dev.corvid.bench.codec;

import dev.corvid.codec.Family;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.message.UpdatePacker;
import dev.corvid.codec.nlri.Nlri;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link UpdatePacker} packing 100,000 prefixes with one attribute set into 4096-octet UPDATEs from a pooled
 * allocator; the sink releases each message as a channel write would. Operations are prefixes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled"})
public class UpdatePackerBench {
    static final int PREFIXES = 100_000;

    List<Nlri> ipv4;
    List<Nlri> ipv6;
    List<PathAttribute> ipv4Attributes;
    List<PathAttribute> ipv6Attributes;
    long octets;

    @Setup
    public void setUp() {
        ipv4 = BenchUpdates.ipv4Slash24s(PREFIXES);
        ipv6 = BenchUpdates.ipv6Slash48s(PREFIXES);
        ipv4Attributes = BenchUpdates.attributes(true);
        ipv6Attributes = BenchUpdates.attributes(false);
    }

    private void release(ByteBuf message) {
        octets += message.readableBytes();
        message.release();
    }

    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public int packIpv4() {
        return UpdatePacker.announce(Family.IPV4_UNICAST, ipv4Attributes, null, ipv4, BenchUpdates.CTX_4096,
                PooledByteBufAllocator.DEFAULT, this::release);
    }

    @Benchmark
    @OperationsPerInvocation(PREFIXES)
    public int packIpv6() {
        return UpdatePacker.announce(Family.IPV6_UNICAST, ipv6Attributes, BenchUpdates.IPV6_NEXT_HOP, ipv6,
                BenchUpdates.CTX_4096, PooledByteBufAllocator.DEFAULT, this::release);
    }
}
