package dev.corvid.reflector;

import static dev.corvid.reflector.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.ClusterList;
import dev.corvid.codec.attribute.Communities;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.MultiExitDisc;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.OriginatorId;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.rib.Path;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Peers whose export result is identical for every route share one update group, so the wiring encodes each
 * UPDATE once per group. The key must be equal exactly when the result is the same.
 */
class UpdateGroupTest {
    private static final PeerSettings CLIENT = PeerSettings.of(ip("10.0.2.1"), OUR_AS, PeerRole.RR_CLIENT);
    private static final PeerSettings TOR = PeerSettings.of(ip("172.16.0.1"), TOR_AS, PeerRole.EBGP)
            .withExport(new Policy.Originated());
    private static final Policy PODS = new Policy.PrefixList(List.of(
            new PrefixRule(Prefix.parse("10.244.0.0/16"), 16, 32, PrefixRule.Action.ACCEPT)));

    private static Arguments sameGroup(String name, PeerSettings a, NegotiatedSession sa, PeerSettings b,
                                       NegotiatedSession sb, boolean same) {
        return Arguments.of(name, a, sa, b, sb, same);
    }

    private static NegotiatedSession session(UnaryOperator<WireContext> wire) {
        return new NegotiatedSession(SESSION.families(), wire.apply(SESSION.wire()), SESSION.local());
    }

    static Stream<Arguments> keys() {
        var otherClient = PeerSettings.of(ip("10.0.2.2"), OUR_AS, PeerRole.RR_CLIENT);
        var otherLocal = new NegotiatedSession(SESSION.families(), SESSION.wire(), LocalAddresses.of(v4("192.0.2.2")));
        var v4only = new NegotiatedSession(Set.of(Family.IPV4_UNICAST), SESSION.wire(), SESSION.local());
        return Stream.of(
                sameGroup("two clients", CLIENT, SESSION, otherClient, SESSION, true),
                sameGroup("client and mesh peer", CLIENT, SESSION,
                        PeerSettings.of(ip("10.0.2.2"), OUR_AS, PeerRole.MESH), SESSION, false),
                sameGroup("mesh and non-client", PeerSettings.of(ip("10.0.2.1"), OUR_AS, PeerRole.MESH), SESSION,
                        PeerSettings.of(ip("10.0.2.2"), OUR_AS, PeerRole.NON_CLIENT), SESSION, false),
                sameGroup("client with next-hop-self", CLIENT, SESSION, otherClient.withNextHopSelf(true), SESSION,
                        false),
                sameGroup("iBGP without policy and with accept", CLIENT, SESSION,
                        otherClient.withExport(new Policy.Accept()), SESSION, true),
                sameGroup("iBGP with a prefix list", CLIENT, SESSION, otherClient.withExport(PODS), SESSION, false),
                sameGroup("equal prefix lists", CLIENT.withExport(PODS), SESSION,
                        otherClient.withExport(new Policy.PrefixList(List.of(new PrefixRule(
                                Prefix.parse("10.244.0.0/16"), 16, 32, PrefixRule.Action.ACCEPT)))), SESSION, true),
                sameGroup("import policy and allow-local-as do not matter", CLIENT, SESSION,
                        otherClient.withImport(new Policy.Reject()).withAllowLocalAs(2), SESSION, true),
                sameGroup("ToRs in different ASes", TOR, SESSION,
                        PeerSettings.of(ip("172.16.0.2"), 65002, PeerRole.EBGP).withExport(new Policy.Originated()),
                        SESSION, true),
                sameGroup("eBGP is always next-hop-self", TOR, SESSION,
                        PeerSettings.of(ip("172.16.0.2"), TOR_AS, PeerRole.EBGP).withExport(new Policy.Originated())
                                .withNextHopSelf(true), SESSION, true),
                sameGroup("eBGP with another export policy", TOR, SESSION, TOR.withExport(new Policy.Accept()), SESSION,
                        false),
                sameGroup("eBGP without a policy", TOR, SESSION,
                        PeerSettings.of(ip("172.16.0.2"), TOR_AS, PeerRole.EBGP), SESSION, false),
                sameGroup("another local address", CLIENT, SESSION, otherClient, otherLocal, false),
                sameGroup("fewer families", CLIENT, SESSION, otherClient, v4only, false),
                sameGroup("2-octet AS peer", CLIENT, SESSION, otherClient, session(w -> w.withFourOctetAs(false)), false),
                sameGroup("ADD-PATH send", CLIENT, SESSION, otherClient,
                        session(w -> w.withAddPath(Set.of(Family.IPV4_UNICAST))), false),
                sameGroup("ADD-PATH receive only", CLIENT, SESSION, otherClient,
                        session(w -> new WireContext(w.fourOctetAs(), Set.of(Family.IPV4_UNICAST), Set.of(),
                                w.extendedMessage())), true),
                sameGroup("extended messages", CLIENT, SESSION, otherClient,
                        session(w -> w.withExtendedMessage(true)), false));
    }

    @ParameterizedTest(name = "{0}: same group {5}")
    @MethodSource("keys")
    void groupsPeersWithTheSameExportResult(String name, PeerSettings a, NegotiatedSession sa, PeerSettings b,
                                            NegotiatedSession sb, boolean same) {
        assertThat(UpdateGroup.of(a, sa).equals(UpdateGroup.of(b, sb))).isEqualTo(same);
    }

    /** Seeded: peers with equal keys get equal outcomes for every route that did not come from one of them. */
    @Test
    void peersOfOneGroupGetTheSameOutcomeForEveryRoute() {
        long seed = System.nanoTime();
        System.out.println("UpdateGroupTest seed " + seed);
        Random random = new Random(seed);
        ExportRules rules = new ExportRules(SPEAKER);
        List<PeerSettings> peers = new ArrayList<>();
        List<NegotiatedSession> sessions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            PeerRole role = PeerRole.values()[random.nextInt(PeerRole.values().length)];
            PeerSettings p = PeerSettings.of(ip("10.0.3." + (i + 1)), role == PeerRole.EBGP ? TOR_AS + random.nextInt(2)
                    : OUR_AS, role).withNextHopSelf(random.nextBoolean());
            p = switch (random.nextInt(4)) {
                case 0 -> p;
                case 1 -> p.withExport(new Policy.Accept());
                case 2 -> p.withExport(new Policy.Originated());
                default -> p.withExport(PODS);
            };
            peers.add(p);
            sessions.add(random.nextBoolean() ? SESSION : new NegotiatedSession(Set.of(Family.IPV4_UNICAST),
                    SESSION.wire(), LocalAddresses.of(SELF)));
        }
        List<Path> routes = new ArrayList<>();
        for (int i = 0; i < 300; i++) routes.add(randomRoute(random, peers));

        int compared = 0;
        for (int a = 0; a < peers.size(); a++) {
            for (int b = a + 1; b < peers.size(); b++) {
                UpdateGroup group = UpdateGroup.of(peers.get(a), sessions.get(a));
                if (!group.equals(UpdateGroup.of(peers.get(b), sessions.get(b)))) continue;
                for (Path route : routes) {
                    if (ExportRules.isSplitHorizon(route, peers.get(a).address())
                            || ExportRules.isSplitHorizon(route, peers.get(b).address())) continue;
                    ExportOutcome expected = rules.toGroup(route, group);
                    assertThat(rules.toPeer(route, peers.get(a), sessions.get(a))).as("seed %d", seed).isEqualTo(expected);
                    assertThat(rules.toPeer(route, peers.get(b), sessions.get(b))).as("seed %d", seed).isEqualTo(expected);
                    compared++;
                }
            }
        }
        assertThat(compared).as("seed %d: some peers shared a group", seed).isPositive();
    }

    private static Path randomRoute(Random random, List<PeerSettings> peers) {
        String prefix = random.nextInt(5) == 0 ? "2001:db8:" + random.nextInt(100) + "::/48"
                : (random.nextBoolean() ? "10.244." : "10.96.") + random.nextInt(256) + ".0/24";
        if (random.nextInt(5) == 0) {
            return path(PathSource.LOCAL, prefix,
                    Origination.attributes(Prefix.parse(prefix).afi()));
        }
        PeerSettings from = peers.get(random.nextInt(peers.size()));
        PathSource.Peer source = new PathSource.Peer(from.address(), from.asn(), v4("10.9.0." + random.nextInt(200)),
                from.role().isInternal(), from.role() == PeerRole.RR_CLIENT);
        List<PathAttribute> extra = new ArrayList<>();
        if (!from.role().isInternal()) extra.add(AsPath.sequence(from.asn()));
        if (random.nextBoolean()) extra.add(new LocalPref(50 + random.nextInt(200)));
        if (random.nextBoolean()) extra.add(new MultiExitDisc(random.nextInt(100)));
        if (random.nextInt(8) == 0) extra.add(new Communities(List.of(ExportRules.NO_EXPORT)));
        if (from.role().isInternal() && random.nextBoolean()) {
            extra.add(new OriginatorId(v4("10.8.0." + random.nextInt(200))));
            extra.add(new ClusterList(List.of(v4("10.255.1." + random.nextInt(200)))));
        }
        var attributes = PathAttributes.of(extra, Prefix.parse(prefix).afi() == Afi.IPV4
                ? ORIGINAL_NEXT_HOP : ip("2001:db8:ffff::1"), Optional.empty());
        return path(source, prefix, attributes.with(Origin.IGP));
    }
}
