package dev.corvid.daemon.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.OriginatorId;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.fsm.open.Negotiated;
import dev.corvid.reflector.PeerRole;
import dev.corvid.reflector.PeerSettings;
import dev.corvid.reflector.Speaker;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The RIB thread's state driven by events as the sessions would deliver them, and what it sends each peer: a reflector
 * (AS 64512, cluster 10.0.0.1) with rr-clients at 127.0.0.1x.
 */
class RoutingStateTest {
    private static final Inet4Address ROUTER_ID = (Inet4Address) InetAddress.ofLiteral("10.0.0.1");
    private static final InetAddress LOCAL = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress A = InetAddress.ofLiteral("127.0.0.11"), B = InetAddress.ofLiteral("127.0.0.12"),
            C = InetAddress.ofLiteral("127.0.0.13");

    /** Everything sent, decoded per peer. */
    private static final class Recorder implements Outbox {
        final Map<InetAddress, List<BgpMessage>> sent = new HashMap<>();
        final Map<InetAddress, String> stopped = new HashMap<>();
        final Map<InetAddress, Negotiated> sessions = new HashMap<>();

        @Override
        public void send(InetAddress peer, BgpMessage message) {
            sent.computeIfAbsent(peer, _ -> new ArrayList<>()).add(message);
        }

        @Override
        public void sendEncoded(InetAddress peer, List<ByteBuf> chunks, int updates) {
            for (ByteBuf chunk : chunks) {
                while (chunk.isReadable()) {
                    int length = chunk.getUnsignedShort(chunk.readerIndex() + 16);
                    DecodeResult r = MessageCodec.decode(chunk.readSlice(length), sessions.get(peer).wireContext());
                    send(peer, ((DecodeResult.Decoded) r).message());
                }
                chunk.release();
            }
        }

        @Override
        public void stop(InetAddress peer, int ceaseSubcode, Bytes data, String reason) {
            stopped.put(peer, ceaseSubcode + " " + data.hex() + " " + reason);
        }

        @Override
        public void resumeReading(InetAddress peer) {}

        List<Nlri> reachable(InetAddress peer) {
            List<Nlri> all = new ArrayList<>();
            for (BgpMessage m : sent.getOrDefault(peer, List.of())) {
                if (m instanceof Update u) all.addAll(u.allReachable(Family.IPV4_UNICAST));
            }
            return all;
        }

        List<Update> updates(InetAddress peer) {
            return sent.getOrDefault(peer, List.of()).stream().filter(Update.class::isInstance).map(Update.class::cast)
                    .toList();
        }

        void clear() {
            sent.clear();
        }
    }

    private final Recorder out = new Recorder();
    private final Map<InetAddress, RoutingSettings.Peer> peers = new HashMap<>();
    /** What the kernel is told, in order. */
    private final List<FibRoute> fib = new ArrayList<>();
    private final RoutingState state = new RoutingState(new RoutingSettings(new Speaker(64512, ROUTER_ID, ROUTER_ID), 1,
            List.of(Prefix.parse("10.244.0.0/26")), a -> Optional.ofNullable(peers.get(a)), List.of()), out,
            (changes, synced) -> fib.addAll(changes));

    private void client(InetAddress address, Optional<RoutingSettings.PrefixLimit> limit) {
        peers.put(address, new RoutingSettings.Peer(PeerSettings.of(address, 64512, PeerRole.RR_CLIENT), limit));
    }

    private void up(InetAddress address, boolean addPath, boolean enhancedRefresh) {
        Set<Family> ipv4 = Set.of(Family.IPV4_UNICAST);
        Negotiated n = new Negotiated(64512, (Inet4Address) InetAddress.ofLiteral("10.1.0." + address.getAddress()[3]),
                90, 30, true, ipv4, addPath ? ipv4 : Set.of(), addPath ? ipv4 : Set.of(), false, Set.of(), true,
                enhancedRefresh, Optional.empty());
        out.sessions.put(address, n);
        state.handle(new RibEvent.PeerUp(address, LOCAL, n));
    }

    private void announce(InetAddress from, String nextHop, String... prefixes) {
        List<Nlri> nlri = new ArrayList<>();
        for (String p : prefixes) nlri.add(Nlri.parse(p));
        Update u = new Update(List.of(), List.of(Origin.IGP, AsPath.EMPTY,
                new NextHop((Inet4Address) InetAddress.ofLiteral(nextHop)), new LocalPref(100)), nlri);
        state.handle(new RibEvent.Received(from, u, List.of()));
    }

    private void settle() {
        do state.turn(); while (state.busy());
    }

    @Test
    void aNewClientGetsEveryRouteThenEndOfRibAndNeverItsOwnPath() {
        client(A, Optional.empty());
        client(B, Optional.empty());
        up(A, false, false);
        settle();
        assertThat(out.reachable(A)).containsExactly(Nlri.parse("10.244.0.0/26"));
        assertThat(out.sent.get(A).getLast()).isEqualTo(Update.endOfRib(Family.IPV4_UNICAST));

        announce(A, "127.0.0.11", "10.244.1.0/26");
        settle();
        assertThat(out.reachable(A)).as("split horizon").containsExactly(Nlri.parse("10.244.0.0/26"));

        up(B, false, false); // joins A's group: a dump of the group's Adj-RIB-Out
        settle();
        assertThat(out.reachable(B)).containsExactlyInAnyOrder(Nlri.parse("10.244.0.0/26"), Nlri.parse("10.244.1.0/26"));
        Update reflected = out.updates(B).stream().filter(u -> u.nlri().contains(Nlri.parse("10.244.1.0/26")))
                .findFirst().orElseThrow();
        // RFC 4456 §8: ORIGINATOR_ID is the client's BGP Identifier; next hop unchanged.
        assertThat(reflected.attribute(OriginatorId.class)).contains(new OriginatorId(
                (Inet4Address) InetAddress.ofLiteral("10.1.0.11")));
        assertThat(reflected.attribute(NextHop.class)).contains(new NextHop((Inet4Address) InetAddress.ofLiteral("127.0.0.11")));
        assertThat(out.sent.get(B).getLast()).isEqualTo(Update.endOfRib(Family.IPV4_UNICAST));
        assertThat(state.counts().get(A).sent()).isEqualTo(1);
        assertThat(state.counts().get(B).sent()).isEqualTo(2);
    }

    @Test
    void theKernelIsToldEachPeerRouteWithItsNextHopAndNothingForWhatThisNodeOriginates() {
        client(A, Optional.empty());
        up(A, false, false);
        settle();
        assertThat(fib).containsExactly(new FibRoute(Prefix.parse("10.244.0.0/26"), List.of()));
        fib.clear();
        announce(A, "127.0.0.11", "10.244.1.0/26");
        settle();
        assertThat(fib).containsExactly(new FibRoute(Prefix.parse("10.244.1.0/26"), List.of(A)));
        fib.clear();
        state.handle(new RibEvent.Received(A, new Update(List.of(Nlri.parse("10.244.1.0/26")), List.of(), List.of()),
                List.of()));
        settle();
        assertThat(fib).containsExactly(new FibRoute(Prefix.parse("10.244.1.0/26"), List.of()));
    }

    @Test
    void learnedKernelRoutesAreAnnouncedUntilTheyGoButAnOriginatedPrefixStays() {
        client(A, Optional.empty());
        up(A, false, false);
        settle();
        state.handle(new RibEvent.Learned(List.of(Prefix.parse("10.244.7.0/26")), List.of()));
        settle();
        assertThat(out.reachable(A)).contains(Nlri.parse("10.244.7.0/26"));
        out.clear();
        state.handle(new RibEvent.Learned(List.of(), List.of(Prefix.parse("10.244.7.0/26"), Prefix.parse("10.244.0.0/26"))));
        settle();
        assertThat(out.updates(A)).flatExtracting(Update::withdrawn).containsExactly(Nlri.parse("10.244.7.0/26"));
    }

    private RoutingSettings settings(String... originate) {
        return new RoutingSettings(new Speaker(64512, ROUTER_ID, ROUTER_ID), 1,
                List.of(originate).stream().map(Prefix::parse).toList(), a -> Optional.ofNullable(peers.get(a)), List.of());
    }

    @Test
    void aReloadThatMakesAClientAMeshPeerReExportsToItBetweenBorrAndEorrWithoutAReset() {
        client(A, Optional.empty());
        peers.put(B, new RoutingSettings.Peer(PeerSettings.of(B, 64512, PeerRole.MESH), Optional.empty()));
        up(A, false, true);
        up(B, false, true);
        announce(B, "127.0.0.12", "10.244.2.0/26");
        settle();
        assertThat(out.reachable(A)).as("RFC 4456 §6: a non-client's route goes to the clients")
                .contains(Nlri.parse("10.244.2.0/26"));
        out.clear();

        peers.put(A, new RoutingSettings.Peer(PeerSettings.of(A, 64512, PeerRole.MESH), Optional.empty()));
        state.handle(new RibEvent.Reconfigure(settings("10.244.0.0/26", "10.244.8.0/26")));
        settle();
        List<BgpMessage> toA = out.sent.get(A);
        assertThat(toA.getFirst()).isEqualTo(new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.BEGINNING_OF_ROUTE_REFRESH));
        assertThat(toA).contains(RouteRefresh.request(Family.IPV4_UNICAST)); // its routes again, for the new role
        assertThat(toA.getLast()).isEqualTo(new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.END_OF_ROUTE_REFRESH));
        assertThat(out.reachable(A)).as("a mesh peer gets no other mesh peer's route; the new originated block")
                .containsExactlyInAnyOrder(Nlri.parse("10.244.0.0/26"), Nlri.parse("10.244.8.0/26"));
        assertThat(out.reachable(B)).as("the other peer gets only the new block").containsExactly(Nlri.parse("10.244.8.0/26"));
        assertThat(out.stopped).as("no session reset").isEmpty();
    }

    @Test
    void aReloadThatNeedsEnhancedRouteRefreshResetsAPeerWithoutIt() {
        client(A, Optional.empty());
        up(A, false, false);
        settle();
        peers.put(A, new RoutingSettings.Peer(PeerSettings.of(A, 64512, PeerRole.MESH), Optional.empty()));
        state.handle(new RibEvent.Reconfigure(settings("10.244.0.0/26")));
        settle();
        assertThat(out.stopped.get(A)).startsWith("6 ");
        assertThat(state.established(A)).isEmpty();
    }

    @Test
    void withAddPathAClientIsSentEveryPathOfAPrefixEachWithItsOwnId() {
        client(A, Optional.empty());
        client(B, Optional.empty());
        client(C, Optional.empty());
        up(A, false, false);
        up(B, false, false);
        up(C, true, false);
        announce(A, "127.0.0.11", "10.244.9.0/24");
        announce(B, "127.0.0.12", "10.244.9.0/24");
        settle();
        List<Nlri> toC = out.reachable(C).stream().filter(n -> n.prefix().equals(Prefix.parse("10.244.9.0/24"))).toList();
        assertThat(toC).hasSize(2);
        assertThat(toC.get(0).pathId()).isNotEqualTo(toC.get(1).pathId()).isNotZero();
        assertThat(out.reachable(A)).as("only the best path, never A's own")
                .filteredOn(n -> n.prefix().equals(Prefix.parse("10.244.9.0/24"))).hasSizeLessThanOrEqualTo(1);

        out.clear();
        state.handle(new RibEvent.Received(A, new Update(List.of(Nlri.parse("10.244.9.0/24")), List.of(), List.of()),
                List.of()));
        settle();
        List<Update> toCNow = out.updates(C);
        assertThat(toCNow).hasSize(1);
        assertThat(toCNow.getFirst().withdrawn()).as("only A's path is withdrawn; B's keeps its id").hasSize(1)
                .allMatch(n -> toC.stream().anyMatch(sent -> sent.pathId() == n.pathId()));
    }

    @Test
    void anEnhancedRouteRefreshIsAnsweredWithBorrTheRoutesAndEorr() {
        client(A, Optional.empty());
        up(A, false, true);
        settle();
        out.clear();
        state.handle(new RibEvent.RefreshReceived(A, RouteRefresh.request(Family.IPV4_UNICAST)));
        settle();
        List<BgpMessage> sent = out.sent.get(A);
        // RFC 7313 §4: BoRR, the Adj-RIB-Out, EoRR.
        assertThat(sent.getFirst()).isEqualTo(new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.BEGINNING_OF_ROUTE_REFRESH));
        assertThat(out.reachable(A)).containsExactly(Nlri.parse("10.244.0.0/26"));
        assertThat(sent.getLast()).isEqualTo(new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.END_OF_ROUTE_REFRESH));
    }

    @Test
    void routesNotReadvertisedBetweenAPeersBorrAndEorrAreRemoved() {
        client(A, Optional.empty());
        client(B, Optional.empty());
        up(A, false, true);
        up(B, false, false);
        announce(A, "127.0.0.11", "10.244.1.0/26", "10.244.2.0/26");
        settle();
        out.clear();
        // RFC 7313 §4: "mark all the routes previously received from that peer ... as stale"; at EoRR "remove all
        // the routes ... that are still marked as stale".
        state.handle(new RibEvent.RefreshReceived(A, new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.BEGINNING_OF_ROUTE_REFRESH)));
        announce(A, "127.0.0.11", "10.244.1.0/26");
        state.handle(new RibEvent.RefreshReceived(A, new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.END_OF_ROUTE_REFRESH)));
        settle();
        assertThat(out.updates(B)).hasSize(1);
        assertThat(out.updates(B).getFirst().withdrawn()).containsExactly(Nlri.parse("10.244.2.0/26"));
        assertThat(state.counts().get(A).received()).isEqualTo(1);
    }

    @Test
    void pastMaxPrefixesTheSessionIsClosedWithCeaseMaximumNumberOfPrefixesReached() {
        client(A, Optional.of(new RoutingSettings.PrefixLimit(2, true)));
        client(B, Optional.empty());
        up(A, false, false);
        up(B, false, false);
        announce(A, "127.0.0.11", "10.244.1.0/26", "10.244.2.0/26");
        assertThat(out.stopped).isEmpty();
        announce(A, "127.0.0.11", "10.244.3.0/26");
        // RFC 4486 §4: subcode 1, data AFI 1, SAFI 1, the upper bound 2.
        assertThat(out.stopped.get(A)).startsWith("1 00010100000002 more than max-prefixes 2");
        settle();
        assertThat(state.established(A)).isEmpty();
        assertThat(out.reachable(B)).doesNotContain(Nlri.parse("10.244.3.0/26"));
    }

    @Test
    void pastMaxPrefixesWithTheWarningActionTheRoutesAreKept() {
        client(A, Optional.of(new RoutingSettings.PrefixLimit(1, false)));
        client(B, Optional.empty());
        up(A, false, false);
        up(B, false, false);
        announce(A, "127.0.0.11", "10.244.1.0/26", "10.244.2.0/26");
        settle();
        assertThat(out.stopped).isEmpty();
        assertThat(out.reachable(B)).contains(Nlri.parse("10.244.1.0/26"), Nlri.parse("10.244.2.0/26"));
    }

    @Test
    void thousandsOfPrefixesFromOneClientReachTheOthersPackedAndEncodedOnce() {
        client(A, Optional.empty());
        client(B, Optional.empty());
        client(C, Optional.empty());
        up(A, false, false);
        up(B, false, false);
        up(C, false, false);
        settle();
        out.clear();
        List<Nlri> nlri = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) nlri.add(Nlri.of(new Ipv4Prefix(0x0B000000 | i << 8, 24)));
        state.handle(new RibEvent.Received(A, new Update(List.of(), List.of(Origin.IGP, AsPath.EMPTY,
                new NextHop((Inet4Address) InetAddress.ofLiteral("127.0.0.11"))), nlri), List.of()));
        settle();
        assertThat(out.reachable(B)).hasSize(50_000);
        assertThat(out.reachable(C)).hasSize(50_000);
        assertThat(out.updates(B)).hasSizeLessThan(60); // ~1000 /24s per 4096-octet UPDATE
        assertThat(out.sent.get(A)).isNull();
    }

    @Test
    void showRouteOfALargeTableIsAnsweredOverSeveralTurnsWithinItsBudget() {
        client(A, Optional.empty());
        up(A, false, false);
        List<Nlri> nlri = new ArrayList<>();
        int n = RoutingState.SHOW_BUDGET * 3;
        for (int i = 0; i < n; i++) nlri.add(Nlri.of(new Ipv4Prefix(0x0B000000 | i << 8, 24)));
        state.handle(new RibEvent.Received(A, new Update(List.of(), List.of(Origin.IGP, AsPath.EMPTY,
                new NextHop((Inet4Address) InetAddress.ofLiteral("127.0.0.11"))), nlri), List.of()));
        settle();
        var answer = new java.util.concurrent.CompletableFuture<com.fasterxml.jackson.databind.JsonNode>();
        state.handle(new RibEvent.ShowRoute(new RouteQuery(Optional.empty(), RouteQuery.Table.LOC, Optional.empty(),
                Optional.empty()), answer));
        state.turn();
        assertThat(answer).as("one turn walks one budget").isNotDone();
        settle();
        assertThat(answer).isDone();
        assertThat(answer.join().size()).isEqualTo(n + 1); // and our own block
        assertThat(answer.join().get(1).path("paths").get(0).path("best").asBoolean()).isTrue();
    }
}
