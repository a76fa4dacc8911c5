package dev.corvid.codec.testing;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.Aggregator;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.AsPathSegment;
import dev.corvid.codec.attribute.AtomicAggregate;
import dev.corvid.codec.attribute.ClusterList;
import dev.corvid.codec.attribute.Communities;
import dev.corvid.codec.attribute.ExtendedCommunities;
import dev.corvid.codec.attribute.Ipv6ExtendedCommunities;
import dev.corvid.codec.attribute.LargeCommunities;
import dev.corvid.codec.attribute.LargeCommunity;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.MpReach;
import dev.corvid.codec.attribute.MpUnreach;
import dev.corvid.codec.attribute.MultiExitDisc;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.OriginatorId;
import dev.corvid.codec.attribute.Otc;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.attribute.UnknownAttribute;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Ipv6Prefix;
import dev.corvid.codec.nlri.Nlri;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random valid UPDATEs: every attribute record the codec round-trips (AS4_PATH / AS4_AGGREGATOR are not
 * generated: the decoder merges them into AS_PATH / AGGREGATOR on 2-octet sessions and drops them on 4-octet ones),
 * IPv4 and IPv6 NLRI, MP_REACH_NLRI with 16- and 32-octet next hops, and path identifiers exactly where the
 * context sends them. Attributes come in the order a careful sender uses: MP_REACH_NLRI / MP_UNREACH_NLRI first
 * (RFC 7606 §5.1), then by type code (RFC 4271 §5). Same seed, same messages.
 */
public final class UpdateGenerator {
    /** Type codes of generated unknown attributes: unassigned in IANA's registry, so no decoder interprets them. */
    private static final int UNKNOWN_TYPE_FIRST = 200;
    private static final int UNKNOWN_TYPE_LAST = 254;
    private static final long AS_TRANS = 23456;

    private final Random random;

    public UpdateGenerator(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** A random session context: AS size, ADD-PATH families (both directions), message size. */
    public WireContext context() {
        Set<Family> addPath = switch (random.nextInt(4)) {
            case 0 -> Set.of();
            case 1 -> Set.of(Family.IPV4_UNICAST);
            case 2 -> Set.of(Family.IPV6_UNICAST);
            default -> Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);
        };
        return new WireContext(random.nextBoolean(), addPath, addPath, random.nextBoolean());
    }

    /** A valid UPDATE as {@code ctx} sends it, small enough for a 4096-octet message. */
    public Update update(WireContext ctx) {
        return switch (random.nextInt(8)) {
            case 0, 1 -> ipv4Announce(ctx);
            case 2 -> new Update(ipv4Nlri(1 + random.nextInt(40), ctx), List.of(), List.of());
            case 3, 4 -> ipv6Announce(ctx);
            case 5 -> new Update(List.of(), List.of(new MpUnreach(Family.IPV6_UNICAST, ipv6Nlri(1 + random.nextInt(30), ctx))),
                    List.of());
            case 6 -> Update.endOfRib(random.nextBoolean() ? Family.IPV4_UNICAST : Family.IPV6_UNICAST);
            default -> everythingAtOnce(ctx);
        };
    }

    private Update ipv4Announce(WireContext ctx) {
        List<Nlri> withdrawn = random.nextInt(4) == 0 ? ipv4Nlri(1 + random.nextInt(10), ctx) : List.of();
        return new Update(withdrawn, pathAttributes(ctx, true, List.of()), ipv4Nlri(1 + random.nextInt(40), ctx));
    }

    private Update ipv6Announce(WireContext ctx) {
        MpReach reach = new MpReach(Family.IPV6_UNICAST, ipv6NextHop(), ipv6Nlri(1 + random.nextInt(30), ctx));
        return new Update(List.of(), pathAttributes(ctx, false, List.of(reach)), List.of());
    }

    /** What RFC 7606 §5.1 tells senders not to do and receivers to accept: every NLRI field in one message. */
    private Update everythingAtOnce(WireContext ctx) {
        MpReach reach = new MpReach(Family.IPV6_UNICAST, ipv6NextHop(), ipv6Nlri(1 + random.nextInt(10), ctx));
        MpUnreach unreach = new MpUnreach(Family.IPV6_UNICAST, ipv6Nlri(1 + random.nextInt(10), ctx));
        return new Update(ipv4Nlri(1 + random.nextInt(10), ctx), pathAttributes(ctx, true, List.of(reach, unreach)),
                ipv4Nlri(1 + random.nextInt(10), ctx));
    }

    /**
     * ORIGIN and AS_PATH, NEXT_HOP when {@code nextHop}, and a random selection of every other attribute, after the
     * {@code first} ones.
     */
    public List<PathAttribute> pathAttributes(WireContext ctx, boolean nextHop, List<PathAttribute> first) {
        List<PathAttribute> rest = new ArrayList<>();
        rest.add(Origin.of(random.nextInt(3)));
        rest.add(asPath(ctx));
        if (nextHop) rest.add(new NextHop(ipv4Address(10)));
        if (chance()) rest.add(new MultiExitDisc(unsigned32()));
        if (chance()) rest.add(new LocalPref(unsigned32()));
        if (chance()) rest.add(AtomicAggregate.INSTANCE);
        if (chance()) rest.add(new Aggregator(asn(), ipv4Address(random.nextInt(223) + 1)));
        if (chance()) rest.add(new Communities(ints(1 + random.nextInt(8))));
        if (chance()) rest.add(new OriginatorId(ipv4Address(random.nextInt(223) + 1)));
        if (chance()) rest.add(new ClusterList(addresses(1 + random.nextInt(4))));
        if (chance()) rest.add(new ExtendedCommunities(longs(1 + random.nextInt(4))));
        if (chance()) rest.add(new Ipv6ExtendedCommunities(octetRuns(1 + random.nextInt(3), 20)));
        if (chance()) rest.add(new LargeCommunities(largeCommunities(1 + random.nextInt(4))));
        if (chance()) rest.add(new Otc(unsigned32()));
        if (chance()) {
            int flags = PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE
                    | (random.nextBoolean() ? PathAttribute.FLAG_PARTIAL : 0);
            int type = UNKNOWN_TYPE_FIRST + random.nextInt(UNKNOWN_TYPE_LAST - UNKNOWN_TYPE_FIRST + 1);
            rest.add(new UnknownAttribute(flags, type, octets(1 + random.nextInt(40))));
        }
        rest.sort(Comparator.comparingInt(PathAttribute::typeCode));
        List<PathAttribute> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }

    public AsPath asPath(WireContext ctx) {
        int segments = random.nextInt(4);
        List<AsPathSegment> list = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            // Confederation segments come first (RFC 5065 §3) and, on 2-octet sessions, hold 2-octet ASes only:
            // RFC 6793 §3 keeps them out of AS4_PATH, so a 4-octet AS there could not be carried.
            boolean confed = s == 0 && random.nextInt(4) == 0;
            AsPathSegment.Type type = confed
                    ? (random.nextBoolean() ? AsPathSegment.Type.AS_CONFED_SEQUENCE : AsPathSegment.Type.AS_CONFED_SET)
                    : (random.nextInt(4) == 0 || previousIsSequence(list) ? AsPathSegment.Type.AS_SET
                            : AsPathSegment.Type.AS_SEQUENCE);
            List<Long> asns = new ArrayList<>();
            for (int i = 1 + random.nextInt(5); i > 0; i--) asns.add(confed && !ctx.fourOctetAs() ? asn2() : asn());
            list.add(new AsPathSegment(type, asns));
        }
        return new AsPath(list);
    }

    /**
     * Two AS_SEQUENCE segments in a row are one path written two ways; the RFC 6793 merge on 2-octet sessions
     * joins them, so generated paths use the joined form.
     */
    private static boolean previousIsSequence(List<AsPathSegment> segments) {
        return !segments.isEmpty() && segments.getLast().type() == AsPathSegment.Type.AS_SEQUENCE;
    }

    public List<Nlri> ipv4Nlri(int count, WireContext ctx) {
        boolean addPath = ctx.addPathSend(Family.IPV4_UNICAST);
        List<Nlri> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(new Nlri(ipv4Prefix(), addPath ? random.nextInt() : 0));
        return out;
    }

    public List<Nlri> ipv6Nlri(int count, WireContext ctx) {
        boolean addPath = ctx.addPathSend(Family.IPV6_UNICAST);
        List<Nlri> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(new Nlri(ipv6Prefix(), addPath ? random.nextInt() : 0));
        return out;
    }

    public Ipv4Prefix ipv4Prefix() {
        return new Ipv4Prefix(random.nextInt(), random.nextInt(33));
    }

    public Ipv6Prefix ipv6Prefix() {
        return new Ipv6Prefix(random.nextLong(), random.nextLong(), random.nextInt(129));
    }

    /** A global IPv6 next hop (16 octets) or global plus link-local (32 octets, RFC 2545 §3). */
    public Bytes ipv6NextHop() {
        byte[] global = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) (1 + random.nextInt(254))};
        if (random.nextBoolean()) return Bytes.of(global);
        byte[] both = new byte[32];
        System.arraycopy(global, 0, both, 0, 16);
        both[16] = (byte) 0xfe;
        both[17] = (byte) 0x80;
        for (int i = 24; i < 32; i++) both[i] = (byte) random.nextInt(256);
        return Bytes.of(both);
    }

    public Inet4Address ipv4Address(int firstOctet) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) firstOctet, (byte) random.nextInt(256),
                    (byte) random.nextInt(256), (byte) (1 + random.nextInt(254))});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private boolean chance() {
        return random.nextInt(3) == 0;
    }

    private long unsigned32() {
        return random.nextInt() & 0xFFFF_FFFFL;
    }

    /** A 2- or 4-octet AS number other than AS_TRANS (which would make the RFC 6793 merge ambiguous). */
    private long asn() {
        return random.nextBoolean() ? asn2() : 65536 + (unsigned32() % (0xFFFF_FFFFL - 65536));
    }

    private long asn2() {
        long asn = 1 + random.nextInt(65535);
        return asn == AS_TRANS ? asn + 1 : asn;
    }

    private List<Integer> ints(int count) {
        List<Integer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(random.nextInt());
        return out;
    }

    private List<Long> longs(int count) {
        List<Long> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(random.nextLong());
        return out;
    }

    private List<Inet4Address> addresses(int count) {
        List<Inet4Address> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(ipv4Address(random.nextInt(223) + 1));
        return out;
    }

    private List<LargeCommunity> largeCommunities(int count) {
        List<LargeCommunity> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(new LargeCommunity(random.nextInt(), random.nextInt(), random.nextInt()));
        return out;
    }

    private List<Bytes> octetRuns(int count, int length) {
        List<Bytes> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(octets(length));
        return out;
    }

    public Bytes octets(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return Bytes.of(b);
    }
}
