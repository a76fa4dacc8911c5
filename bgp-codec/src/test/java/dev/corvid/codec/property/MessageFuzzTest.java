package dev.corvid.codec.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.Keepalive;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.testing.Allocators;
import dev.corvid.codec.testing.LeakCheck;
import dev.corvid.codec.testing.UpdateGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random and mutated messages through {@link MessageCodec#decode}: whatever the octets, the decoder returns a
 * result, reads the frame to its end, never throws, never keeps a reference to the frame and never leaks a buffer.
 * Seeds are valid messages of every type; mutations are bit flips, truncation, length-field edits, inserted and
 * deleted octets, under random session contexts. A failure prints the seed, the iteration and the octets.
 */
@ExtendWith(LeakCheck.class)
class MessageFuzzTest {
    static final int ITERATIONS_PER_SEED = 5000;

    /** An OPEN as a modern peer sends it; written by hand so the fuzz seeds do not depend on the OPEN encoder. */
    static final Bytes OPEN = Bytes.fromHex("""
            ffffffffffffffffffffffffffffffff 0043 01  # header, 67 octets, OPEN
            04 fc00 00b4 0a000001                     # version 4, AS 64512, hold 180, id 10.0.0.1
            26 02 24                                  # Optional Parameters 38: Capabilities, 36 octets
            01 04 0001 00 01                          # multiprotocol IPv4 unicast
            01 04 0002 00 01                          # multiprotocol IPv6 unicast
            02 00                                     # route refresh
            41 04 0000fc00                            # 4-octet AS 64512
            45 08 0001 01 03 0002 01 03               # ADD-PATH send/receive IPv4 and IPv6
            06 00                                     # extended message
            40 02 0078                                # graceful restart, 120 s
            """);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 22, 33, 44, 55})
    void neverThrowsNorLeaksOnMutatedMessages(long seed) {
        Random random = new Random(seed);
        List<byte[]> seeds = seeds(seed);
        int decoded = 0;
        for (int i = 0; i < ITERATIONS_PER_SEED; i++) {
            byte[] input = random.nextInt(10) == 0 ? randomMessage(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            WireContext ctx = new WireContext(random.nextBoolean(), families(random), families(random), random.nextBoolean());
            if (decodeSafely(input, ctx, i % Allocators.TRACKED_EVERY == 0, "seed " + seed + " iteration " + i)) decoded++;
        }
        // Mutations that never get past the header would prove little: both outcomes must be common.
        assertThat(decoded).as("inputs that decoded to a message").isBetween(ITERATIONS_PER_SEED / 20,
                ITERATIONS_PER_SEED - ITERATIONS_PER_SEED / 20);
    }

    /** @return true when the input decoded to a message, false when it was malformed */
    private static boolean decodeSafely(byte[] input, WireContext ctx, boolean tracked, String where) {
        ByteBuf frame = (tracked ? PooledByteBufAllocator.DEFAULT : Allocators.UNTRACKED).buffer(input.length)
                .writeBytes(input);
        DecodeResult result = null;
        try {
            result = MessageCodec.decode(frame, ctx);
            assertThat(result).as(where).isNotNull();
            assertThat(frame.isReadable()).as("%s: frame read to its end, input %s", where, hex(input)).isFalse();
            if (result instanceof DecodeResult.Decoded d) assertThat(d.message()).as(where).isNotNull();
        } catch (RuntimeException | StackOverflowError e) {
            fail(where + " under " + ctx + ": decode threw " + e + " on " + hex(input), e);
        } finally {
            frame.release();
        }
        assertThat(frame.refCnt()).as("%s: the decoder retained the frame, input %s", where, hex(input)).isZero();
        return result instanceof DecodeResult.Decoded;
    }

    /** Valid messages of every type, encoded by {@link MessageCodec} under a few contexts. */
    private static List<byte[]> seeds(long seed) {
        UpdateGenerator gen = new UpdateGenerator(seed);
        List<byte[]> out = new ArrayList<>();
        out.add(OPEN.toArray());
        out.add(encode(Keepalive.INSTANCE, WireContext.DEFAULT));
        out.add(encode(new Notification(Notification.CEASE, 2, Bytes.fromHex("0004 fc00")), WireContext.DEFAULT));
        out.add(encode(new Notification(Notification.UPDATE_MESSAGE_ERROR, 1), WireContext.DEFAULT));
        out.add(encode(RouteRefresh.request(Family.IPV6_UNICAST), WireContext.DEFAULT));
        out.add(encode(new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.END_OF_ROUTE_REFRESH), WireContext.DEFAULT));
        for (int i = 0; i < 40; i++) {
            WireContext ctx = gen.context();
            out.add(encode(gen.update(ctx), ctx));
        }
        return out;
    }

    private static byte[] encode(BgpMessage message, WireContext ctx) {
        ByteBuf buf = MessageCodec.encode(message, ctx, Allocators.UNTRACKED);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static Set<Family> families(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Set.of();
            case 1 -> Set.of(Family.IPV4_UNICAST);
            case 2 -> Set.of(Family.IPV6_UNICAST);
            default -> Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);
        };
    }

    /** One to three mutations; usually the header length is then made to agree so that the body gets parsed. */
    static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            b = switch (random.nextInt(6)) {
                case 0 -> flipBits(b, random);
                case 1 -> java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 2 -> editLengthField(b, random);
                case 3 -> insert(b, random);
                case 4 -> delete(b, random);
                default -> overwrite(b, random);
            };
        }
        if (b.length >= MessageCodec.HEADER_LENGTH && random.nextInt(4) != 0) {
            b[16] = (byte) (b.length >>> 8);
            b[17] = (byte) b.length;
        }
        return b;
    }

    private static byte[] flipBits(byte[] b, Random random) {
        if (b.length == 0) return b;
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            int at = b.length > MessageCodec.HEADER_LENGTH && random.nextInt(5) != 0
                    ? MessageCodec.HEADER_LENGTH + random.nextInt(b.length - MessageCodec.HEADER_LENGTH)
                    : random.nextInt(b.length);
            b[at] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    /** Rewrites a 1- or 2-octet value somewhere past the marker: nudged by one, zeroed, maxed, or random. */
    private static byte[] editLengthField(byte[] b, Random random) {
        if (b.length < 18) return b;
        int at = 16 + random.nextInt(b.length - 17);
        int value = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
        value = switch (random.nextInt(5)) {
            case 0 -> value + 1;
            case 1 -> value - 1;
            case 2 -> 0;
            case 3 -> 0xFFFF;
            default -> random.nextInt(0x10000);
        };
        if (random.nextBoolean()) {
            b[at] = (byte) (value >>> 8);
            b[at + 1] = (byte) value;
        } else {
            b[at + 1] = (byte) value;
        }
        return b;
    }

    private static byte[] insert(byte[] b, Random random) {
        int at = random.nextInt(b.length + 1);
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        byte[] out = new byte[b.length + extra.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(b, at, out, at + extra.length, b.length - at);
        return out;
    }

    private static byte[] delete(byte[] b, Random random) {
        if (b.length == 0) return b;
        int at = random.nextInt(b.length);
        int n = 1 + random.nextInt(Math.min(16, b.length - at));
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + n, out, at, b.length - at - n);
        return out;
    }

    private static byte[] overwrite(byte[] b, Random random) {
        if (b.length == 0) return b;
        int at = random.nextInt(b.length);
        int n = 1 + random.nextInt(Math.min(8, b.length - at));
        for (int i = at; i < at + n; i++) b[i] = (byte) random.nextInt(256);
        return b;
    }

    /** Random octets; half the time behind a valid marker, a known type and a length that agrees. */
    static byte[] randomMessage(Random random) {
        byte[] b = new byte[random.nextInt(300)];
        random.nextBytes(b);
        if (b.length >= MessageCodec.HEADER_LENGTH && random.nextBoolean()) {
            java.util.Arrays.fill(b, 0, 16, (byte) 0xFF);
            b[16] = (byte) (b.length >>> 8);
            b[17] = (byte) b.length;
            b[18] = (byte) (1 + random.nextInt(5));
        }
        return b;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
