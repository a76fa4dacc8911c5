package dev.corvid.config;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Family;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.ConfigNode.Fields;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads {@code corvid.peers} and {@code corvid.peer-ranges}: addresses, AS numbers, roles, policies and the
 * session options, each element merged over {@code corvid-peer-defaults} of reference.conf.
 */
final class PeerReader {
    private static final List<String> COMMON = List.of("asn", "role", "next-hop-self", "import", "export",
            "families", "hold-time", "local-address", "password", "ttl-security", "add-paths", "max-prefixes",
            "max-prefixes-action", "graceful-restart", "allow-local-as");
    static final KnownKeys PEER = new KnownKeys("a peer", concat(List.of("address"), COMMON,
            List.of("port", "passive", "connect-retry-time")));
    static final KnownKeys RANGE = new KnownKeys("a peer range", concat(List.of("prefix"), COMMON, List.of()), Map.of(
            "address", "a peer range has a prefix, not an address; write prefix = \"10.0.0.0/24\", or move this to peers",
            "port", "a peer range only accepts inbound sessions, so it has no port to connect to; remove it",
            "passive", "a peer range is always passive (it only accepts inbound sessions); remove it",
            "connect-retry-time", "a peer range never connects out, so it has no connect-retry-time; remove it"));
    static final KnownKeys DEFAULTS = new KnownKeys("corvid-peer-defaults", concat(PEER.keys(), List.of(), List.of()));

    /** TCP_MD5SIG_MAXKEYLEN of Linux (include/uapi/linux/tcp.h). */
    private static final int MAX_PASSWORD_OCTETS = 80;

    private final Diagnostics d;
    private final Fields defaults;
    private final OptionalLong localAsn;

    /**
     * @param defaults the fields of {@code corvid-peer-defaults}
     * @param localAsn corvid.asn, empty when it is invalid (then roles are not checked against it)
     */
    PeerReader(Diagnostics d, Fields defaults, OptionalLong localAsn) {
        this.d = d;
        this.defaults = defaults;
        this.localAsn = localAsn;
    }

    Optional<List<PeerConfig>> peers(ConfigNode list) {
        return list.list(d).flatMap(elements -> {
            List<PeerConfig> peers = new ArrayList<>();
            Map<InetAddress, ConfigNode> seen = new HashMap<>();
            boolean complete = true;
            for (ConfigNode element : elements) {
                Optional<PeerConfig> peer = element.object(d, PEER).flatMap(f -> peer(f, seen));
                peer.ifPresent(peers::add);
                complete &= peer.isPresent();
            }
            return complete ? Optional.of(peers) : Optional.empty();
        });
    }

    Optional<List<PeerRangeConfig>> ranges(ConfigNode list) {
        return list.list(d).flatMap(elements -> {
            List<PeerRangeConfig> ranges = new ArrayList<>();
            Map<Prefix, ConfigNode> seen = new HashMap<>();
            boolean complete = true;
            for (ConfigNode element : elements) {
                Optional<PeerRangeConfig> range = element.object(d, RANGE).flatMap(f -> range(f, seen));
                range.ifPresent(ranges::add);
                complete &= range.isPresent();
            }
            return complete ? Optional.of(ranges) : Optional.empty();
        });
    }

    private Optional<PeerConfig> peer(Fields f, Map<InetAddress, ConfigNode> seen) {
        Optional<InetAddress> address = f.required(d, "address", "every peer needs one, e.g. address = \"10.0.0.2\"")
                .flatMap(n -> n.text(d, AddressText::ip).filter(a -> usable(n, a)).filter(a -> unique(n, a, seen)));
        Afi afi = address.map(a -> a instanceof Inet4Address ? Afi.IPV4 : Afi.IPV6).orElse(null);
        Common c = common(f, afi, false);
        if (address.isEmpty() || c == null) return Optional.empty();
        return Optional.of(new PeerConfig(address.get(), c.asn, c.role, c.nextHopSelf, c.allowLocalAs, c.importPolicy, c.exportPolicy, c.session));
    }

    private Optional<PeerRangeConfig> range(Fields f, Map<Prefix, ConfigNode> seen) {
        Optional<Prefix> prefix = f.required(d, "prefix", "every peer range needs one, e.g. prefix = \"10.0.0.0/24\"")
                .flatMap(n -> n.text(d, AddressText::prefix).filter(p -> {
                    ConfigNode first = seen.putIfAbsent(p, n);
                    if (first != null) d.error(n, p + " is already the prefix of " + first.path().replaceFirst("\\.prefix$", "")
                            + "; two identical ranges cannot both apply, merge them");
                    return first == null;
                }));
        Common c = common(f, prefix.map(Prefix::afi).orElse(null), true);
        if (prefix.isEmpty() || c == null) return Optional.empty();
        return Optional.of(new PeerRangeConfig(prefix.get(), c.asn, c.role, c.nextHopSelf, c.allowLocalAs, c.importPolicy, c.exportPolicy, c.session));
    }

    private boolean usable(ConfigNode n, InetAddress a) {
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            d.error(n, a.getHostAddress() + " cannot be a peer's address; write the address of the peer's interface");
            return false;
        }
        return true;
    }

    private boolean unique(ConfigNode n, InetAddress a, Map<InetAddress, ConfigNode> seen) {
        ConfigNode first = seen.putIfAbsent(a, n);
        if (first != null) {
            d.error(n, a.getHostAddress() + " is already the address of " + first.path().replaceFirst("\\.address$", "")
                    + "; a peer is configured once");
        }
        return first == null;
    }

    /** What peers and ranges share; null when any of it is invalid (the errors are reported). */
    private Common common(Fields f, Afi afi, boolean range) {
        Optional<Long> asn = f.required(d, "asn", "write the peer's AS number, e.g. asn = 64512")
                .flatMap(n -> CorvidReader.asn(n, d));
        Optional<PeerRole> role = asn.flatMap(a -> role(f, a));
        Optional<Policy> importPolicy = policy(f, "import", role);
        Optional<Policy> exportPolicy = policy(f, "export", role);
        Optional<Boolean> nextHopSelf = option(f, "next-hop-self").bool(d);
        Optional<Integer> allowLocalAs = allowLocalAs(option(f, "allow-local-as"), role);
        Optional<SessionOptions> session = session(f, afi, range);
        if (asn.isEmpty() || role.isEmpty() || importPolicy.isEmpty() || exportPolicy.isEmpty()
                || nextHopSelf.isEmpty() || allowLocalAs.isEmpty() || session.isEmpty()) {
            return null;
        }
        return new Common(asn.get(), role.get(), nextHopSelf.get(), allowLocalAs.get(), importPolicy.get(),
                exportPolicy.get(), session.get());
    }

    private record Common(long asn, PeerRole role, boolean nextHopSelf, int allowLocalAs, Policy importPolicy,
            Policy exportPolicy, SessionOptions session) {}

    /**
     * How often our AS may be in an AS_PATH received over eBGP (RFC 4271 §9.1.2 otherwise drops the route): for
     * designs where every node reuses one AS behind its top-of-rack switch. iBGP routes never carry our AS.
     */
    private Optional<Integer> allowLocalAs(ConfigNode n, Optional<PeerRole> role) {
        return n.number(d, 0, 255, "a count for allow-local-as (0 = off)").map(Long::intValue).filter(count -> {
            boolean internal = role.map(PeerRole::isInternal).orElse(false);
            if (count > 0 && internal) {
                d.error(n, "allow-local-as is for eBGP peers (iBGP routes never carry our AS in their AS_PATH); "
                        + "remove it or set it on the eBGP peer");
            }
            return count == 0 || !internal;
        });
    }

    /** The role: mesh for the local AS, ebgp otherwise; one that is written must agree with the AS. */
    private Optional<PeerRole> role(Fields f, long asn) {
        boolean internal = localAsn.isPresent() && localAsn.getAsLong() == asn;
        Optional<ConfigNode> written = f.get("role");
        if (written.isEmpty()) return localAsn.isPresent() ? Optional.of(internal ? PeerRole.MESH : PeerRole.EBGP) : Optional.empty();
        List<String> labels = java.util.Arrays.stream(PeerRole.values()).map(PeerRole::label).toList();
        ConfigNode n = written.get();
        return n.choice(d, "a role", labels).map(label -> PeerRole.values()[labels.indexOf(label)]).filter(r -> {
            if (localAsn.isEmpty()) return false;
            if (r.isInternal() && !internal) {
                d.error(n, "role " + r.label() + " is for iBGP peers, but AS " + asn + " is not corvid.asn ("
                        + localAsn.getAsLong() + "); remove the role or write role = ebgp");
                return false;
            }
            if (!r.isInternal() && internal) {
                d.error(n, "role ebgp is for peers in another AS, but AS " + asn + " is corvid.asn; remove the role "
                        + "or write mesh, rr-client or non-client");
                return false;
            }
            return true;
        });
    }

    /** RFC 8212 §3: eBGP routes are neither accepted nor sent without a policy; iBGP ones are by default. */
    private Optional<Policy> policy(Fields f, String key, Optional<PeerRole> role) {
        Optional<ConfigNode> written = f.get(key);
        if (written.isPresent()) return PolicyReader.read(written.get(), d);
        return role.map(r -> r.isInternal() ? new Policy.Accept() : new Policy.Reject());
    }

    private Optional<SessionOptions> session(Fields f, Afi afi, boolean range) {
        Optional<Integer> port = range ? Optional.of(179) : option(f, "port").number(d, 1, 65535, "a TCP port").map(Long::intValue);
        Optional<Boolean> passive = range ? Optional.of(true) : option(f, "passive").bool(d);
        Optional<Set<Family>> families = f.get("families").isPresent()
                ? families(f.get("families").get(), false)
                : Optional.ofNullable(afi).map(a -> Set.of(a == Afi.IPV4 ? Family.IPV4_UNICAST : Family.IPV6_UNICAST));
        Optional<Integer> holdTime = holdTime(option(f, "hold-time"));
        Optional<Integer> connectRetry = option(f, "connect-retry-time").seconds(d, 1, 65535, "a connect retry time");
        Optional<Optional<InetAddress>> localAddress = optional(f, "local-address", n -> n.text(d, AddressText::ip).filter(a -> {
            boolean sameFamily = afi == null || (a instanceof Inet4Address) == (afi == Afi.IPV4);
            if (!sameFamily) d.error(n, a.getHostAddress() + " is not an " + afi.name() + " address, but the "
                    + (range ? "range" : "peer") + " is; a session's two ends are of one family");
            return sameFamily;
        }));
        Optional<Optional<String>> password = optional(f, "password", n -> n.string(d).filter(p -> {
            int octets = p.getBytes(StandardCharsets.UTF_8).length;
            if (octets == 0 || octets > MAX_PASSWORD_OCTETS) {
                d.error(n, "the TCP-MD5 password is " + octets + " octets long; Linux accepts 1.." + MAX_PASSWORD_OCTETS);
            }
            return octets > 0 && octets <= MAX_PASSWORD_OCTETS;
        }));
        Optional<Integer> ttlSecurity = option(f, "ttl-security").number(d, 0, 254, "a hop count for ttl-security (0 = off)")
                .map(Long::intValue);
        Optional<Set<Family>> addPaths = families(option(f, "add-paths"), true).filter(a -> {
            Set<Family> missing = new LinkedHashSet<>(a);
            families.ifPresent(missing::removeAll);
            if (families.isPresent() && !missing.isEmpty()) {
                d.error(option(f, "add-paths"), "add-paths names " + names(missing)
                        + ", which is not in families " + names(families.get()) + "; add it there or remove it here");
            }
            return families.isEmpty() || missing.isEmpty();
        });
        Optional<OptionalLong> maxPrefixes = optional(f, "max-prefixes",
                n -> n.number(d, 1, 4294967295L, "a prefix count")).map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty()));
        Optional<Boolean> restart = option(f, "max-prefixes-action").choice(d, "a max-prefixes action",
                List.of("restart", "warning")).map("restart"::equals);
        Optional<Boolean> gracefulRestart = option(f, "graceful-restart").bool(d);
        if (restart.isEmpty() || port.isEmpty() || passive.isEmpty() || families.isEmpty() || holdTime.isEmpty() || connectRetry.isEmpty()
                || localAddress.isEmpty() || password.isEmpty() || ttlSecurity.isEmpty() || addPaths.isEmpty()
                || maxPrefixes.isEmpty() || gracefulRestart.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionOptions(port.get(), passive.get(), families.get(), holdTime.get(), connectRetry.get(),
                localAddress.get(), password.get(), ttlSecurity.get(), addPaths.get(), maxPrefixes.get(), restart.get(),
                gracefulRestart.get()));
    }

    /** RFC 4271 §4.2: "the Hold Time MUST be either zero or at least three seconds". */
    private Optional<Integer> holdTime(ConfigNode n) {
        return n.seconds(d, 0, 65535, "a hold time").filter(s -> {
            if (s == 1 || s == 2) {
                d.error(n, s + " is not a hold time: RFC 4271 §4.2 allows 0 (no keepalives) or 3..65535 seconds");
            }
            return s != 1 && s != 2;
        });
    }

    private Optional<Set<Family>> families(ConfigNode n, boolean mayBeEmpty) {
        return n.list(d).flatMap(elements -> {
            Set<Family> families = new LinkedHashSet<>();
            boolean complete = true;
            for (ConfigNode element : elements) {
                Optional<String> word = element.choice(d, "a family", List.of("ipv4", "ipv6", "ipv4-unicast", "ipv6-unicast"));
                word.ifPresent(w -> families.add(w.startsWith("ipv4") ? Family.IPV4_UNICAST : Family.IPV6_UNICAST));
                complete &= word.isPresent();
            }
            if (complete && families.isEmpty() && !mayBeEmpty) {
                d.error(n, "no family; a session carries at least one, write [ipv4], [ipv6] or [ipv4, ipv6]");
                return Optional.empty();
            }
            return complete ? Optional.of(families) : Optional.empty();
        });
    }

    private static String names(Set<Family> families) {
        return families.stream().map(f -> f.equals(Family.IPV4_UNICAST) ? "ipv4" : "ipv6").toList().toString();
    }

    /** The written field, or the one of corvid-peer-defaults. */
    private ConfigNode option(Fields f, String key) {
        return f.get(key).orElseGet(() -> {
            ConfigNode fallback = defaults.get(key).orElseThrow(() -> new IllegalStateException("reference.conf has no corvid-peer-defaults." + key));
            return new ConfigNode(fallback.value(), f.node().path() + "." + key, f.node().location());
        });
    }

    /** A key that may be absent: empty when read badly, Optional.empty() inside when not written. */
    private static <T> Optional<Optional<T>> optional(Fields f, String key, java.util.function.Function<ConfigNode, Optional<T>> read) {
        Optional<ConfigNode> n = f.get(key);
        return n.isEmpty() ? Optional.of(Optional.empty()) : read.apply(n.get()).map(Optional::of);
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return List.copyOf(all);
    }
}
