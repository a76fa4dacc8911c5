package dev.corvid.codec.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.capability.AddPath;
import dev.corvid.codec.capability.BgpRole;
import dev.corvid.codec.capability.CapabilitiesParameter;
import dev.corvid.codec.capability.Capability;
import dev.corvid.codec.capability.CiscoRouteRefresh;
import dev.corvid.codec.capability.EnhancedRouteRefresh;
import dev.corvid.codec.capability.ExtendedMessage;
import dev.corvid.codec.capability.ExtendedNextHop;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.Fqdn;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.capability.LongLivedGracefulRestart;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.capability.RouteRefreshCapability;
import dev.corvid.codec.capability.UnknownCapability;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of OPEN, NOTIFICATION and ROUTE-REFRESH: {@code decode(encode(m)).equals(m)} for random messages,
 * and random corruptions of their octets decode to some outcome without throwing. A failure names its seed and hex.
 */
class ControlMessageRoundTripTest {
    private static final int PER_SEED = 250;
    private static final Set<Integer> KNOWN_CODES = Set.of(1, 2, 5, 6, 9, 64, 65, 69, 70, 71, 73, 128);
    private static final int[] NAME_CODE_POINTS = {'a', 'z', '0', '-', '.', 'é', 'œ', '→', 0x1F426};

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomOpensSurviveEncodeThenDecode(long seed) {
        roundTrips(seed, ControlMessageRoundTripTest::randomOpen);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomNotificationsSurviveEncodeThenDecode(long seed) {
        roundTrips(seed, ControlMessageRoundTripTest::randomNotification);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomRouteRefreshesSurviveEncodeThenDecode(long seed) {
        roundTrips(seed, r -> new RouteRefresh(Family.of(r.nextInt(0x10000), r.nextInt(256)), r.nextInt(256)));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void corruptedMessagesDecodeWithoutThrowing(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < PER_SEED; i++) {
            BgpMessage m = switch (random.nextInt(3)) {
                case 0 -> randomOpen(random);
                case 1 -> randomNotification(random);
                default -> new RouteRefresh(Family.of(random.nextInt(0x10000), random.nextInt(256)), random.nextInt(3));
            };
            byte[] octets = MessageWire.encodeUntracked(m, WireContext.FOUR_OCTET_AS).toArray();
            byte[] mutated = mutate(random, octets);
            try {
                DecodeResult result = MessageWire.decode(Bytes.of(mutated), WireContext.FOUR_OCTET_AS);
                assertThat(result).isNotNull();
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + " message " + i + ": " + Bytes.of(mutated).hex(), e);
            }
        }
    }

    /** Flips, overwrites, cuts or extends the body, then sets the header length to match, so the body codec runs. */
    private static byte[] mutate(Random random, byte[] octets) {
        byte[] out = octets;
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (out.length > 19) out[19 + random.nextInt(out.length - 19)] ^= (byte) (1 << random.nextInt(8));
                }
                case 1 -> {
                    if (out.length > 19) out[19 + random.nextInt(out.length - 19)] = (byte) random.nextInt(256);
                }
                case 2 -> out = Arrays.copyOf(out, Math.max(19, out.length - 1 - random.nextInt(8)));
                default -> {
                    byte[] longer = Arrays.copyOf(out, out.length + 1 + random.nextInt(8));
                    for (int k = out.length; k < longer.length; k++) longer[k] = (byte) random.nextInt(256);
                    out = longer;
                }
            }
        }
        out[16] = (byte) (out.length >>> 8);
        out[17] = (byte) out.length;
        return out;
    }

    private static void roundTrips(long seed, Function<Random, BgpMessage> generator) {
        Random random = new Random(seed);
        for (int i = 0; i < PER_SEED; i++) {
            BgpMessage m = generator.apply(random);
            Bytes wire = null;
            try {
                wire = MessageWire.encodeUntracked(m, WireContext.FOUR_OCTET_AS);
                BgpMessage back = MessageWire.decoded(MessageWire.decode(wire));
                assertThat(back).isEqualTo(m);
                // Encoding the decoded message gives the same octets again.
                assertThat(MessageWire.encodeUntracked(back, WireContext.FOUR_OCTET_AS)).isEqualTo(wire);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + " message " + i + ": " + m + "\nhex " + wire, e);
            }
        }
    }

    static Open randomOpen(Random r) {
        List<Capability> capabilities = new ArrayList<>();
        int count = r.nextInt(12);
        int role = r.nextInt(6);
        for (int i = 0; i < count; i++) capabilities.add(randomCapability(r, role));
        // Now and then something large, so that the parameters need the RFC 9072 extended lengths.
        if (r.nextInt(5) == 0) capabilities.add(new UnknownCapability(unknownCode(r), Bytes.of(randomOctets(r, 255))));
        List<CapabilitiesParameter> parameters = new ArrayList<>();
        switch (r.nextInt(3)) {
            case 0 -> { // BIRD: all in one (or none)
                if (!capabilities.isEmpty() || r.nextBoolean()) parameters.add(new CapabilitiesParameter(capabilities));
            }
            case 1 -> capabilities.forEach(c -> parameters.add(CapabilitiesParameter.of(c))); // FRR, GoBGP
            default -> { // anything in between, empty parameters included
                int at = 0;
                while (at < capabilities.size() || r.nextInt(4) == 0) {
                    int take = Math.min(capabilities.size() - at, r.nextInt(4));
                    parameters.add(new CapabilitiesParameter(capabilities.subList(at, at + take)));
                    at += take;
                }
            }
        }
        int holdTime = r.nextBoolean() ? 0 : 3 + r.nextInt(0x10000 - 3);
        int identifier;
        do identifier = r.nextInt(); while (identifier == 0);
        String id = (identifier >>> 24) + "." + (identifier >>> 16 & 0xFF) + "." + (identifier >>> 8 & 0xFF) + "."
                + (identifier & 0xFF);
        return new Open(Open.VERSION, r.nextInt(0x10000), holdTime, MessageWire.ip(id), parameters);
    }

    private static Capability randomCapability(Random r, int role) {
        return switch (r.nextInt(13)) {
            case 0 -> new Multiprotocol(family(r));
            case 1 -> new RouteRefreshCapability();
            case 2 -> new CiscoRouteRefresh();
            case 3 -> new EnhancedRouteRefresh();
            case 4 -> new ExtendedMessage();
            case 5 -> new FourOctetAs(r.nextLong(0x1_0000_0000L));
            case 6 -> new BgpRole(role); // RFC 9234 §4.2: differing roles in one OPEN are a Role Mismatch
            case 7 -> new GracefulRestart(r.nextInt(16), r.nextInt(4096),
                    list(r, 8, () -> new GracefulRestart.Tuple(family(r), r.nextInt(256))));
            case 8 -> new LongLivedGracefulRestart(
                    list(r, 8, () -> new LongLivedGracefulRestart.Tuple(family(r), r.nextInt(256),
                            r.nextInt(0x1000000))));
            case 9 -> new AddPath(list(r, 8, () -> new AddPath.Tuple(family(r), r.nextInt(256))));
            case 10 -> new ExtendedNextHop(list(r, 8, () -> new ExtendedNextHop.Tuple(family(r), r.nextInt(0x10000))));
            case 11 -> new Fqdn(name(r, 60), name(r, 60));
            default -> new UnknownCapability(unknownCode(r), Bytes.of(randomOctets(r, 40)));
        };
    }

    private static <T> List<T> list(Random r, int max, Supplier<T> element) {
        List<T> out = new ArrayList<>();
        for (int i = r.nextInt(max); i > 0; i--) out.add(element.get());
        return out;
    }

    private static Family family(Random r) {
        return r.nextBoolean() ? (r.nextBoolean() ? Family.IPV4_UNICAST : Family.IPV6_UNICAST)
                : Family.of(r.nextInt(0x10000), r.nextInt(256));
    }

    private static int unknownCode(Random r) {
        int code;
        do code = r.nextInt(256); while (KNOWN_CODES.contains(code));
        return code;
    }

    private static String name(Random r, int maxOctets) {
        StringBuilder s = new StringBuilder();
        int length = r.nextInt(20);
        for (int i = 0; i < length; i++) {
            String next = Character.toString(NAME_CODE_POINTS[r.nextInt(NAME_CODE_POINTS.length)]);
            if ((s + next).getBytes(StandardCharsets.UTF_8).length > maxOctets) break;
            s.append(next);
        }
        return s.toString();
    }

    private static byte[] randomOctets(Random r, int max) {
        byte[] octets = new byte[r.nextInt(max + 1)];
        r.nextBytes(octets);
        return octets;
    }

    static Notification randomNotification(Random r) {
        if (r.nextInt(4) == 0) {
            return Notification.shutdown(r.nextBoolean() ? 2 : 4, name(r, 1000).repeat(1 + r.nextInt(30)));
        }
        return new Notification(r.nextInt(256), r.nextInt(256), Bytes.of(randomOctets(r, 300)));
    }
}
