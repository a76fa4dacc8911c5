package dev.corvid.daemon.routing;

import dev.corvid.codec.Family;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.rib.AdjRibIn;
import dev.corvid.rib.Cursor;
import dev.corvid.rib.Rib;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DOC: RFC 4724 §4.2, the Receiving Speaker's side of Graceful Restart, on the RIB thread. When the session of a
 * peer that announced Graceful Restart ends without a NOTIFICATION (we announced it too: the session layer says so),
 * its paths stay in the {@link Rib} — so neither the other peers nor the kernel see a withdrawal — and are marked
 * stale, per family. Stale paths go:
 * <ul>
 *   <li>one by one, as the peer announces or withdraws them again on the new session;
 *   <li>per family, on the peer's End-of-RIB for it ("it MUST immediately remove any routes from the peer that are
 *       still marked as stale for that address family");
 *   <li>per family, when the new session's Graceful Restart capability lacks the family or its Forwarding State
 *       bit, or lacks the capability altogether;
 *   <li>all of them, when the peer is not back within the Restart Time of its previous OPEN, when it is removed
 *       from the configuration, or {@link #STALE_ROUTES_TIME} after it came back without sending End-of-RIB
 *       ("an implementation MAY support a (configurable) timer that imposes this upper bound").
 * </ul>
 * A peer that is down but retained keeps its Adj-RIB-In in the {@link Rib}; when it comes back, the caller gives it
 * a new source through {@link Rib#changeSource} (its BGP Identifier may have changed) instead of {@link Rib#peerUp}.
 */
final class RestartingPeers {
    private static final System.Logger LOG = System.getLogger("corvid.routing");
    /** How long stale paths wait for End-of-RIB once their peer is back (FRR's stalepath-time default). */
    static final Duration STALE_ROUTES_TIME = Duration.ofSeconds(360);

    /** One restarting peer: its stale paths per family, and when they all go at the latest. */
    private static final class Restart {
        final Map<Family, Set<Nlri>> stale;
        AdjRibIn in;
        boolean sessionUp;
        long deadline;

        Restart(AdjRibIn in, Map<Family, Set<Nlri>> stale, long deadline) {
            this.in = in;
            this.stale = stale;
            this.deadline = deadline;
        }

        int size() {
            return stale.values().stream().mapToInt(Set::size).sum();
        }
    }

    private final Rib rib;
    /** The Graceful Restart capability of each Established peer that sent one. */
    private final Map<InetAddress, GracefulRestart> capabilities = new HashMap<>();
    private final Map<InetAddress, Restart> restarting = new HashMap<>();

    RestartingPeers(Rib rib) {
        this.rib = rib;
    }

    /**
     * The session of {@code address} reached Established with {@code capability} from the peer. If the peer was
     * restarting, {@code in} is its new Adj-RIB-In (which holds the stale paths) and the families the new session
     * does not preserve lose their stale paths now.
     */
    void established(InetAddress address, AdjRibIn in, Optional<GracefulRestart> capability, Set<Family> families,
                     long now) {
        capability.ifPresentOrElse(c -> capabilities.put(address, c), () -> capabilities.remove(address));
        Restart r = restarting.get(address);
        if (r == null) return;
        r.in = in;
        r.sessionUp = true;
        r.deadline = now + STALE_ROUTES_TIME.toNanos();
        // RFC 4724 §4.2: "If the Graceful Restart Capability is not received in the re-established session at all,
        // or if the F bit ... is not set, ... or if a specific address family is not included ..., the Receiving
        // Speaker MUST immediately remove all the stale routes from the peer that it is retaining for that family."
        for (Family f : List.copyOf(r.stale.keySet())) {
            boolean preserved = families.contains(f) && capability.stream().flatMap(c -> c.families().stream())
                    .anyMatch(t -> t.family().equals(f) && t.forwardingState());
            if (!preserved) sweep(address, r, f, "its new session does not preserve forwarding state for " + f);
        }
        if (r.stale.isEmpty()) {
            restarting.remove(address);
            return;
        }
        LOG.log(Level.INFO, "peer " + address.getHostAddress() + " is back from a graceful restart: its " + r.size()
                + " stale routes stay until it announces them again or sends End-of-RIB");
    }

    /**
     * The session of {@code address} ended. {@code graceful}: without a NOTIFICATION, both sides having announced
     * Graceful Restart. Returns true when its paths are retained (the caller then leaves them in the {@link Rib});
     * false when the caller should delete them as usual.
     */
    boolean down(InetAddress address, AdjRibIn in, Set<Family> families, boolean graceful, long now) {
        GracefulRestart capability = capabilities.remove(address);
        if (!graceful || capability == null) {
            restarting.remove(address);
            return false;
        }
        // RFC 4724 §4.2: "the Receiving Speaker MUST retain the routes received from the peer for all the address
        // families that were previously received in the Graceful Restart Capability and MUST mark them as stale".
        Set<Family> retained = new HashSet<>();
        for (GracefulRestart.Tuple t : capability.families()) {
            if (families.contains(t.family())) retained.add(t.family());
        }
        Map<Family, Set<Nlri>> stale = new HashMap<>();
        List<Nlri> others = new ArrayList<>();
        in.walk(Cursor.start(), Integer.MAX_VALUE, p -> {
            Family f = Encoded.family(p.nlri().prefix().afi());
            if (retained.contains(f)) stale.computeIfAbsent(f, _ -> new HashSet<>()).add(p.nlri());
            else others.add(p.nlri());
        });
        if (stale.isEmpty()) {
            restarting.remove(address);
            return false;
        }
        others.forEach(in::withdraw);
        // "If the session does not get re-established within the 'Restart Time' that the peer advertised
        // previously, the Receiving Speaker MUST delete all the stale routes from the peer that it is retaining."
        Restart r = new Restart(in, stale, now + Duration.ofSeconds(capability.restartTime()).toNanos());
        restarting.put(address, r);
        LOG.log(Level.INFO, "peer " + address.getHostAddress() + ": session ended without a NOTIFICATION (graceful"
                + " restart, RFC 4724 §4.2): keeping its " + r.size() + " routes of " + stale.keySet() + " as stale"
                + " for up to its restart time of " + capability.restartTime() + " s"
                + (others.isEmpty() ? "" : "; its " + others.size() + " routes of other families are withdrawn"));
        return true;
    }

    /** Down and retained: its Adj-RIB-In is still in the {@link Rib}. */
    boolean retained(InetAddress address) {
        Restart r = restarting.get(address);
        return r != null && !r.sessionUp;
    }

    /** {@code nlri} of {@code family} was announced or withdrawn again by {@code address}: no longer stale. */
    void replaced(InetAddress address, Family family, List<Nlri> nlri) {
        Restart r = restarting.get(address);
        if (r == null) return;
        Set<Nlri> stale = r.stale.get(family);
        if (stale != null) nlri.forEach(stale::remove);
    }

    /** End-of-RIB for {@code family} from {@code address} (RFC 4724 §2). */
    void endOfRib(InetAddress address, Family family) {
        Restart r = restarting.get(address);
        if (r == null || !r.sessionUp) return;
        sweep(address, r, family, "End-of-RIB");
        if (r.stale.isEmpty()) restarting.remove(address);
    }

    /** The peer was removed from the configuration: nothing of it is kept. */
    void abandon(InetAddress address) {
        Restart r = restarting.remove(address);
        capabilities.remove(address);
        if (r == null) return;
        if (r.sessionUp) {
            for (Family f : List.copyOf(r.stale.keySet())) sweep(address, r, f, "the peer was removed");
        } else {
            rib.peerDown(address);
        }
    }

    /** Addresses of the peers that are down but retained. */
    List<InetAddress> retainedPeers() {
        return restarting.entrySet().stream().filter(e -> !e.getValue().sessionUp).map(Map.Entry::getKey).toList();
    }

    /** {@code nlri} of {@code family} from {@code address} is kept from before its restart. */
    boolean stale(InetAddress address, Family family, Nlri nlri) {
        Restart r = restarting.get(address);
        if (r == null) return false;
        Set<Nlri> stale = r.stale.get(family);
        return stale != null && stale.contains(nlri);
    }

    /** Each restarting peer's state, for {@code show neighbors}; seconds are rounded up. */
    Map<InetAddress, PeerRestart> status(long now) {
        Map<InetAddress, PeerRestart> out = new HashMap<>();
        restarting.forEach((address, r) -> out.put(address, new PeerRestart(!r.sessionUp,
                Math.ceilDiv(Math.max(0, r.deadline - now), 1_000_000_000L), r.size())));
        return out;
    }

    /** Nanoseconds until the next deadline; {@link Long#MAX_VALUE} when none. */
    long nanosUntilExpiry(long now) {
        long next = Long.MAX_VALUE;
        for (Restart r : restarting.values()) next = Math.min(next, Math.max(0, r.deadline - now));
        return next;
    }

    /** Removes the stale paths whose time is up. */
    void expire(long now) {
        for (Iterator<Map.Entry<InetAddress, Restart>> it = restarting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InetAddress, Restart> e = it.next();
            Restart r = e.getValue();
            if (r.deadline > now) continue;
            it.remove();
            InetAddress address = e.getKey();
            if (r.sessionUp) {
                for (Family f : List.copyOf(r.stale.keySet())) {
                    sweep(address, r, f, "no End-of-RIB within " + STALE_ROUTES_TIME.toSeconds() + " s");
                }
            } else {
                LOG.log(Level.WARNING, "peer " + address.getHostAddress() + " did not come back within its restart"
                        + " time: removing its " + r.size() + " stale routes (RFC 4724 §4.2)");
                rib.peerDown(address);
            }
        }
    }

    private void sweep(InetAddress address, Restart r, Family family, String why) {
        Set<Nlri> stale = r.stale.remove(family);
        if (stale == null) return;
        stale.forEach(r.in::withdraw);
        LOG.log(stale.isEmpty() ? Level.DEBUG : Level.INFO, "peer " + address.getHostAddress() + ": " + why
                + ": removed its " + stale.size() + " stale routes of " + family);
    }
}
