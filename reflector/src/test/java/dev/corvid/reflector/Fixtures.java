package dev.corvid.reflector;

import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.rib.Path;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Addresses, peers and paths shared by the tests. */
final class Fixtures {
    static final long OUR_AS = 64512;
    static final long TOR_AS = 65001;
    static final Inet4Address ROUTER_ID = v4("10.0.0.1");
    static final Inet4Address CLUSTER_ID = v4("10.255.0.1");
    static final Speaker SPEAKER = new Speaker(OUR_AS, ROUTER_ID, CLUSTER_ID);
    /** Our address on every test session. */
    static final Inet4Address SELF = v4("192.0.2.1");
    static final Inet6Address SELF6 = (Inet6Address) ip("2001:db8::1");
    static final LocalAddresses LOCAL = new LocalAddresses(Optional.of(SELF), Optional.of(SELF6), Optional.empty());
    static final NegotiatedSession SESSION = new NegotiatedSession(
            Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), WireContext.FOUR_OCTET_AS, LOCAL);
    /** The next hop routes arrive with. */
    static final InetAddress ORIGINAL_NEXT_HOP = v4("10.1.1.1");

    private Fixtures() {
    }

    static Inet4Address v4(String text) {
        return (Inet4Address) ip(text);
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static PathSource.Peer peer(String address, PeerRole role) {
        long asn = role == PeerRole.EBGP ? TOR_AS : OUR_AS;
        return new PathSource.Peer(ip(address), asn, v4(address), role.isInternal(), role == PeerRole.RR_CLIENT);
    }

    /** The settings of a target peer of {@code role}; eBGP peers get an accept export policy unless told. */
    static PeerSettings target(String address, PeerRole role) {
        PeerSettings s = PeerSettings.of(ip(address), role == PeerRole.EBGP ? TOR_AS : OUR_AS, role);
        return role == PeerRole.EBGP ? s.withExport(new Policy.Accept()) : s;
    }

    /** ORIGIN IGP, an empty AS_PATH and {@code extra} (which may replace either), next hop {@link #ORIGINAL_NEXT_HOP}. */
    static PathAttributes attributes(PathAttribute... extra) {
        List<PathAttribute> list = new ArrayList<>(List.of(extra)); // of repeated types the first is kept
        list.add(Origin.IGP);
        list.add(AsPath.EMPTY);
        return PathAttributes.of(list, ORIGINAL_NEXT_HOP, Optional.empty());
    }

    static Path path(PathSource source, String prefix, PathAttributes attributes) {
        return new Path(source, Nlri.parse(prefix), attributes, Path.Eligibility.ELIGIBLE, 0);
    }

    /** The attributes of an advertised outcome; fails when it was suppressed. */
    static PathAttributes advertised(ExportOutcome outcome) {
        if (outcome instanceof ExportOutcome.Advertise a) return a.attributes();
        throw new AssertionError("expected an advertisement, got " + outcome);
    }
}
