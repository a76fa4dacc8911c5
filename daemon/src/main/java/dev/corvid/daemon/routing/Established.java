package dev.corvid.daemon.routing;

import dev.corvid.codec.Family;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.reflector.NegotiatedSession;
import dev.corvid.reflector.UpdateGroup;
import dev.corvid.rib.AdjRibIn;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A peer whose session is Established, as the RIB thread keeps it. */
final class Established {
    /** Its settings; a reload may change them (see {@link RoutingState#reconfigure}). */
    RoutingSettings.Peer config;
    final NegotiatedSession session;
    /** Its update group's key: changes with the role, export policy or next-hop-self. */
    UpdateGroup groupKey;
    /** Its Adj-RIB-In: a new one when its role changes. */
    AdjRibIn in;
    /** RFC 2918 route refresh, and RFC 7313 enhanced route refresh, were negotiated. */
    final boolean routeRefresh;
    final boolean enhancedRefresh;
    /** The walk of its group's Adj-RIB-Out in progress (joining a group, route refresh), or null. */
    GroupOut.Walk dump;
    /** RFC 4724 §2: End-of-RIB follows the initial dump. */
    boolean endOfRibDue = true;
    /** RFC 7313 §4: families whose EoRR follows the refresh dump. */
    final Set<Family> endOfRefreshDue = new HashSet<>();
    /** RFC 7313 §4: the peer's paths of a family it is refreshing that it has not re-advertised yet. */
    final Map<Family, Set<Nlri>> stale = new HashMap<>();
    /** max-prefixes: the warning was logged (again once the count falls below the limit). */
    boolean overLimit;

    Established(RoutingSettings.Peer config, NegotiatedSession session, AdjRibIn in, boolean routeRefresh,
                boolean enhancedRefresh) {
        this.config = config;
        this.session = session;
        this.groupKey = UpdateGroup.of(config.settings(), session);
        this.in = in;
        this.routeRefresh = routeRefresh;
        this.enhancedRefresh = enhancedRefresh;
    }

    InetAddress address() {
        return config.settings().address();
    }
}
