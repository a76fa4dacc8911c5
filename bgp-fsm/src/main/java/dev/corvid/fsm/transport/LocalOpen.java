package dev.corvid.fsm.transport;

import dev.corvid.codec.Family;
import dev.corvid.codec.capability.AddPath;
import dev.corvid.codec.capability.Capability;
import dev.corvid.codec.capability.EnhancedRouteRefresh;
import dev.corvid.codec.capability.ExtendedMessage;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.capability.RouteRefreshCapability;
import dev.corvid.codec.message.Open;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The OPEN we send to one peer, built from its settings. */
final class LocalOpen {
    private static final Comparator<Family> ORDER = Comparator.comparingInt(Family::afi).thenComparingInt(Family::safi);
    /**
     * RFC 4724 §3 Restart Time, in seconds: how long a peer keeps our routes as stale after our session ended
     * without a NOTIFICATION. 120 s is BIRD's and FRR's default, and covers a restart of corvid (a JVM start, the
     * config, the sessions) with room to spare.
     */
    static final int RESTART_TIME = 120;

    private LocalOpen() {}

    static Open of(long localAs, Inet4Address routerId, PeerSettings peer) {
        List<Capability> capabilities = new ArrayList<>();
        // RFC 4760 §8: one Multiprotocol capability per AFI/SAFI we carry.
        peer.families().stream().sorted(ORDER).forEach(f -> capabilities.add(new Multiprotocol(f)));
        // RFC 2918 §3 Route Refresh (2) and RFC 7313 §3 Enhanced Route Refresh (70).
        capabilities.add(new RouteRefreshCapability());
        capabilities.add(new EnhancedRouteRefresh());
        // RFC 6793 §3: "a BGP speaker ... MUST advertise the 4-octet AS capability" (65).
        capabilities.add(new FourOctetAs(localAs));
        // RFC 7911 §4 ADD-PATH (69): Send/Receive per family, only for families we carry.
        Set<Family> addPath = new LinkedHashSet<>(peer.addPathReceive());
        addPath.addAll(peer.addPathSend());
        List<AddPath.Tuple> tuples = addPath.stream().filter(peer.families()::contains).sorted(ORDER)
                .map(f -> new AddPath.Tuple(f, (peer.addPathReceive().contains(f) ? AddPath.Tuple.RECEIVE : 0)
                        | (peer.addPathSend().contains(f) ? AddPath.Tuple.SEND : 0)))
                .toList();
        if (!tuples.isEmpty()) capabilities.add(new AddPath(tuples));
        // RFC 4724 §3 Graceful Restart (64), when configured. Restart State (R) stays 0: corvid sends its routes
        // without waiting for the peer's End-of-RIB, so the deadlock R prevents cannot happen. Forwarding State (F)
        // is set for every family: corvid leaves its kernel routes in place when it stops and reconciles them only
        // once the peers have sent their tables again (FibFeed in the daemon), so forwarding survives a restart.
        if (peer.gracefulRestart()) {
            capabilities.add(new GracefulRestart(0, RESTART_TIME, peer.families().stream().sorted(ORDER)
                    .map(f -> new GracefulRestart.Tuple(f, GracefulRestart.Tuple.FORWARDING_STATE)).toList()));
        }
        // RFC 8654 §3 Extended Message (6).
        capabilities.add(new ExtendedMessage());
        return Open.of(localAs, peer.holdTime(), routerId, capabilities);
    }
}
