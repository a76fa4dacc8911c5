package dev.corvid.daemon.routing;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.Family;
import dev.corvid.codec.Severity;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.fsm.open.Negotiated;
import dev.corvid.reflector.ExportOutcome;
import dev.corvid.reflector.ExportRules;
import dev.corvid.reflector.ImportOutcome;
import dev.corvid.reflector.ImportRules;
import dev.corvid.reflector.LocalAddresses;
import dev.corvid.reflector.NegotiatedSession;
import dev.corvid.reflector.Origination;
import dev.corvid.reflector.PeerRole;
import dev.corvid.reflector.UpdateGroup;
import dev.corvid.rib.AdjRibIn;
import dev.corvid.rib.Cursor;
import dev.corvid.rib.Delta;
import dev.corvid.rib.DecisionProcess;
import dev.corvid.rib.NextHopResolver;
import dev.corvid.rib.Path;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import dev.corvid.rib.Rib;
import dev.corvid.rib.Route;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * DOC: everything the RIB thread owns, and what one event does to it. Received paths go through {@link ImportRules}
 * into the peer's {@link AdjRibIn}; {@link #turn} then runs the decision for the dirty prefixes (coalesced, within a
 * budget), computes each change's export once per {@link UpdateGroup} with {@link ExportRules}, applies it to every
 * member's {@link AdjRibOut} (split horizon apart), moves the peer-up dumps on by a slice, and sends what changed.
 * Constructed on the RIB thread, which the {@link Rib} inside checks on every change.
 */
final class RoutingState {
    private static final System.Logger LOG = System.getLogger("corvid.routing");
    /** Dirty prefixes decided per turn, and Loc-RIB routes dumped per peer per turn (DESIGN.md: budgeted walks). */
    static final int DECIDE_BUDGET = 10_000;
    static final int DUMP_BUDGET = 2_000;
    private static final List<Family> FAMILIES = List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

    private final RoutingSettings settings;
    private final BiConsumer<InetAddress, BgpMessage> outbox;
    private final Rib rib = new Rib(new DecisionProcess(), NextHopResolver.ALL_REACHABLE, System::currentTimeMillis);
    private final ImportRules importRules;
    private final ExportRules exportRules;
    private final Map<InetAddress, Established> peers = new LinkedHashMap<>();
    private final Map<UpdateGroup, List<Established>> groups = new LinkedHashMap<>();

    /** A peer whose session is Established. */
    static final class Established {
        final RoutingSettings.Peer config;
        final NegotiatedSession session;
        final UpdateGroup group;
        final AdjRibIn in;
        final AdjRibOut out = new AdjRibOut();
        /** The Loc-RIB dump in progress (peer up, route refresh), or null. */
        Cursor<Prefix> dump = Cursor.start();
        boolean forceDump;
        /** RFC 4724 §2: End-of-RIB follows the initial dump. */
        boolean endOfRibDue = true;

        Established(RoutingSettings.Peer config, NegotiatedSession session, AdjRibIn in) {
            this.config = config;
            this.session = session;
            this.group = UpdateGroup.of(config.settings(), session);
            this.in = in;
        }

        InetAddress address() {
            return config.settings().address();
        }
    }

    RoutingState(RoutingSettings settings, BiConsumer<InetAddress, BgpMessage> outbox) {
        this.settings = settings;
        this.outbox = outbox;
        this.importRules = new ImportRules(settings.speaker());
        this.exportRules = new ExportRules(settings.speaker());
        // RFC 4271 §5.1.1: ORIGIN IGP for what the AS itself originates (Origination holds the attributes).
        for (Prefix p : settings.originate()) rib.local().announce(Nlri.of(p), Origination.attributes(p.afi()));
    }

    Rib rib() {
        return rib;
    }

    Collection<Established> established() {
        return peers.values();
    }

    Optional<Established> established(InetAddress peer) {
        return Optional.ofNullable(peers.get(peer));
    }

    /** True while work is left without a new event: dirty prefixes or a dump in progress. */
    boolean busy() {
        if (rib.dirtyCount() > 0) return true;
        for (Established p : peers.values()) if (p.dump != null) return true;
        return false;
    }

    void handle(RibEvent event) {
        switch (event) {
            case RibEvent.PeerUp up -> peerUp(up.peer(), up.negotiated());
            case RibEvent.PeerDown down -> peerDown(down.peer());
            case RibEvent.Received r -> received(r.peer(), r.update(), r.errors());
            case RibEvent.RefreshRequested r -> refresh(r.peer());
            case RibEvent.Query<?> q -> q.run(this);
            case RibEvent.Stop _ -> { }
        }
    }

    private void peerUp(InetAddress address, Negotiated negotiated) {
        Optional<RoutingSettings.Peer> config = settings.peers().apply(address);
        if (config.isEmpty()) {
            LOG.log(Level.WARNING, "peer " + address.getHostAddress() + ": established but not configured; no routes");
            return;
        }
        if (peers.containsKey(address)) peerDown(address); // a new session replaces a lost one we missed
        PeerRole role = config.get().settings().role();
        AdjRibIn in = rib.peerUp(new PathSource.Peer(address, negotiated.peerAs(), negotiated.peerIdentifier(),
                role.isInternal(), role == PeerRole.RR_CLIENT));
        Set<Family> families = Set.copyOf(negotiated.families().stream().filter(FAMILIES::contains).toList());
        NegotiatedSession session = new NegotiatedSession(families, negotiated.wireContext(),
                LocalAddresses.of(config.get().localAddress()));
        Established peer = new Established(config.get(), session, in);
        peers.put(address, peer);
        groups.computeIfAbsent(peer.group, _ -> new ArrayList<>()).add(peer);
    }

    /** RFC 4271 §8.2.2: the peer's routes are deleted; the decision of the next turn withdraws them elsewhere. */
    private void peerDown(InetAddress address) {
        Established peer = peers.remove(address);
        if (peer == null) return;
        List<Established> members = groups.get(peer.group);
        members.remove(peer);
        if (members.isEmpty()) groups.remove(peer.group);
        rib.peerDown(address);
    }

    /** RFC 2918 §4: the peer asks for our routes again; it gets the whole Adj-RIB-Out, re-sent from the Loc-RIB. */
    private void refresh(InetAddress address) {
        Established peer = peers.get(address);
        if (peer == null) return;
        peer.dump = Cursor.start();
        peer.forceDump = true;
    }

    private void received(InetAddress address, Update update, List<AttributeError> errors) {
        Established peer = peers.get(address);
        if (peer == null) return;
        // RFC 7606 §2 treat-as-withdraw: "the UPDATE message containing the path attribute in question MUST be
        // treated as though all contained routes had been withdrawn".
        boolean treatAsWithdraw = errors.stream().anyMatch(e -> e.action() == Severity.TREAT_AS_WITHDRAW);
        for (Family family : FAMILIES) {
            for (Nlri n : update.allWithdrawn(family)) peer.in.withdraw(n);
            List<Nlri> reachable = update.allReachable(family);
            if (reachable.isEmpty()) continue;
            // RFC 4760 §7 AFI/SAFI disable: the family's NLRI of this UPDATE are not used.
            if (errors.stream().anyMatch(e -> family.equals(e.family()))) continue;
            PathAttributes attributes;
            try {
                attributes = PathAttributes.fromUpdate(update, family);
            } catch (IllegalArgumentException noNextHop) {
                for (Nlri n : reachable) peer.in.withdraw(n);
                continue;
            }
            for (Nlri n : reachable) {
                if (treatAsWithdraw) {
                    peer.in.treatAsWithdraw(n, attributes);
                    continue;
                }
                switch (importRules.apply(peer.config.settings(), n.prefix(), attributes)) {
                    case ImportOutcome.Accepted a -> peer.in.announce(n, a.attributes());
                    case ImportOutcome.Dropped _ -> peer.in.withdraw(n);
                }
            }
        }
    }

    /** One turn after a batch of events: decide, export, dump, send. */
    void turn() {
        for (Delta delta : rib.decide(DECIDE_BUDGET)) export(delta);
        for (Established peer : peers.values()) {
            if (peer.dump == null) continue;
            peer.dump = rib.locRib().walk(peer.dump, DUMP_BUDGET, route -> exportTo(peer, route, peer.forceDump));
            if (peer.dump.done()) peer.dump = null;
        }
        for (Established peer : peers.values()) {
            for (Update u : peer.out.flush(peer.session.wire())) outbox.accept(peer.address(), u);
            if (peer.dump == null && peer.endOfRibDue) {
                // RFC 4724 §2: "the End-of-RIB marker ... MUST be sent by a BGP speaker to its peer once it
                // completes the initial routing update (including the case when there is no update to send) for
                // an address family after the BGP session is established."
                peer.endOfRibDue = false;
                for (Family f : FAMILIES) {
                    if (peer.session.families().contains(f)) outbox.accept(peer.address(), Update.endOfRib(f));
                }
            }
        }
    }

    /** A Loc-RIB change, to every group: the export is computed once per group, then applied to each member. */
    private void export(Delta delta) {
        Optional<Path> best = delta.newBest();
        for (Map.Entry<UpdateGroup, List<Established>> g : groups.entrySet()) {
            PathAttributes attributes = best.map(b -> exported(b, g.getKey())).orElse(null);
            for (Established member : g.getValue()) {
                apply(member, delta.prefix(), best.orElse(null), attributes, false);
            }
        }
    }

    private void exportTo(Established peer, Route route, boolean force) {
        apply(peer, route.prefix(), route.best(), exported(route.best(), peer.group), force);
    }

    /** The interned attributes {@code best} is sent with to {@code group}, or null when it is not sent. */
    private PathAttributes exported(Path best, UpdateGroup group) {
        return switch (exportRules.toGroup(best, group)) {
            case ExportOutcome.Advertise a -> rib.interner().intern(a.attributes());
            case ExportOutcome.Suppress _ -> null;
        };
    }

    private static void apply(Established member, Prefix prefix, Path best, PathAttributes attributes, boolean force) {
        if (attributes == null || ExportRules.isSplitHorizon(best, member.address())) member.out.withdraw(prefix);
        else member.out.advertise(prefix, attributes, best.source(), force);
    }

    /** prefixes received / accepted / sent per established peer, for {@code show neighbors}. */
    Map<InetAddress, PrefixCounts> counts() {
        Map<InetAddress, PrefixCounts> out = new HashMap<>();
        for (Established p : peers.values()) {
            out.put(p.address(), new PrefixCounts(p.in.received(), p.in.accepted(), p.out.size()));
        }
        return out;
    }
}
