package dev.corvid.daemon.kernel;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.KernelConfig;
import dev.corvid.netlink.InterfaceAddress;
import dev.corvid.netlink.KernelRoute;
import dev.corvid.netlink.Link;
import dev.corvid.netlink.NetlinkException;
import dev.corvid.netlink.RtEvent;
import dev.corvid.netlink.RtEvents;
import dev.corvid.netlink.RtNetlink;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * DOC: the thread that follows the kernel ({@code corvid-kernel-events}), event-driven through the rtnetlink
 * multicast groups, never by periodic scans. It subscribes first and dumps second, so nothing falls between the two.
 * <ul>
 *   <li>Routes that {@code kernel.learn} matches go to the RIB as this node's own ({@code learned}); a prefix is
 *       announced while at least one matching kernel route to it exists.
 *   <li>Links and addresses go to the {@link KernelSync} (the cross-subnet and tunnel decisions).
 *   <li>A route of corvid's that someone else removed is reported to the {@link KernelSync}, which puts it back.
 * </ul>
 * When the kernel reports lost events (ENOBUFS), everything is dumped again and the differences are passed on.
 */
public final class KernelWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("corvid.kernel");
    private static final Duration POLL = Duration.ofMillis(250);

    /** A kernel route's identity besides its prefix (RTA_TABLE and RTA_PRIORITY; tos is not used). */
    private record RouteKey(int table, int metric) {}

    private final KernelConfig config;
    private final LearnRules rules;
    private final Optional<KernelSync> sync;
    private final BiConsumer<List<Prefix>, List<Prefix>> learned;
    private volatile boolean running = true;
    private Thread thread;

    // Owned by the watcher thread.
    private final Map<Integer, Link> links = new HashMap<>();
    private final List<InterfaceAddress> addresses = new ArrayList<>();
    /** Devices that have had an address (not link-local) since they appeared: losing one takes routes with it. */
    private final Set<Integer> addressed = new HashSet<>();
    private final Map<Prefix, Set<RouteKey>> matching = new HashMap<>();
    private final Set<Prefix> added = new LinkedHashSet<>();
    private final Set<Prefix> removed = new LinkedHashSet<>();
    /** Routes that left corvid's table in this poll. */
    private final List<KernelRoute> gone = new ArrayList<>();

    private KernelWatcher(KernelConfig config, Optional<KernelSync> sync,
                          BiConsumer<List<Prefix>, List<Prefix>> learned) {
        this.config = config;
        this.rules = new LearnRules(config.learn(), config.protocol());
        this.sync = sync;
        this.learned = learned;
    }

    /**
     * Starts the watcher thread.
     *
     * @param sync    the kernel thread to tell about links, addresses and corvid's lost routes, if routes are exported
     * @param learned where matching kernel routes go: the prefixes that appeared and those that went
     */
    public static KernelWatcher start(KernelConfig config, Optional<KernelSync> sync,
                                      BiConsumer<List<Prefix>, List<Prefix>> learned,
                                      Supplier<RtEvents> events, Supplier<RtNetlink> dumps) {
        KernelWatcher watcher = new KernelWatcher(config, sync, learned);
        watcher.thread = Thread.ofPlatform().name("corvid-kernel-events").daemon().start(() -> watcher.run(events, dumps));
        return watcher;
    }

    private void run(Supplier<RtEvents> opener, Supplier<RtNetlink> dumps) {
        try (RtEvents events = opener.get(); RtNetlink dump = dumps.get()) {
            events.ignoreRoutesAddedBy(config.protocol()); // corvid's own: the kernel thread knows them
            reload(dump);
            while (running) {
                List<RtEvent> batch = events.poll(POLL);
                boolean interfacesChanged = false;
                boolean linkLost = false;
                for (RtEvent e : batch) {
                    switch (e) {
                        case RtEvent.RouteAdded a -> routeAdded(a.route());
                        case RtEvent.RouteRemoved r -> routeRemoved(r.route());
                        case RtEvent.LinkChanged c -> {
                            Link before = links.put(c.link().index(), c.link());
                            linkLost |= before != null && before.up() && !c.link().up() && matters(before);
                            interfacesChanged = true;
                        }
                        case RtEvent.LinkRemoved r -> {
                            Link before = links.remove(r.link().index());
                            linkLost |= before != null && matters(before);
                            addressed.remove(r.link().index());
                            interfacesChanged = true;
                        }
                        case RtEvent.AddressAdded a -> {
                            addresses.remove(a.address());
                            addresses.add(a.address());
                            if (!linkLocal(a.address())) addressed.add(a.address().device());
                            interfacesChanged = true;
                        }
                        case RtEvent.AddressRemoved r -> {
                            addresses.remove(r.address());
                            // IPv4 routes through an address's subnet go with it, without an RTM_DELROUTE.
                            linkLost |= !linkLocal(r.address());
                            interfacesChanged = true;
                        }
                        case RtEvent.Overrun _ -> {
                            LOG.log(Level.WARNING, "kernel: events were lost (ENOBUFS); reading routes, links and "
                                    + "addresses again");
                            reload(dump);
                            sync.ifPresent(KernelSync::eventsLost);
                        }
                    }
                }
                if (interfacesChanged) publishInterfaces(linkLost);
                if (!gone.isEmpty()) {
                    List<KernelRoute> left = List.copyOf(gone);
                    gone.clear();
                    sync.ifPresent(s -> s.routesGone(left));
                }
                publishLearned();
            }
        } catch (NetlinkException e) {
            LOG.log(Level.ERROR, "kernel: cannot follow the kernel's routes, links and addresses (" + e.getMessage()
                    + "); kernel.learn and the cross-subnet decisions stop here");
        } catch (RuntimeException | AssertionError e) {
            LOG.log(Level.ERROR, "kernel: the kernel watcher stopped on a bug", e);
        }
    }

    /** A device whose loss takes routes with it: it has had addresses, or it is the tunnel device. */
    private boolean matters(Link link) {
        return link.name().equals(config.tunnelDevice()) || addressed.contains(link.index());
    }

    private static boolean linkLocal(InterfaceAddress a) {
        return a.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress();
    }

    /** Everything from a dump; what changed since is passed on. */
    private void reload(RtNetlink dump) {
        links.clear();
        dump.links().forEach(l -> links.put(l.index(), l));
        addresses.clear();
        addresses.addAll(dump.addresses(true));
        addresses.addAll(dump.addresses(false));
        addressed.clear();
        for (InterfaceAddress a : addresses) if (!linkLocal(a)) addressed.add(a.device());
        publishInterfaces(false);
        if (rules.isEmpty()) return;
        Set<Prefix> before = new HashSet<>(matching.keySet());
        matching.clear();
        for (boolean v4 : new boolean[] {true, false}) {
            for (KernelRoute r : dump.routes(v4)) {
                if (rules.matches(r)) matching.computeIfAbsent(r.destination(), p -> new HashSet<>()).add(key(r));
            }
        }
        for (Prefix p : matching.keySet()) if (!before.contains(p)) announce(p);
        for (Prefix p : before) if (!matching.containsKey(p)) withdraw(p);
        publishLearned();
    }

    private static RouteKey key(KernelRoute r) {
        return new RouteKey(r.table(), r.metric());
    }

    private void routeAdded(KernelRoute route) {
        if (!rules.matches(route)) return;
        Set<RouteKey> keys = matching.computeIfAbsent(route.destination(), p -> new HashSet<>());
        if (keys.isEmpty()) announce(route.destination());
        keys.add(key(route));
    }

    private void routeRemoved(KernelRoute route) {
        if (route.table() == config.table()) {
            // corvid's own (removed by corvid, or by someone else), or another program's that may have been in the
            // way of corvid's: the kernel thread tells which, a poll's worth at a time.
            gone.add(route);
            if (route.protocol() == config.protocol()) return;
        }
        Set<RouteKey> keys = matching.get(route.destination());
        if (keys == null || !keys.remove(key(route)) || !keys.isEmpty()) return;
        matching.remove(route.destination());
        withdraw(route.destination());
    }

    private void announce(Prefix p) {
        if (!removed.remove(p)) added.add(p);
    }

    private void withdraw(Prefix p) {
        if (!added.remove(p)) removed.add(p);
    }

    private void publishLearned() {
        if (added.isEmpty() && removed.isEmpty()) return;
        LOG.log(Level.INFO, "kernel: learned " + describe(added) + ", forgot " + describe(removed));
        learned.accept(List.copyOf(added), List.copyOf(removed));
        added.clear();
        removed.clear();
    }

    private static String describe(Set<Prefix> prefixes) {
        if (prefixes.isEmpty()) return "none";
        List<String> some = prefixes.stream().limit(5).map(Prefix::toString).toList();
        return String.join(" ", some) + (prefixes.size() > 5 ? " and " + (prefixes.size() - 5) + " more" : "");
    }

    private void publishInterfaces(boolean linkLost) {
        Interfaces now = Interfaces.of(List.copyOf(links.values()), addresses);
        sync.ifPresent(s -> s.interfacesChanged(now, linkLost));
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t == null) return;
        try {
            t.join(POLL.multipliedBy(4));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
