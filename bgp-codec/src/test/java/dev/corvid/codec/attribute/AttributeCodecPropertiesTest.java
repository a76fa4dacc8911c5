package dev.corvid.codec.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPathSegment.Type;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Ipv6Prefix;
import dev.corvid.codec.nlri.Nlri;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random attribute sets and octets: round trips hold, and nothing throws or leaks. A failure names its seed. */
class AttributeCodecPropertiesTest {
    private static final Set<Family> ADD_PATH = Set.of(Family.IPV4_UNICAST);

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decodeOfEncodeGivesTheSameAttributes(long seed) {
        Random random = new Random(seed);
        for (boolean fourOctetAs : new boolean[] {false, true}) {
            WireContext ctx = new WireContext(fourOctetAs, ADD_PATH, ADD_PATH, false);
            List<PathAttribute> attributes = randomAttributes(random);
            Bytes wire = Wire.encode(attributes, ctx);
            AttributeResult decoded = Wire.decode(wire, ctx);
            assertThat(decoded.reset()).as("seed %d", seed).isNull();
            assertThat(decoded.errors()).as("seed %d", seed).isEmpty();
            assertThat(decoded.attributes()).as("seed %d", seed).isEqualTo(attributes);
            assertThat(Wire.encode(decoded.attributes(), ctx)).as("seed %d", seed).isEqualTo(wire);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomAndMutatedOctetsNeverThrow(long seed) {
        Random random = new Random(seed);
        byte[] noise = new byte[random.nextInt(64)];
        random.nextBytes(noise);
        Wire.decode(Bytes.of(noise), WireContext.DEFAULT);
        Wire.decode(Bytes.of(noise), WireContext.FOUR_OCTET_AS);

        WireContext ctx = new WireContext(random.nextBoolean(), ADD_PATH, ADD_PATH, false);
        byte[] mutated = Wire.encode(randomAttributes(random), ctx).toArray();
        for (int i = 0; i < 1 + random.nextInt(4) && mutated.length > 0; i++) {
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
        AttributeResult r = Wire.decode(Bytes.of(mutated), ctx.withFourOctetAs(random.nextBoolean()));
        assertThat(r).as("seed %d", seed).isNotNull();
    }

    private static List<PathAttribute> randomAttributes(Random r) {
        List<PathAttribute> all = new ArrayList<>();
        all.add(Origin.of(r.nextInt(3)));
        all.add(randomAsPath(r));
        all.add(new NextHop(address(r, 1 + r.nextInt(223))));
        all.add(new MultiExitDisc(r.nextLong(0, 0x1_0000_0000L)));
        all.add(new LocalPref(r.nextLong(0, 0x1_0000_0000L)));
        all.add(AtomicAggregate.INSTANCE);
        all.add(new Aggregator(asn(r), address(r, 10)));
        all.add(new Communities(r.ints(1 + r.nextInt(80)).boxed().toList()));
        all.add(new OriginatorId(address(r, 10)));
        all.add(new ClusterList(Stream.generate(() -> address(r, 10)).limit(1 + r.nextInt(4)).toList()));
        all.add(new ExtendedCommunities(r.longs(1 + r.nextInt(3)).boxed().toList()));
        all.add(new Ipv6ExtendedCommunities(List.of(randomBytes(r, 20))));
        all.add(new LargeCommunities(List.of(new LargeCommunity(r.nextInt(), r.nextInt(), r.nextInt()))));
        all.add(new Otc(r.nextLong(1, 0x1_0000_0000L)));
        all.add(new UnknownAttribute(r.nextBoolean() ? 0xC0 : 0xE0, 200 + r.nextInt(50), randomBytes(r, r.nextInt(300))));
        all.add(randomMpReach(r));
        all.add(new MpUnreach(Family.IPV6_UNICAST, List.of(Nlri.of(new Ipv6Prefix(r.nextLong(), r.nextLong(), r.nextInt(129))))));
        List<PathAttribute> picked = new ArrayList<>();
        for (PathAttribute a : all) if (r.nextInt(3) > 0) picked.add(a);
        Collections.shuffle(picked, r);
        return picked;
    }

    private static AsPath randomAsPath(Random r) {
        List<AsPathSegment> segments = new ArrayList<>();
        // Confederation segments lead the path, as RFC 5065 §6 prepends them. Their ASes are 2-octet: RFC 6793
        // §4.2.2 leaves confederation segments out of AS4_PATH, so a 4-octet member AS cannot cross an OLD session.
        if (r.nextInt(4) == 0) {
            segments.add(new AsPathSegment(Type.AS_CONFED_SEQUENCE,
                    Stream.generate(() -> r.nextLong(1, 65536)).limit(1 + r.nextInt(3)).toList()));
        }
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            segments.add(new AsPathSegment(r.nextInt(4) == 0 ? Type.AS_SET : Type.AS_SEQUENCE, asns(r, 1 + r.nextInt(6))));
        }
        return new AsPath(segments);
    }

    private static MpReach randomMpReach(Random r) {
        if (r.nextBoolean()) {
            return new MpReach(Family.IPV4_UNICAST, randomBytes(r, r.nextBoolean() ? 4 : 16),
                    List.of(new Nlri(new Ipv4Prefix(r.nextInt(), r.nextInt(33)), r.nextInt())));
        }
        return new MpReach(new Family(1, 128), randomBytes(r, 12), List.of(), randomBytes(r, r.nextInt(20)));
    }

    private static List<Long> asns(Random r, int n) {
        return Stream.generate(() -> asn(r)).limit(n).toList();
    }

    private static long asn(Random r) {
        return r.nextBoolean() ? r.nextLong(1, 65536) : r.nextLong(1, 0x1_0000_0000L);
    }

    private static Bytes randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return Bytes.of(b);
    }

    private static Inet4Address address(Random r, int firstOctet) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) firstOctet, (byte) r.nextInt(256),
                    (byte) r.nextInt(256), (byte) (1 + r.nextInt(254))});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
