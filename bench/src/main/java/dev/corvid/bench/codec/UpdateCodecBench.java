package dev.corvid.bench.codec;

import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 * Decode (through {@link MessageCodec#decode}, as the session does) and encode of one full UPDATE: a 4096-octet and a
 * 65535-octet message of IPv4 /24s or IPv6 /48s. Each benchmark declares the prefixes of its message as operations,
 * so JMH's ops/s is prefixes/s and {@code gc.alloc.rate.norm} is octets allocated per prefix.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled"})
public class UpdateCodecBench {
    static final int IPV4_IN_4096 = 1000;
    static final int IPV4_IN_65535 = 16000;
    static final int IPV6_IN_4096 = 560;
    static final int IPV6_IN_65535 = 9000;

    ByteBuf ipv4Small, ipv4Large, ipv6Small, ipv6Large;
    Update ipv4SmallUpdate, ipv4LargeUpdate, ipv6SmallUpdate, ipv6LargeUpdate;
    ByteBuf out;

    @Setup
    public void setUp() {
        ipv4Small = BenchUpdates.singleMessage(true, IPV4_IN_4096, BenchUpdates.CTX_4096);
        ipv4Large = BenchUpdates.singleMessage(true, IPV4_IN_65535, BenchUpdates.CTX_65535);
        ipv6Small = BenchUpdates.singleMessage(false, IPV6_IN_4096, BenchUpdates.CTX_4096);
        ipv6Large = BenchUpdates.singleMessage(false, IPV6_IN_65535, BenchUpdates.CTX_65535);
        ipv4SmallUpdate = decodeOnce(ipv4Small);
        ipv4LargeUpdate = decodeOnce(ipv4Large);
        ipv6SmallUpdate = decodeOnce(ipv6Small);
        ipv6LargeUpdate = decodeOnce(ipv6Large);
        out = Unpooled.buffer(65535);
    }

    private static Update decodeOnce(ByteBuf frame) {
        DecodeResult r = MessageCodec.decode(frame.duplicate(), BenchUpdates.CTX_65535);
        if (!(r instanceof DecodeResult.Decoded d) || !d.errors().isEmpty()) {
            throw new IllegalStateException("benchmark message does not decode cleanly: " + r);
        }
        return (Update) d.message();
    }

    private static DecodeResult decode(ByteBuf frame, WireContext ctx) {
        frame.readerIndex(0);
        return MessageCodec.decode(frame, ctx);
    }

    private ByteBuf encode(Update update, WireContext ctx) {
        out.clear();
        MessageCodec.encode(update, ctx, out);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(IPV4_IN_4096)
    public DecodeResult decodeIpv4In4096() {
        return decode(ipv4Small, BenchUpdates.CTX_4096);
    }

    @Benchmark
    @OperationsPerInvocation(IPV4_IN_65535)
    public DecodeResult decodeIpv4In65535() {
        return decode(ipv4Large, BenchUpdates.CTX_65535);
    }

    @Benchmark
    @OperationsPerInvocation(IPV6_IN_4096)
    public DecodeResult decodeIpv6In4096() {
        return decode(ipv6Small, BenchUpdates.CTX_4096);
    }

    @Benchmark
    @OperationsPerInvocation(IPV6_IN_65535)
    public DecodeResult decodeIpv6In65535() {
        return decode(ipv6Large, BenchUpdates.CTX_65535);
    }

    @Benchmark
    @OperationsPerInvocation(IPV4_IN_4096)
    public ByteBuf encodeIpv4In4096() {
        return encode(ipv4SmallUpdate, BenchUpdates.CTX_4096);
    }

    @Benchmark
    @OperationsPerInvocation(IPV4_IN_65535)
    public ByteBuf encodeIpv4In65535() {
        return encode(ipv4LargeUpdate, BenchUpdates.CTX_65535);
    }

    @Benchmark
    @OperationsPerInvocation(IPV6_IN_4096)
    public ByteBuf encodeIpv6In4096() {
        return encode(ipv6SmallUpdate, BenchUpdates.CTX_4096);
    }

    @Benchmark
    @OperationsPerInvocation(IPV6_IN_65535)
    public ByteBuf encodeIpv6In65535() {
        return encode(ipv6LargeUpdate, BenchUpdates.CTX_65535);
    }
}
