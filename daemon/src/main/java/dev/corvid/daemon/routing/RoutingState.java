package dev.corvid.daemon.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.AttributeError;
import dev.corvid.codec.Afi;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.Severity;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.fsm.open.Negotiated;
import dev.corvid.reflector.ExportRules;
import dev.corvid.reflector.ImportOutcome;
import dev.corvid.reflector.ImportRules;
import dev.corvid.reflector.LocalAddresses;
import dev.corvid.reflector.NegotiatedSession;
import dev.corvid.reflector.Origination;
import dev.corvid.reflector.PeerSettings;
import dev.corvid.reflector.Policy;
import dev.corvid.reflector.PeerRole;
import dev.corvid.reflector.UpdateGroup;
import dev.corvid.rib.AdjRibIn;
import dev.corvid.rib.Cursor;
import dev.corvid.rib.Delta;
import dev.corvid.rib.DecisionProcess;
import dev.corvid.rib.NextHopResolver;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import dev.corvid.rib.Rib;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * DOC: everything the RIB thread owns, and what one event does to it. Received paths go through {@link ImportRules}
 * into the peer's {@link AdjRibIn}; {@link #turn} then runs the decision for the dirty prefixes (coalesced, within a
 * budget) and hands each change to the {@link Exporter}, which exports it once per update group and sends it.
 * Also here: RFC 7313 stale marking between a peer's BoRR and EoRR, {@code max-prefixes}, and the RFC 4724 helper
 * side of graceful restart ({@link RestartingPeers}). Constructed on the RIB thread, which the {@link Rib} inside
 * checks on every change.
 */
final class RoutingState {
    private static final System.Logger LOG = System.getLogger("corvid.routing");
    /** Dirty prefixes decided per turn (DESIGN.md: budgeted walks). */
    static final int DECIDE_BUDGET = 20_000;
    /** Routes a {@code show route} walk visits per turn. */
    static final int SHOW_BUDGET = 5_000;
    private static final List<Family> FAMILIES = List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);
    /** RFC 4486 §4 Cease subcodes. */
    private static final int MAXIMUM_NUMBER_OF_PREFIXES_REACHED = 1, OTHER_CONFIGURATION_CHANGE = 6;

    private RoutingSettings settings;
    /** Prefixes learned from the kernel ({@code kernel.learn}), which a change of {@code originate} leaves alone. */
    private final Set<Prefix> learned = new HashSet<>();
    private final Outbox outbox;
    private final Rib rib;
    private final ImportRules importRules;
    private final Exporter exporter;
    private final FibFeed fib;
    private final RestartingPeers restarting;
    private long turns;
    private long locRibChanges;
    private final Map<InetAddress, Established> peers = new LinkedHashMap<>();
    /** {@code show route} walks in progress and their answers. */
    private final Map<RouteJson, CompletableFuture<JsonNode>> walks = new LinkedHashMap<>();

    RoutingState(RoutingSettings settings, Outbox outbox, Fib fib) {
        this.settings = settings;
        this.fib = new FibFeed(fib, settings.configuredPeers(), System.nanoTime());
        this.outbox = outbox;
        this.rib = new Rib(new DecisionProcess(ExportRules.DEFAULT_LOCAL_PREF, settings.maximumPaths()),
                NextHopResolver.ALL_REACHABLE, System::currentTimeMillis);
        this.importRules = new ImportRules(settings.speaker());
        this.exporter = new Exporter(rib, new ExportRules(settings.speaker()), outbox, PooledByteBufAllocator.DEFAULT);
        this.restarting = new RestartingPeers(rib);
        // RFC 4271 §5.1.1: ORIGIN IGP for what the AS itself originates (Origination holds the attributes).
        for (Prefix p : settings.originate()) rib.local().announce(Nlri.of(p), Origination.attributes(p.afi()));
    }

    Rib rib() {
        return rib;
    }

    /** The RFC 4724 helper state: which peers are restarting, which of their paths are stale. */
    RestartingPeers restarting() {
        return restarting;
    }

    Collection<Established> established() {
        return peers.values();
    }

    Optional<Established> established(InetAddress peer) {
        return Optional.ofNullable(peers.get(peer));
    }

    /** The shared Adj-RIB-Out of {@code peer}'s update group (split horizon still applies per member). */
    GroupOut adjRibOut(Established peer) {
        return exporter.group(peer).out;
    }

    /**
     * Nanoseconds until work is due without a new event: 0 for dirty prefixes, fills, dumps and {@code show route}
     * walks; the time to the next flush, or to the end of a graceful restart's wait, when only those are due;
     * {@link Long#MAX_VALUE} when idle.
     */
    long nanosUntilWork() {
        if (rib.dirtyCount() > 0 || !walks.isEmpty()) return 0;
        long now = System.nanoTime();
        return Math.min(Math.min(exporter.nanosUntilWork(now), fib.nanosUntilCheck()),
                restarting.nanosUntilExpiry(now));
    }

    boolean busy() {
        return nanosUntilWork() != Long.MAX_VALUE;
    }

    void handle(RibEvent event) {
        switch (event) {
            case RibEvent.PeerUp up -> peerUp(up.peer(), up.local(), up.negotiated());
            case RibEvent.PeerDown down -> peerDown(down.peer(), down.graceful());
            case RibEvent.Received r -> received(r.peer(), r.update(), r.errors());
            case RibEvent.RefreshReceived r -> refreshReceived(r.peer(), r.message());
            case RibEvent.Query<?> q -> q.run(this);
            case RibEvent.ShowRoute q -> walks.put(new RouteJson(this, q.query()), q.answer());
            case RibEvent.Learned l -> learned(l);
            case RibEvent.Reconfigure r -> reconfigure(r.settings());
            case RibEvent.Stop _ -> { }
        }
    }

    private void peerUp(InetAddress address, InetAddress local, Negotiated negotiated) {
        Optional<RoutingSettings.Peer> config = settings.peers().apply(address);
        if (config.isEmpty()) {
            LOG.log(Level.WARNING, "peer " + address.getHostAddress() + ": established but not configured; no routes");
            return;
        }
        if (peers.containsKey(address)) peerDown(address, false); // a new session replaces a lost one we missed
        PeerRole role = config.get().settings().role();
        PathSource.Peer source = new PathSource.Peer(address, negotiated.peerAs(), negotiated.peerIdentifier(),
                role.isInternal(), role == PeerRole.RR_CLIENT);
        // RFC 4724 §4.2: a peer back from a graceful restart finds its stale paths where it left them, now from the
        // new session's source (its BGP Identifier may have changed).
        AdjRibIn in = restarting.retained(address) ? rib.changeSource(source) : rib.peerUp(source);
        Set<Family> families = Set.copyOf(negotiated.families().stream().filter(FAMILIES::contains).toList());
        restarting.established(address, in, negotiated.peerGracefulRestart(), families, System.nanoTime());
        NegotiatedSession session = new NegotiatedSession(families, negotiated.wireContext(), LocalAddresses.of(local));
        Established peer = new Established(config.get(), session, in, negotiated.routeRefresh(),
                negotiated.enhancedRouteRefresh());
        peers.put(address, peer);
        exporter.join(peer);
        fib.peerUp(address, families, System.nanoTime());
    }

    /**
     * RFC 4271 §8.2.2: the peer's routes are deleted; the decision of the next turn withdraws them elsewhere. After a
     * {@code graceful} end (RFC 4724 §4.2) they are kept as stale instead, and nothing is withdrawn.
     */
    private void peerDown(InetAddress address, boolean graceful) {
        Established peer = peers.remove(address);
        if (peer == null) return;
        fib.peerDown(address);
        exporter.leave(peer);
        if (!restarting.down(address, peer.in, peer.session.families(), graceful, System.nanoTime())) {
            rib.peerDown(address);
        }
    }

    private void refreshReceived(InetAddress address, RouteRefresh message) {
        Established peer = peers.get(address);
        if (peer == null || !FAMILIES.contains(message.family())) return;
        switch (message.subtype()) {
            case RouteRefresh.NORMAL -> exporter.refresh(peer, message.family());
            case RouteRefresh.BEGINNING_OF_ROUTE_REFRESH -> {
                // RFC 7313 §4: "the receiving speaker MUST ... mark all the routes previously received from that
                // peer for that address family as stale".
                Set<Nlri> stale = new HashSet<>();
                peer.in.walk(Cursor.start(), Integer.MAX_VALUE, p -> {
                    if (Encoded.family(p.nlri().prefix().afi()).equals(message.family())) stale.add(p.nlri());
                });
                peer.stale.put(message.family(), stale);
            }
            case RouteRefresh.END_OF_ROUTE_REFRESH -> {
                // "Upon receipt of an EoRR message, the receiving speaker MUST immediately remove all the routes
                // from the peer ... that are still marked as stale."
                Set<Nlri> stale = peer.stale.remove(message.family());
                if (stale != null) stale.forEach(peer.in::withdraw);
            }
            default -> { } // RFC 7313 §5: other subtypes are ignored
        }
    }

    private void received(InetAddress address, Update update, List<AttributeError> errors) {
        Established peer = peers.get(address);
        if (peer == null) return;
        fib.received(address, update, System.nanoTime());
        // RFC 7606 §2 treat-as-withdraw: "the UPDATE message containing the path attribute in question MUST be
        // treated as though all contained routes had been withdrawn".
        boolean treatAsWithdraw = errors.stream().anyMatch(e -> e.action() == Severity.TREAT_AS_WITHDRAW);
        for (Family family : FAMILIES) {
            List<Nlri> withdrawn = update.allWithdrawn(family);
            List<Nlri> reachable = update.allReachable(family);
            Set<Nlri> stale = peer.stale.get(family);
            restarting.replaced(address, family, withdrawn);
            restarting.replaced(address, family, reachable);
            for (Nlri n : withdrawn) {
                peer.in.withdraw(n);
                if (stale != null) stale.remove(n);
            }
            if (reachable.isEmpty()) continue;
            if (stale != null) reachable.forEach(stale::remove);
            // RFC 4760 §7 AFI/SAFI disable: the family's NLRI of this UPDATE are not used.
            if (errors.stream().anyMatch(e -> family.equals(e.family()))) continue;
            PathAttributes attributes;
            try {
                attributes = rib.interner().intern(PathAttributes.fromUpdate(update, family));
            } catch (IllegalArgumentException noNextHop) {
                for (Nlri n : reachable) peer.in.withdraw(n);
                continue;
            }
            if (treatAsWithdraw) {
                for (Nlri n : reachable) peer.in.treatAsWithdraw(n, attributes);
                continue;
            }
            importAll(peer, reachable, attributes);
        }
        update.endOfRib().ifPresent(f -> restarting.endOfRib(address, f));
        checkLimit(peer, update.allReachable(Family.IPV6_UNICAST).isEmpty() ? Family.IPV4_UNICAST
                : Family.IPV6_UNICAST);
    }

    /** The import rules, once per attribute set while the import policy does not look at prefixes. */
    private void importAll(Established peer, List<Nlri> reachable, PathAttributes attributes) {
        boolean prefixBlind = !(peer.config.settings().effectiveImport() instanceof Policy.PrefixList);
        ImportOutcome shared = null;
        for (Nlri n : reachable) {
            ImportOutcome outcome = shared != null ? shared
                    : importRules.apply(peer.config.settings(), n.prefix(), attributes);
            if (prefixBlind) shared = outcome;
            switch (outcome) {
                case ImportOutcome.Accepted a -> peer.in.announce(n, a.attributes());
                case ImportOutcome.Dropped _ -> peer.in.withdraw(n);
            }
        }
    }

    /** {@code max-prefixes}: a warning, or RFC 4486 Cease / Maximum Number of Prefixes Reached. */
    private void checkLimit(Established peer, Family family) {
        Optional<RoutingSettings.PrefixLimit> limit = peer.config.prefixLimit();
        if (limit.isEmpty()) return;
        int held = peer.in.received();
        if (held <= limit.get().maximum()) {
            peer.overLimit = false;
            return;
        }
        String what = "peer " + peer.address().getHostAddress() + ": " + held + " prefixes, more than max-prefixes "
                + limit.get().maximum();
        if (!limit.get().restart()) {
            if (!peer.overLimit) LOG.log(Level.WARNING, what + " (warning only; the routes are kept)");
            peer.overLimit = true;
            return;
        }
        LOG.log(Level.WARNING, what + ": closing the session (Cease / Maximum Number of Prefixes Reached)");
        // RFC 4486 §4: "the Cease NOTIFICATION message ... the Data field as follows: AFI (2 octets), SAFI (1 octet)
        // and the prefix upper bound (4 octets)".
        ByteBuffer data = ByteBuffer.allocate(7).putShort((short) family.afi()).put((byte) family.safi())
                .putInt((int) Math.min(limit.get().maximum(), 0xFFFF_FFFFL));
        outbox.stop(peer.address(), MAXIMUM_NUMBER_OF_PREFIXES_REACHED, Bytes.of(data.array()),
                "more than max-prefixes " + limit.get().maximum() + " prefixes received (" + held + ")");
        peerDown(peer.address(), false);
    }

    /** RIB sizes and work done, for the metrics. */
    RibStats stats() {
        long paths = 0;
        for (Established p : peers.values()) paths += p.in.received();
        return new RibStats(rib.locRib().size(Afi.IPV4), rib.locRib().size(Afi.IPV6), paths, turns, locRibChanges);
    }

    /** One turn after a batch of events: decide, then export and send. */
    void turn() {
        turns++;
        restarting.expire(System.nanoTime());
        for (Delta delta : rib.decide(DECIDE_BUDGET)) {
            locRibChanges++;
            exporter.changed(delta);
            fib.changed(delta);
        }
        long now = System.nanoTime();
        exporter.turn(now);
        fib.turnEnded(rib.dirtyCount() == 0, now);
        for (var it = walks.entrySet().iterator(); it.hasNext(); ) {
            var walk = it.next();
            try {
                if (!walk.getKey().advance(SHOW_BUDGET)) continue;
                walk.getValue().complete(walk.getKey().result());
            } catch (RuntimeException e) {
                walk.getValue().completeExceptionally(e);
            }
            it.remove();
        }
    }

    /**
     * Kernel routes that {@code kernel.learn} matches came or went: this node originates them (DESIGN.md: "kernel
     * routes learned over netlink enter the RIB as a local origin"), with the attributes of {@code originate}; a
     * prefix that {@code originate} names stays when its kernel route goes.
     */
    private void learned(RibEvent.Learned event) {
        for (Prefix p : event.added()) {
            learned.add(p);
            rib.local().announce(Nlri.of(p), Origination.attributes(p.afi()));
        }
        for (Prefix p : event.removed()) {
            learned.remove(p);
            if (!settings.originate().contains(p)) rib.local().withdraw(Nlri.of(p));
        }
    }

    /**
     * A reload: new settings, applied without resetting a session. {@code originate} is announced and withdrawn as it
     * changed. For each Established peer whose settings changed:
     * <ul>
     *   <li>a new role makes its paths the new source's ({@link Rib#changeSource}), decided and exported again;
     *   <li>a new import policy, role or allow-local-as asks the peer for its routes again (RFC 2918 ROUTE-REFRESH),
     *       which then pass the new import rules;
     *   <li>a new update group (role, export policy, next-hop-self) moves it there, and it is sent the new group's
     *       routes framed by BoRR and EoRR: RFC 7313 §4, "Before the speaker starts a route refresh that is either
     *       initiated locally, or in response to a 'normal' route refresh request from the peer, the speaker MUST
     *       send a BoRR message", so the peer drops what it is no longer sent.
     * </ul>
     * A peer without (enhanced) route refresh cannot be brought up to date in place: its session is reset with Cease
     * / Other Configuration Change (RFC 4486 §4).
     */
    void reconfigure(RoutingSettings next) {
        RoutingSettings before = settings;
        settings = next;
        for (Prefix p : next.originate()) {
            if (!before.originate().contains(p)) rib.local().announce(Nlri.of(p), Origination.attributes(p.afi()));
        }
        for (Prefix p : before.originate()) {
            if (!next.originate().contains(p) && !learned.contains(p)) rib.local().withdraw(Nlri.of(p));
        }
        for (InetAddress address : restarting.retainedPeers()) {
            if (next.peers().apply(address).isEmpty()) restarting.abandon(address);
        }
        for (Established peer : List.copyOf(peers.values())) {
            Optional<RoutingSettings.Peer> now = next.peers().apply(peer.address());
            if (now.isEmpty() || now.get().equals(peer.config)) continue; // a removed peer's session is ending
            rearrange(peer, now.get());
        }
    }

    private void rearrange(Established peer, RoutingSettings.Peer now) {
        PeerSettings was = peer.config.settings(), is = now.settings();
        boolean reimport = was.role() != is.role() || was.allowLocalAs() != is.allowLocalAs()
                || !was.effectiveImport().equals(is.effectiveImport());
        UpdateGroup group = UpdateGroup.of(is, peer.session);
        boolean regroup = !group.equals(peer.groupKey);
        if ((reimport && !peer.routeRefresh) || (regroup && !peer.enhancedRefresh)) {
            String missing = reimport && !peer.routeRefresh ? "route refresh (RFC 2918)" : "enhanced route refresh (RFC 7313)";
            LOG.log(Level.WARNING, "peer " + peer.address().getHostAddress() + ": its new settings need " + missing
                    + ", which the session did not negotiate; resetting it");
            outbox.stop(peer.address(), OTHER_CONFIGURATION_CHANGE, Bytes.EMPTY, "settings changed on reload");
            peerDown(peer.address(), false);
            return;
        }
        if (was.role() != is.role()) {
            PathSource.Peer source = (PathSource.Peer) peer.in.source();
            peer.in = rib.changeSource(new PathSource.Peer(source.address(), source.asn(), source.routerId(),
                    is.role().isInternal(), is.role() == PeerRole.RR_CLIENT));
        }
        if (regroup) exporter.leave(peer);
        peer.config = now;
        if (regroup) {
            peer.groupKey = group;
            for (Family f : peer.session.families()) {
                outbox.send(peer.address(), new RouteRefresh(f, RouteRefresh.BEGINNING_OF_ROUTE_REFRESH));
                peer.endOfRefreshDue.add(f);
            }
            exporter.join(peer);
        }
        if (reimport) {
            for (Family f : peer.session.families()) outbox.send(peer.address(), RouteRefresh.request(f));
        }
        LOG.log(Level.INFO, "peer " + peer.address().getHostAddress() + ": new settings applied without a reset"
                + (reimport ? "; asked for its routes again (route refresh)" : "")
                + (regroup ? "; re-exported to it between BoRR and EoRR" : ""));
    }

    /** prefixes received / accepted / sent per established peer, for {@code show neighbors}. */
    Map<InetAddress, PrefixCounts> counts() {
        Map<InetAddress, PrefixCounts> out = new HashMap<>();
        for (Established p : peers.values()) {
            out.put(p.address(), new PrefixCounts(p.in.received(), p.in.accepted(), adjRibOut(p).size(p.address())));
        }
        return out;
    }
}
