package dev.corvid.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What a reload changes: the difference between the running config and the new one, as the daemon applies it — only
 * what changed is touched.
 * <ul>
 *   <li>{@link #needsRestart}: settings a running daemon cannot take over (AS, router id, listen addresses, control
 *       socket, metrics address, cluster id, maximum-paths, the kernel block, changed or removed peer ranges'
 *       sessions). A reload with any of them is refused as a whole.
 *   <li>Peers added or removed: only that session starts or ends.
 *   <li>A peer whose session settings changed (AS, port, passive, families, hold time, connect retry, local address,
 *       password, TTL security, ADD-PATH, graceful restart): that session is reset.
 *   <li>A peer whose routing settings changed (role, import, export, next-hop-self, allow-local-as, max-prefixes):
 *       applied without a reset — a route refresh for import, a re-export for export and role.
 *   <li>{@code originate} and the ranges' routing settings: applied in the RIB.
 * </ul>
 *
 * @param needsRestart   one line per setting that needs a restart, e.g. {@code corvid.asn: 64512 → 64513}
 * @param peersAdded     new peers
 * @param peersRemoved   peers no longer configured
 * @param peersReset     peers whose session settings changed (the new config)
 * @param peersRerouted  peers whose routing settings changed and session settings did not (the new config)
 * @param rangesAdded    new peer ranges
 * @param originateChanged whether {@code originate} changed
 * @param rangesRerouted whether a range's routing settings changed (its dynamic peers are re-exported)
 */
public record ConfigDiff(List<String> needsRestart, List<PeerConfig> peersAdded, List<PeerConfig> peersRemoved,
                         List<PeerConfig> peersReset, List<PeerConfig> peersRerouted, List<PeerRangeConfig> rangesAdded,
                         boolean originateChanged, boolean rangesRerouted) {

    public ConfigDiff {
        needsRestart = List.copyOf(needsRestart);
        peersAdded = List.copyOf(peersAdded);
        peersRemoved = List.copyOf(peersRemoved);
        peersReset = List.copyOf(peersReset);
        peersRerouted = List.copyOf(peersRerouted);
        rangesAdded = List.copyOf(rangesAdded);
    }

    public static ConfigDiff of(CorvidConfig before, CorvidConfig after) {
        List<String> restart = new ArrayList<>();
        restart(restart, "corvid.asn", before.asn(), after.asn());
        restart(restart, "corvid.router-id", text(before.routerId()), text(after.routerId()));
        restart(restart, "corvid.listen", before.listen(), after.listen());
        restart(restart, "corvid.control-socket", before.controlSocket(), after.controlSocket());
        restart(restart, "corvid.metrics", before.metrics(), after.metrics());
        restart(restart, "corvid.cluster-id", before.clusterId().map(ConfigDiff::text),
                after.clusterId().map(ConfigDiff::text));
        restart(restart, "corvid.maximum-paths", before.maximumPaths(), after.maximumPaths());
        if (!before.kernel().equals(after.kernel())) restart.add("corvid.kernel changed");

        Map<InetAddress, PeerConfig> old = byKey(before.peers(), PeerConfig::address);
        Map<InetAddress, PeerConfig> now = byKey(after.peers(), PeerConfig::address);
        List<PeerConfig> added = new ArrayList<>(), removed = new ArrayList<>(), reset = new ArrayList<>(),
                rerouted = new ArrayList<>();
        now.forEach((address, p) -> {
            PeerConfig was = old.get(address);
            if (was == null) added.add(p);
            else if (!sessionOf(was).equals(sessionOf(p))) reset.add(p);
            else if (!was.equals(p)) rerouted.add(p);
        });
        old.forEach((address, p) -> { if (!now.containsKey(address)) removed.add(p); });

        Map<Object, PeerRangeConfig> oldRanges = byKey(before.peerRanges(), PeerRangeConfig::prefix);
        Map<Object, PeerRangeConfig> newRanges = byKey(after.peerRanges(), PeerRangeConfig::prefix);
        List<PeerRangeConfig> rangesAdded = new ArrayList<>();
        boolean rangesRerouted = false;
        for (var e : newRanges.entrySet()) {
            PeerRangeConfig was = oldRanges.get(e.getKey());
            if (was == null) {
                rangesAdded.add(e.getValue());
            } else if (!rangeSessionOf(was).equals(rangeSessionOf(e.getValue()))) {
                restart.add("corvid.peer-ranges: the session settings of " + e.getKey() + " changed");
            } else if (!was.equals(e.getValue())) {
                rangesRerouted = true;
            }
        }
        for (Object prefix : oldRanges.keySet()) {
            if (!newRanges.containsKey(prefix)) restart.add("corvid.peer-ranges: " + prefix + " was removed");
        }
        return new ConfigDiff(restart, added, removed, reset, rerouted, rangesAdded,
                !before.originate().equals(after.originate()), rangesRerouted);
    }

    /** Nothing changed at all. */
    public boolean isEmpty() {
        return needsRestart.isEmpty() && peersAdded.isEmpty() && peersRemoved.isEmpty() && peersReset.isEmpty()
                && peersRerouted.isEmpty() && rangesAdded.isEmpty() && !originateChanged && !rangesRerouted;
    }

    /** One line per change, for the reload command and the log. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        peersAdded.forEach(p -> lines.add("peer " + text(p.address()) + " added"));
        peersRemoved.forEach(p -> lines.add("peer " + text(p.address()) + " removed"));
        peersReset.forEach(p -> lines.add("peer " + text(p.address()) + ": session settings changed; session reset"));
        peersRerouted.forEach(p -> lines.add("peer " + text(p.address())
                + ": routing settings changed; applied with route refresh and re-export, no session reset"));
        rangesAdded.forEach(r -> lines.add("peer range " + r.prefix() + " added"));
        if (rangesRerouted) lines.add("peer ranges: routing settings changed; their peers re-exported, no session reset");
        if (originateChanged) lines.add("originate changed");
        return lines;
    }

    /** What makes a session: everything but the routing settings (and max-prefixes, which the RIB enforces). */
    private record Session(long asn, SessionOptions options) {}

    private static Session sessionOf(PeerConfig p) {
        return new Session(p.asn(), withoutLimit(p.session()));
    }

    private static Session rangeSessionOf(PeerRangeConfig r) {
        return new Session(r.asn(), withoutLimit(r.session()));
    }

    private static SessionOptions withoutLimit(SessionOptions s) {
        return new SessionOptions(s.port(), s.passive(), s.families(), s.holdTime(), s.connectRetryTime(),
                s.localAddress(), s.password(), s.ttlSecurity(), s.addPaths(), OptionalLong.empty(), true,
                s.gracefulRestart());
    }

    private static <K, T> Map<K, T> byKey(List<T> items, Function<T, K> key) {
        Map<K, T> map = new LinkedHashMap<>();
        for (T item : items) map.put(key.apply(item), item);
        return map;
    }

    private static void restart(List<String> out, String path, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(path + ": " + show(before) + " → " + show(after));
        }
    }

    private static String show(Object value) {
        return value instanceof Optional<?> o ? o.map(ConfigDiff::show).orElse("(not set)") : String.valueOf(value);
    }

    private static String text(InetAddress a) {
        return a.getHostAddress();
    }
}
