package dev.corvid.config;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.ConfigNode.Fields;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/** Reads the {@code corvid { ... }} object: the speaker's own settings and the kernel block; peers go to {@link PeerReader}. */
final class CorvidReader {
    static final KnownKeys CORVID = new KnownKeys("corvid", List.of("asn", "router-id", "listen", "control-socket",
            "metrics", "cluster-id", "maximum-paths", "originate", "kernel", "peers", "peer-ranges"));
    static final KnownKeys KERNEL = new KnownKeys("kernel", List.of("export", "table", "protocol", "metric",
            "encapsulation", "tunnel-device", "mtu", "tunnel-overhead", "learn"));
    static final KnownKeys LEARN = new KnownKeys("a kernel.learn rule", List.of("type", "protocol", "table", "within"));
    /** The rtm_type names of iproute2. */
    private static final List<String> ROUTE_TYPES = List.of("unicast", "local", "broadcast", "anycast", "multicast",
            "blackhole", "unreachable", "prohibit", "throw", "nat");
    /** RFC 6793 §9: AS_TRANS stands in for 4-octet AS numbers on 2-octet sessions. */
    private static final long AS_TRANS = 23456;
    /** sun_path of a Unix socket address holds 108 octets, the last one the terminating NUL. */
    private static final int MAX_SOCKET_PATH_OCTETS = 107;
    /** RT_TABLE_LOCAL. */
    private static final long LOCAL_TABLE = 255;
    /** IFNAMSIZ minus the terminating NUL. */
    private static final int MAX_DEVICE_NAME = 15;

    private CorvidReader() {}

    static Optional<CorvidConfig> read(ConfigNode corvid, Fields peerDefaults, Diagnostics d, Supplier<Inet4Address> hostRouterId) {
        Optional<Fields> object = corvid.object(d, CORVID);
        if (object.isEmpty()) return Optional.empty();
        Fields f = object.get();
        Optional<Long> asn = f.required(d, "asn", "write corvid's AS number, e.g. asn = 64512").flatMap(n -> asn(n, d));
        Optional<Inet4Address> routerId = f.get("router-id").isPresent()
                ? f.get("router-id").get().text(d, CorvidReader::routerId)
                : Optional.of(hostRouterId.get());
        Optional<List<InetSocketAddress>> listen = f.required(d, "listen", "write listen = [\"0.0.0.0:179\"], or [] to only connect out")
                .flatMap(n -> distinct(n, d, AddressText::socket));
        Optional<Path> controlSocket = f.required(d, "control-socket", "write control-socket = \"/run/corvid/corvid.sock\"")
                .flatMap(n -> n.text(d, CorvidReader::socketPath));
        Optional<Optional<InetSocketAddress>> metrics = f.required(d, "metrics", "write metrics = \"127.0.0.1:9179\", or \"\" for none")
                .flatMap(n -> n.text(d, s -> s.isEmpty() ? Optional.<InetSocketAddress>empty() : Optional.of(AddressText.socket(s))));
        Optional<Optional<Inet4Address>> clusterId = f.get("cluster-id").isPresent()
                ? f.get("cluster-id").get().text(d, AddressText::ipv4).map(Optional::of)
                : Optional.of(Optional.empty());
        Optional<Integer> maximumPaths = f.required(d, "maximum-paths", "write maximum-paths = 1 (no ECMP) or more")
                .flatMap(n -> n.number(d, 1, 256, "a path count for ECMP (1 = no ECMP)")).map(Long::intValue);
        Optional<List<Prefix>> originate = f.required(d, "originate", "write originate = [] or a list of prefixes")
                .flatMap(n -> distinct(n, d, AddressText::prefix));
        Optional<KernelConfig> kernel = f.required(d, "kernel", "write kernel { } to take the defaults").flatMap(n -> kernel(n, d));
        PeerReader peers = new PeerReader(d, peerDefaults, asn.map(OptionalLong::of).orElse(OptionalLong.empty()));
        Optional<List<PeerConfig>> peerList = f.required(d, "peers", "write peers = []").flatMap(peers::peers);
        Optional<List<PeerRangeConfig>> ranges = f.required(d, "peer-ranges", "write peer-ranges = []").flatMap(peers::ranges);
        if (d.hasErrors()) return Optional.empty();
        return Optional.of(new CorvidConfig(asn.orElseThrow(), routerId.orElseThrow(), listen.orElseThrow(),
                controlSocket.orElseThrow(), metrics.orElseThrow(), clusterId.orElseThrow(), maximumPaths.orElseThrow(),
                originate.orElseThrow(),
                kernel.orElseThrow(), peerList.orElseThrow(), ranges.orElseThrow()));
    }

    /** An AS number (RFC 6793: four octets); 0 is reserved (RFC 7607) and AS_TRANS is no speaker's AS. */
    static Optional<Long> asn(ConfigNode n, Diagnostics d) {
        return n.number(d, 1, 4294967295L, "a valid AS number").filter(asn -> {
            if (asn == AS_TRANS) {
                d.error(n, "23456 is AS_TRANS (RFC 6793), which only stands in for 4-octet AS numbers; it is no speaker's AS");
            }
            return asn != AS_TRANS;
        });
    }

    /** RFC 6286 §2.1: the BGP Identifier is a non-zero 4-octet value, written as an IPv4 address. */
    private static Inet4Address routerId(String text) {
        Inet4Address id = AddressText.ipv4(text);
        if (id.isAnyLocalAddress()) {
            throw new IllegalArgumentException("0.0.0.0 cannot be a router id (RFC 6286 §2.1 wants it non-zero); "
                    + "write an IPv4 address of this host");
        }
        return id;
    }

    private static Path socketPath(String text) {
        int octets = text.getBytes(StandardCharsets.UTF_8).length;
        if (octets == 0) throw new IllegalArgumentException("empty; write the path of the control socket");
        if (octets > MAX_SOCKET_PATH_OCTETS) {
            throw new IllegalArgumentException("the path is " + octets + " octets long; a Unix socket path holds at most "
                    + MAX_SOCKET_PATH_OCTETS);
        }
        return Path.of(text);
    }

    private static Optional<KernelConfig> kernel(ConfigNode node, Diagnostics d) {
        return node.object(d, KERNEL).flatMap(f -> {
            Optional<Boolean> export = f.required(d, "export", "write export = true").flatMap(n -> n.bool(d));
            Optional<Long> table = f.required(d, "table", "write table = 254").flatMap(n -> n.number(d, 1, Integer.MAX_VALUE,
                    "a routing table id").filter(t -> {
                        if (t == LOCAL_TABLE) {
                            d.error(n, "255 is the kernel's local table (this host's own addresses, which it manages"
                                    + " itself); use 254 (main) or a table of your own");
                        }
                        return t != LOCAL_TABLE;
                    }));
            Optional<Long> protocol = f.required(d, "protocol", "write protocol = 201").flatMap(n -> protocol(n, d));
            Optional<Long> metric = f.required(d, "metric", "write metric = 32").flatMap(n -> n.number(d, 0, 0xFFFF_FFFFL,
                    "a route metric"));
            Optional<Long> mtu = f.required(d, "mtu", "write mtu = 0").flatMap(n -> n.number(d, 0, 65535, "an MTU (0 = none)")
                    .filter(m -> {
                        if (m > 0 && m < 576) d.error(n, m + " is below the IPv4 minimum of 576; write 0 to leave routes without an MTU");
                        return m == 0 || m >= 576;
                    }));
            Optional<Long> overhead = f.required(d, "tunnel-overhead", "write tunnel-overhead = 20").flatMap(n -> n.number(d, 0,
                    256, "an encapsulation overhead in octets"));
            Optional<Encapsulation> encapsulation = f.required(d, "encapsulation", "write encapsulation = none")
                    .flatMap(n -> n.choice(d, "an encapsulation", java.util.Arrays.stream(Encapsulation.values())
                            .map(Encapsulation::label).toList()))
                    .map(label -> java.util.Arrays.stream(Encapsulation.values()).filter(e -> e.label().equals(label)).findFirst().orElseThrow());
            Optional<String> device = f.required(d, "tunnel-device", "write tunnel-device = \"tunl0\"")
                    .flatMap(n -> n.text(d, CorvidReader::deviceName));
            Optional<List<KernelLearnRule>> learn = f.required(d, "learn", "write learn = []").flatMap(n -> n.list(d)).flatMap(rules -> {
                List<Optional<KernelLearnRule>> read = rules.stream().map(r -> learnRule(r, d)).toList();
                return read.stream().allMatch(Optional::isPresent) ? Optional.of(read.stream().map(Optional::orElseThrow).toList()) : Optional.empty();
            });
            if (export.isEmpty() || table.isEmpty() || protocol.isEmpty() || metric.isEmpty() || encapsulation.isEmpty()
                    || device.isEmpty() || mtu.isEmpty() || overhead.isEmpty() || learn.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new KernelConfig(export.get(), table.get().intValue(), protocol.get().intValue(),
                    (int) (long) metric.get(), encapsulation.get(), device.get(), mtu.get().intValue(),
                    overhead.get().intValue(), learn.get()));
        });
    }

    /** rtm_protocol 0..4 are the kernel's own (unspec, redirect, kernel, boot, static): corvid would claim their routes. */
    private static Optional<Long> protocol(ConfigNode n, Diagnostics d) {
        return n.number(d, 0, 255, "an rtm_protocol").filter(p -> {
            if (p <= 4) {
                d.error(n, p + " is reserved for the kernel's own routes (0 unspec, 1 redirect, 2 kernel, 3 boot, 4 static); "
                        + "use 5..255, e.g. 201");
            }
            return p > 4;
        });
    }

    private static String deviceName(String text) {
        if (text.isEmpty() || text.length() > MAX_DEVICE_NAME || !text.matches("[^\\s/:]+")) {
            throw new IllegalArgumentException("'" + text + "' is not a Linux device name (1.." + MAX_DEVICE_NAME
                    + " characters, no '/', ':' or spaces)");
        }
        return text;
    }

    private static Optional<KernelLearnRule> learnRule(ConfigNode node, Diagnostics d) {
        return node.object(d, LEARN).flatMap(f -> {
            Optional<Optional<String>> type = optional(f.get("type"), n -> n.choice(d, "a route type", ROUTE_TYPES));
            Optional<Optional<Long>> protocol = optional(f.get("protocol"), n -> n.number(d, 0, 255, "an rtm_protocol"));
            Optional<Optional<Long>> table = optional(f.get("table"), n -> n.number(d, 1, Integer.MAX_VALUE, "a routing table id"));
            Optional<Optional<Prefix>> within = optional(f.get("within"), n -> n.text(d, AddressText::prefix));
            if (type.isEmpty() || protocol.isEmpty() || table.isEmpty() || within.isEmpty()) return Optional.empty();
            return Optional.of(new KernelLearnRule(type.get(), asInt(protocol.get()), asInt(table.get()), within.get()));
        });
    }

    private static OptionalInt asInt(Optional<Long> value) {
        return value.map(v -> OptionalInt.of(v.intValue())).orElse(OptionalInt.empty());
    }

    private static <T> Optional<Optional<T>> optional(Optional<ConfigNode> n, Function<ConfigNode, Optional<T>> read) {
        return n.isEmpty() ? Optional.of(Optional.empty()) : read.apply(n.get()).map(Optional::of);
    }

    /** A list of strings, each parsed; a value listed twice is an error at its second place. */
    private static <T> Optional<List<T>> distinct(ConfigNode list, Diagnostics d, Function<String, T> parse) {
        return list.list(d).flatMap(elements -> {
            List<T> values = new ArrayList<>();
            Map<T, ConfigNode> seen = new HashMap<>();
            boolean complete = true;
            for (ConfigNode element : elements) {
                Optional<T> value = element.text(d, parse);
                if (value.isPresent() && seen.putIfAbsent(value.get(), element) != null) {
                    d.error(element, element.describe() + " is already listed as " + seen.get(value.get()).path() + "; remove one");
                    value = Optional.empty();
                }
                value.ifPresent(values::add);
                complete &= value.isPresent();
            }
            return complete ? Optional.of(values) : Optional.empty();
        });
    }
}
