package dev.corvid.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Family;
import dev.corvid.codec.nlri.Prefix;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path EXAMPLE = Path.of("src/test/resources/product-example.conf");

    static CorvidConfig loaded(ConfigResult result) {
        assertThat(result).as("%s", result).isInstanceOf(ConfigResult.Loaded.class);
        return ((ConfigResult.Loaded) result).config();
    }

    static InetAddress ip(String text) throws IOException {
        return InetAddress.getByName(text);
    }

    @Test
    void loadsTheProductExampleWithEveryField() throws IOException {
        CorvidConfig c = loaded(ConfigLoader.load(EXAMPLE, Map.of("TOR_MD5", "s3cret")));

        assertThat(c.asn()).isEqualTo(64512);
        assertThat(c.routerId()).isEqualTo(ip("10.0.0.1"));
        assertThat(c.listen()).containsExactly(new InetSocketAddress(ip("0.0.0.0"), 179));
        assertThat(c.controlSocket()).isEqualTo(Path.of("/run/corvid/corvid.sock"));
        assertThat(c.metrics()).contains(new InetSocketAddress(ip("127.0.0.1"), 9179));
        assertThat(c.clusterId()).contains((Inet4Address) ip("10.0.0.1"));
        assertThat(c.originate()).containsExactly(Prefix.parse("10.244.1.0/26"));
        assertThat(c.kernel()).isEqualTo(new KernelConfig(true, 254, 201, 32, Encapsulation.NONE, "tunl0", 0, 20, List.of()));

        SessionOptions ipv4Defaults = new SessionOptions(179, false, Set.of(Family.IPV4_UNICAST), 90, 30,
                Optional.empty(), Optional.empty(), 0, Set.of(), OptionalLong.empty(), true, false);
        assertThat(c.peers()).containsExactly(
                new PeerConfig(ip("10.0.0.2"), 64512, PeerRole.MESH, false, 0, new Policy.Accept(), new Policy.Accept(), ipv4Defaults),
                new PeerConfig(ip("10.0.0.3"), 64512, PeerRole.RR_CLIENT, false, 0, new Policy.Accept(), new Policy.Accept(), ipv4Defaults),
                new PeerConfig(ip("10.0.0.254"), 65001, PeerRole.EBGP, true, 0, new Policy.Accept(), new Policy.Originated(),
                        new SessionOptions(179, false, Set.of(Family.IPV4_UNICAST), 90, 30, Optional.empty(),
                                Optional.of("s3cret"), 1, Set.of(), OptionalLong.empty(), true, false)));
        assertThat(c.peerRanges()).containsExactly(new PeerRangeConfig(Prefix.parse("10.0.0.0/24"), 64512, PeerRole.RR_CLIENT,
                false, 0, new Policy.Accept(), new Policy.Accept(),
                new SessionOptions(179, true, Set.of(Family.IPV4_UNICAST), 90, 30, Optional.empty(), Optional.empty(), 0,
                        Set.of(), OptionalLong.empty(), true, false)));
    }

    @Test
    void leavesOutAKeyWhoseOptionalEnvironmentVariableIsUnset() {
        CorvidConfig c = loaded(ConfigLoader.load(EXAMPLE, Map.of()));

        assertThat(c.peers().get(2).session().password()).isEmpty();
    }

    @Test
    void neverPrintsThePassword() {
        CorvidConfig c = loaded(ConfigLoader.load(EXAMPLE, Map.of("TOR_MD5", "s3cret")));

        assertThat(c.toString()).doesNotContain("s3cret").contains("password=(set)");
    }

    @Test
    void theEmbeddedDefaultsAreThoseOfProductMd() throws IOException {
        CorvidConfig c = ConfigLoader.defaults();

        assertThat(c.asn()).isEqualTo(64512);
        assertThat(c.listen()).containsExactly(new InetSocketAddress(ip("0.0.0.0"), 179));
        assertThat(c.controlSocket()).isEqualTo(Path.of("/run/corvid/corvid.sock"));
        assertThat(c.metrics()).contains(new InetSocketAddress(ip("127.0.0.1"), 9179));
        assertThat(c.clusterId()).isEmpty();
        assertThat(c.maximumPaths()).isEqualTo(1);
        assertThat(c.originate()).isEmpty();
        assertThat(c.peers()).isEmpty();
        assertThat(c.peerRanges()).isEmpty();
        assertThat(c.kernel()).isEqualTo(new KernelConfig(true, 254, 201, 32, Encapsulation.NONE, "tunl0", 0, 20, List.of()));
    }

    @Test
    void theDefaultRouterIdIsAnIpv4AddressOfAnInterfaceThatIsUpAndNotLoopback() throws SocketException {
        Set<InetAddress> candidates = NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address)
                .collect(Collectors.toSet());

        Inet4Address id = ConfigLoader.defaults().routerId();

        if (candidates.isEmpty()) {
            assertThat(id.getHostAddress()).isEqualTo("127.0.0.1");
        } else {
            assertThat(candidates).contains(id);
        }
    }

    @Test
    void peersDefaultByAddressFamilyAndAsRfc8212SaysForEbgp() throws IOException {
        CorvidConfig c = loaded(ConfigLoader.parse("""
                corvid {
                  asn = 64512
                  peers = [
                    { address = "2001:db8::2", asn = 64512 }
                    { address = "192.0.2.7", asn = 65010 }
                  ]
                  peer-ranges = [ { prefix = "2001:db8:1::/64", asn = 65020 } ]
                }
                """, "corvid.conf", Map.of()));

        PeerConfig ibgp6 = c.peers().get(0);
        assertThat(ibgp6.role()).isEqualTo(PeerRole.MESH);
        assertThat(ibgp6.session().families()).containsExactly(Family.IPV6_UNICAST);
        assertThat(ibgp6.importPolicy()).isEqualTo(new Policy.Accept());
        PeerConfig ebgp = c.peers().get(1);
        assertThat(ebgp.role()).isEqualTo(PeerRole.EBGP);
        assertThat(ebgp.importPolicy()).isEqualTo(new Policy.Reject());
        assertThat(ebgp.exportPolicy()).isEqualTo(new Policy.Reject());
        PeerRangeConfig range = c.peerRanges().getFirst();
        assertThat(range.role()).isEqualTo(PeerRole.EBGP);
        assertThat(range.session().families()).containsExactly(Family.IPV6_UNICAST);
        assertThat(range.session().passive()).isTrue();
    }

    @Test
    void readsEverySessionOptionAndPolicyForm() throws IOException {
        CorvidConfig c = loaded(ConfigLoader.parse("""
                corvid {
                  asn = 4200000000
                  router-id = "192.0.2.1"
                  listen = ["[::]:1179", "192.0.2.1:1179"]
                  metrics = ""
                  kernel {
                    export = false, table = 100, protocol = 42, metric = 10, encapsulation = cross-subnet, tunnel-device = "vxlan.calico"
                    mtu = 1500, tunnel-overhead = 50
                    learn = [ { type = blackhole, within = "10.244.0.0/16" }, { protocol = 4, table = 254 } ]
                  }
                  peers = [ {
                    address = "192.0.2.9", asn = 4200000000, role = non-client, port = 1790, passive = yes
                    families = [ipv4, ipv6], hold-time = 9s, connect-retry-time = 2, local-address = "192.0.2.1"
                    ttl-security = 254, add-paths = [ipv6], max-prefixes = 1000, max-prefixes-action = warning, graceful-restart = true
                    next-hop-self = true
                    import = [ { prefix = "10.0.0.0/8", ge = 24, action = accept }, { prefix = "0.0.0.0/0", le = 32, action = reject } ]
                  } ]
                }
                """, "corvid.conf", Map.of()));

        assertThat(c.asn()).isEqualTo(4200000000L);
        assertThat(c.listen()).containsExactly(new InetSocketAddress(ip("::"), 1179), new InetSocketAddress(ip("192.0.2.1"), 1179));
        assertThat(c.metrics()).isEmpty();
        assertThat(c.kernel()).isEqualTo(new KernelConfig(false, 100, 42, 10, Encapsulation.CROSS_SUBNET, "vxlan.calico", 1500, 50, List.of(
                new KernelLearnRule(Optional.of("blackhole"), OptionalInt.empty(), OptionalInt.empty(), Optional.of(Prefix.parse("10.244.0.0/16"))),
                new KernelLearnRule(Optional.empty(), OptionalInt.of(4), OptionalInt.of(254), Optional.empty()))));
        PeerConfig p = c.peers().getFirst();
        assertThat(p.role()).isEqualTo(PeerRole.NON_CLIENT);
        assertThat(p.nextHopSelf()).isTrue();
        assertThat(p.session()).isEqualTo(new SessionOptions(1790, true, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), 9, 2,
                Optional.of(ip("192.0.2.1")), Optional.empty(), 254, Set.of(Family.IPV6_UNICAST), OptionalLong.of(1000), false, true));
        assertThat(p.importPolicy()).isEqualTo(new Policy.PrefixList(List.of(
                new PrefixRule(Prefix.parse("10.0.0.0/8"), 24, 32, true),
                new PrefixRule(Prefix.parse("0.0.0.0/0"), 0, 32, false))));
        assertThat(p.exportPolicy()).isEqualTo(new Policy.Accept());
    }

    @Test
    void aPeerInsideAPeerRangeIsFineAndTheMostSpecificRangeMatches() throws IOException {
        CorvidConfig c = loaded(ConfigLoader.parse("""
                corvid {
                  peers = [ { address = "10.0.0.2", asn = 64512, hold-time = 9 } ]
                  peer-ranges = [
                    { prefix = "10.0.0.0/16", asn = 64512 }
                    { prefix = "10.0.0.0/24", asn = 64512, role = rr-client }
                    { prefix = "2001:db8::/32", asn = 64512 }
                  ]
                }
                """, "corvid.conf", Map.of()));

        assertThat(c.peer(ip("10.0.0.2")).orElseThrow().session().holdTime()).isEqualTo(9);
        assertThat(c.range(ip("10.0.0.7")).orElseThrow().prefix()).isEqualTo(Prefix.parse("10.0.0.0/24"));
        assertThat(c.range(ip("10.0.9.7")).orElseThrow().prefix()).isEqualTo(Prefix.parse("10.0.0.0/16"));
        assertThat(c.range(ip("2001:db8::7")).orElseThrow().prefix()).isEqualTo(Prefix.parse("2001:db8::/32"));
        assertThat(c.range(ip("10.1.0.1"))).isEmpty();
        assertThat(c.peer(ip("10.0.0.7"))).isEmpty();
    }

    @Test
    void namesTheIncludedFileAnErrorIsIn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("peers.conf"), "corvid.peers = [\n  { address = \"10.0.0.2\", asn = 0 }\n]\n");
        Path main = dir.resolve("corvid.conf");
        Files.writeString(main, "include \"peers.conf\"\ncorvid.asn = 64512\n");

        ConfigResult result = ConfigLoader.load(main, Map.of());

        assertThat(result).isEqualTo(new ConfigResult.Invalid(List.of(new ConfigError(dir.resolve("peers.conf").toString(), 2,
                "corvid.peers[0].asn", "0 is not a valid AS number (1..4294967295)"))));
    }

    @Test
    void aMissingFileIsOneErrorWithoutALine() {
        ConfigResult result = ConfigLoader.load(Path.of("/nonexistent/corvid.conf"), Map.of());

        assertThat(result).isInstanceOf(ConfigResult.Invalid.class);
        assertThat(((ConfigResult.Invalid) result).errors()).extracting(ConfigError::toString)
                .containsExactly("/nonexistent/corvid.conf: does not exist");
    }
}
