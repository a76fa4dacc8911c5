package dev.corvid.rib;

import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.AsPathSegment;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.MultiExitDisc;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Nlri;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builders for peers, attribute sets and paths in tests. */
final class Fixtures {
    private Fixtures() {}

    static final Nlri NLRI = Nlri.parse("10.244.1.0/26");

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Inet4Address ip4(String text) {
        return (Inet4Address) ip(text);
    }

    static PathSource.Peer ibgp(String address, String routerId) {
        return new PathSource.Peer(ip(address), 64512, ip4(routerId), true, false);
    }

    static PathSource.Peer ebgp(String address, long asn, String routerId) {
        return new PathSource.Peer(ip(address), asn, ip4(routerId), false, false);
    }

    static PathAttributes attrs(String nextHop, PathAttribute... extra) {
        List<PathAttribute> list = new ArrayList<>(List.of(Origin.IGP, AsPath.EMPTY));
        list.addAll(Arrays.asList(extra));
        // Later entries replace earlier ones of the same type, so callers can override ORIGIN and AS_PATH.
        PathAttributes p = PathAttributes.of(List.of(), ip(nextHop), Optional.empty());
        for (PathAttribute a : list) p = p.with(a);
        return p;
    }

    static AsPath asPath(long... asns) {
        return AsPath.sequence(asns);
    }

    static AsPath segments(AsPathSegment... segments) {
        return new AsPath(List.of(segments));
    }

    static AsPathSegment seg(AsPathSegment.Type type, Long... asns) {
        return new AsPathSegment(type, List.of(asns));
    }

    static LocalPref lp(long v) {
        return new LocalPref(v);
    }

    static MultiExitDisc med(long v) {
        return new MultiExitDisc(v);
    }

    static Path path(PathSource source, PathAttributes attributes) {
        return new Path(source, NLRI, attributes, Path.Eligibility.ELIGIBLE, 0);
    }
}
