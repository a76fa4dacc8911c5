package dev.corvid.daemon.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.fsm.open.Negotiated;
import dev.corvid.reflector.PeerRole;
import dev.corvid.reflector.PeerSettings;
import dev.corvid.reflector.Speaker;
import dev.corvid.rib.PathSource;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 4724 §4.2 on the RIB thread: reflector 10.0.0.1 with rr-clients A (which restarts) and B (which watches what
 * it is sent). A announces two routes; its session then ends without a NOTIFICATION.
 */
class GracefulRestartHelperTest {
    private static final Inet4Address ROUTER_ID = (Inet4Address) InetAddress.ofLiteral("10.0.0.1");
    private static final InetAddress LOCAL = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress A = InetAddress.ofLiteral("127.0.0.11"), B = InetAddress.ofLiteral("127.0.0.12");
    private static final Nlri P1 = Nlri.parse("10.244.1.0/26"), P2 = Nlri.parse("10.244.2.0/26");
    private static final Set<Family> IPV4 = Set.of(Family.IPV4_UNICAST);

    /** What B is sent, decoded. */
    private final List<Update> toB = new ArrayList<>();
    private final Map<InetAddress, Negotiated> sessions = new HashMap<>();
    private final List<FibRoute> fib = new ArrayList<>();
    private final Map<InetAddress, RoutingSettings.Peer> peers = new HashMap<>();
    private final RoutingState state = new RoutingState(new RoutingSettings(new Speaker(64512, ROUTER_ID, ROUTER_ID), 1,
            List.of(), a -> Optional.ofNullable(peers.get(a)), List.of()), new Outbox() {
                @Override
                public void send(InetAddress peer, BgpMessage message) {
                    if (peer.equals(B) && message instanceof Update u) toB.add(u);
                }

                @Override
                public void sendEncoded(InetAddress peer, List<ByteBuf> chunks, int updates) {
                    for (ByteBuf chunk : chunks) {
                        while (chunk.isReadable()) {
                            int length = chunk.getUnsignedShort(chunk.readerIndex() + 16);
                            DecodeResult r = MessageCodec.decode(chunk.readSlice(length),
                                    sessions.get(peer).wireContext());
                            send(peer, ((DecodeResult.Decoded) r).message());
                        }
                        chunk.release();
                    }
                }

                @Override
                public void stop(InetAddress peer, int ceaseSubcode, Bytes data, String reason) {}

                @Override
                public void resumeReading(InetAddress peer) {}
            }, (changes, synced) -> fib.addAll(changes));

    @BeforeEach
    void aAnnouncesTwoRoutesThatBReceives() {
        for (InetAddress a : List.of(A, B)) {
            peers.put(a, new RoutingSettings.Peer(PeerSettings.of(a, 64512, PeerRole.RR_CLIENT), Optional.empty()));
        }
        up(A, "10.1.0.11", Optional.of(capability(90, GracefulRestart.Tuple.FORWARDING_STATE)));
        up(B, "10.1.0.12", Optional.empty());
        announce(P1, P2);
        settle();
        assertThat(reachedB()).containsExactlyInAnyOrder(P1, P2);
        toB.clear();
        fib.clear();
    }

    @Test
    void aGracefulEndKeepsThePeersRoutesWithoutWithdrawingThemFromOtherPeersOrTheKernel() {
        down(true);
        assertThat(withdrawnFromB()).isEmpty();
        assertThat(fib).as("nothing changes in the kernel").isEmpty();
        assertThat(state.rib().paths(P1.prefix())).hasSize(1);
        assertThat(state.rib().locRib().size()).isEqualTo(2);
    }

    @Test
    void anEndWithANotificationWithdrawsThePeersRoutesAsBefore() {
        down(false);
        assertThat(withdrawnFromB()).containsExactlyInAnyOrder(P1, P2);
        assertThat(fib).extracting(FibRoute::prefix).containsExactlyInAnyOrder(P1.prefix(), P2.prefix());
    }

    @Test
    void endOfRibRemovesTheRoutesTheRestartedPeerDidNotAnnounceAgain() {
        down(true);
        // Back with another BGP Identifier: its paths are the new session's.
        up(A, "10.1.0.99", Optional.of(capability(90, GracefulRestart.Tuple.FORWARDING_STATE)));
        announce(P1);
        settle();
        assertThat(withdrawnFromB()).as("still stale, still announced").isEmpty();
        assertThat(((PathSource.Peer) state.rib().paths(P2.prefix()).getFirst().source()).routerId())
                .isEqualTo(InetAddress.ofLiteral("10.1.0.99"));

        state.handle(new RibEvent.Received(A, Update.endOfRib(Family.IPV4_UNICAST), List.of()));
        settle();
        assertThat(withdrawnFromB()).containsExactly(P2);
        assertThat(state.rib().paths(P1.prefix())).as("announced again, kept").hasSize(1);
        assertThat(state.rib().paths(P2.prefix())).isEmpty();
    }

    @Test
    void aPeerBackWithoutTheForwardingStateBitLosesItsStaleRoutesAtOnce() {
        down(true);
        up(A, "10.1.0.11", Optional.of(capability(90, 0)));
        settle();
        assertThat(withdrawnFromB()).containsExactlyInAnyOrder(P1, P2);
    }

    @Test
    void aPeerBackWithoutTheCapabilityLosesItsStaleRoutesAtOnce() {
        down(true);
        up(A, "10.1.0.11", Optional.empty());
        settle();
        assertThat(withdrawnFromB()).containsExactlyInAnyOrder(P1, P2);
    }

    @Test
    void aPeerThatIsNotBackWithinItsRestartTimeLosesItsRoutes() {
        state.handle(new RibEvent.PeerDown(A, "", false));
        up(A, "10.1.0.11", Optional.of(capability(0, GracefulRestart.Tuple.FORWARDING_STATE)));
        announce(P1, P2);
        settle();
        toB.clear();
        down(true); // Restart Time 0: the wait is over at once
        assertThat(withdrawnFromB()).containsExactlyInAnyOrder(P1, P2);
        assertThat(state.rib().adjRibIn(A)).isEmpty();
    }

    @Test
    void theRibThreadWakesUpWhenTheRestartTimeEnds() {
        down(true);
        assertThat(state.nanosUntilWork())
                .isBetween(Duration.ofSeconds(89).toNanos(), Duration.ofSeconds(90).toNanos());
    }

    @Test
    void aPeerRemovedFromTheConfigurationWhileRestartingLosesItsRoutes() {
        down(true);
        peers.remove(A);
        state.reconfigure(new RoutingSettings(new Speaker(64512, ROUTER_ID, ROUTER_ID), 1, List.of(),
                a -> Optional.ofNullable(peers.get(a)), List.of()));
        settle();
        assertThat(withdrawnFromB()).containsExactlyInAnyOrder(P1, P2);
    }

    @Test
    void showRouteMarksTheRestartingPeersPathsStaleUntilItAnnouncesThemAgain() {
        down(true);
        assertThat(stale(RouteQuery.Table.LOC)).containsOnly(Map.entry("10.244.1.0/26", true),
                Map.entry("10.244.2.0/26", true));
        assertThat(stale(RouteQuery.Table.ADJ_IN)).containsOnly(Map.entry("10.244.1.0/26", true),
                Map.entry("10.244.2.0/26", true));
        assertThat(stale(RouteQuery.Table.ADJ_OUT)).as("as sent to B").containsOnly(Map.entry("10.244.1.0/26", true),
                Map.entry("10.244.2.0/26", true));

        up(A, "10.1.0.11", Optional.of(capability(90, GracefulRestart.Tuple.FORWARDING_STATE)));
        announce(P1);
        settle();
        assertThat(stale(RouteQuery.Table.LOC)).containsOnly(Map.entry("10.244.1.0/26", false),
                Map.entry("10.244.2.0/26", true));
    }

    @Test
    void aPeerWithoutARestartHasNoStalePaths() {
        assertThat(stale(RouteQuery.Table.LOC)).containsOnly(Map.entry("10.244.1.0/26", false),
                Map.entry("10.244.2.0/26", false));
        assertThat(state.restarting().status(System.nanoTime())).isEmpty();
    }

    @Test
    void theRestartStatusSaysWhetherThePeerIsAwayHowManyPathsAreStaleAndForHowLong() {
        down(true);
        assertThat(state.restarting().status(System.nanoTime()))
                .containsExactly(Map.entry(A, new PeerRestart(true, 90, 2)));
        assertThat(new PeerRestart(true, 90, 2).state()).isEqualTo("restarting");

        up(A, "10.1.0.11", Optional.of(capability(90, GracefulRestart.Tuple.FORWARDING_STATE)));
        announce(P1);
        settle();
        PeerRestart back = state.restarting().status(System.nanoTime()).get(A);
        assertThat(back).isEqualTo(new PeerRestart(false, RestartingPeers.STALE_ROUTES_TIME.toSeconds(), 1));
        assertThat(back.state()).isEqualTo("waiting-for-end-of-rib");

        state.handle(new RibEvent.Received(A, Update.endOfRib(Family.IPV4_UNICAST), List.of()));
        assertThat(state.restarting().status(System.nanoTime())).isEmpty();
    }

    /** {@code show route} of {@code table}: each prefix's {@code stale} flag (every path of these has one path). */
    private Map<String, Boolean> stale(RouteQuery.Table table) {
        RouteJson walk = new RouteJson(state, new RouteQuery(Optional.empty(), table, Optional.empty(),
                Optional.empty()));
        while (!walk.advance(RoutingState.SHOW_BUDGET)) { }
        Map<String, Boolean> out = new HashMap<>();
        walk.result().forEach(r -> out.put(r.path("prefix").asText(), r.path("paths").get(0).path("stale").asBoolean()));
        return out;
    }

    private static GracefulRestart capability(int restartTime, int flags) {
        return new GracefulRestart(0, restartTime, List.of(new GracefulRestart.Tuple(Family.IPV4_UNICAST, flags)));
    }

    private void up(InetAddress address, String identifier, Optional<GracefulRestart> gr) {
        Negotiated n = new Negotiated(64512, (Inet4Address) InetAddress.ofLiteral(identifier), 90, 30, true, IPV4,
                Set.of(), Set.of(), false, Set.of(), true, true, gr);
        sessions.put(address, n);
        state.handle(new RibEvent.PeerUp(address, LOCAL, n));
    }

    private void down(boolean graceful) {
        state.handle(new RibEvent.PeerDown(A, "TCP connection failed", graceful));
        settle();
    }

    private void announce(Nlri... nlri) {
        Update u = new Update(List.of(), List.of(Origin.IGP, AsPath.EMPTY,
                new NextHop((Inet4Address) InetAddress.ofLiteral("127.0.0.11")), new LocalPref(100)), List.of(nlri));
        state.handle(new RibEvent.Received(A, u, List.of()));
    }

    /** Turns until no work is due within a second (the restart timers are further away). */
    private void settle() {
        do state.turn(); while (state.nanosUntilWork() < Duration.ofSeconds(1).toNanos());
    }

    private List<Nlri> reachedB() {
        return toB.stream().flatMap(u -> u.allReachable(Family.IPV4_UNICAST).stream()).toList();
    }

    private List<Nlri> withdrawnFromB() {
        return toB.stream().flatMap(u -> u.allWithdrawn(Family.IPV4_UNICAST).stream()).toList();
    }
}
