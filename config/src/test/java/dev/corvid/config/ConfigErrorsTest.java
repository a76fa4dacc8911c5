package dev.corvid.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One bad configuration per check, each with the exact line a user sees. */
class ConfigErrorsTest {

    static List<String> errors(String hocon) {
        ConfigResult result = ConfigLoader.parse(hocon, "corvid.conf", Map.of());
        assertThat(result).as("%s", result).isInstanceOf(ConfigResult.Invalid.class);
        return ((ConfigResult.Invalid) result).errors().stream().map(ConfigError::toString).toList();
    }

    /** {@code corvid { asn = 64512 \n LINE }}: the line under test is line 3. */
    private static Arguments corvid(String line, String error) {
        return Arguments.of("corvid {\n  asn = 64512\n  " + line + "\n}\n", error);
    }

    /** A peer written on line 3. */
    private static Arguments peer(String fields, String error) {
        return corvid("peers = [ { " + fields + " } ]", error);
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("corvid {\n  asn = 70000000000\n}\n",
                        "corvid.conf:2: corvid.asn: 70000000000 is not a valid AS number (1..4294967295)"),
                corvid("asn = \"sixty\"", "corvid.conf:3: corvid.asn: 'sixty' is not a number; expected a valid AS number (1..4294967295)"),
                corvid("asn = 23456", "corvid.conf:3: corvid.asn: 23456 is AS_TRANS (RFC 6793), which only stands in for 4-octet AS numbers; it is no speaker's AS"),
                corvid("router-id = \"10.0.0\"", "corvid.conf:3: corvid.router-id: '10.0.0' is not an IPv4 address (four numbers 0..255, like 10.0.0.1)"),
                corvid("router-id = \"2001:db8::1\"", "corvid.conf:3: corvid.router-id: '2001:db8::1' is not an IPv4 address (four numbers 0..255, like 10.0.0.1)"),
                corvid("router-id = \"0.0.0.0\"", "corvid.conf:3: corvid.router-id: 0.0.0.0 cannot be a router id (RFC 6286 §2.1 wants it non-zero); write an IPv4 address of this host"),
                corvid("listen = [\"10.0.0.1\"]", "corvid.conf:3: corvid.listen[0]: '10.0.0.1' has no port; write ADDRESS:PORT, like 10.0.0.1:179"),
                corvid("listen = [\"::1:179\"]", "corvid.conf:3: corvid.listen[0]: '::1:179' is ambiguous; write an IPv6 address in brackets, like [::]:179"),
                corvid("listen = [\"0.0.0.0:70000\"]", "corvid.conf:3: corvid.listen[0]: '0.0.0.0:70000' has no valid port after ':' (1..65535)"),
                corvid("listen = [\"[10.0.0.1]:179\"]", "corvid.conf:3: corvid.listen[0]: '[10.0.0.1]:179' has an IPv4 address in brackets; write 10.0.0.1:179"),
                corvid("listen = [\"[::]:179\", \"[::]:179\"]", "corvid.conf:3: corvid.listen[1]: '[::]:179' is already listed as corvid.listen[0]; remove one"),
                corvid("listen = \"0.0.0.0:179\"", "corvid.conf:3: corvid.listen: expected a list [ ... ], got '0.0.0.0:179'"),
                corvid("control-socket = \"/" + "x".repeat(107) + "\"", "corvid.conf:3: corvid.control-socket: the path is 108 octets long; a Unix socket path holds at most 107"),
                corvid("metrics = \"localhost:9179\"", "corvid.conf:3: corvid.metrics: 'localhost' is not an IP address (like 10.0.0.2 or 2001:db8::2)"),
                corvid("cluster-id = \"fd00::1\"", "corvid.conf:3: corvid.cluster-id: 'fd00::1' is not an IPv4 address (four numbers 0..255, like 10.0.0.1)"),
                corvid("originate = [\"10.244.1.1/26\"]", "corvid.conf:3: corvid.originate[0]: '10.244.1.1/26' has host bits set; did you mean 10.244.1.0/26?"),
                corvid("originate = [\"10.244.1.0/33\"]", "corvid.conf:3: corvid.originate[0]: '10.244.1.0/33' has no valid prefix length after '/' (0..32)"),
                corvid("originate = [\"10.244.1.0\"]", "corvid.conf:3: corvid.originate[0]: '10.244.1.0' is not a prefix; write ADDRESS/LENGTH, like 10.244.1.0/26"),
                corvid("kernel.protocol = 4", "corvid.conf:3: corvid.kernel.protocol: 4 is reserved for the kernel's own routes (0 unspec, 1 redirect, 2 kernel, 3 boot, 4 static); use 5..255, e.g. 201"),
                corvid("kernel.protocol = 256", "corvid.conf:3: corvid.kernel.protocol: 256 is not an rtm_protocol (0..255)"),
                corvid("kernel.table = 0", "corvid.conf:3: corvid.kernel.table: 0 is not a routing table id (1..2147483647)"),
                corvid("kernel.table = 255", "corvid.conf:3: corvid.kernel.table: 255 is the kernel's local table (this host's own addresses, which it manages itself); use 254 (main) or a table of your own"),
                corvid("kernel.encapsulation = vxlan", "corvid.conf:3: corvid.kernel.encapsulation: 'vxlan' is not an encapsulation; write one of none, ipip, cross-subnet"),
                corvid("kernel.encapsulation = ipipp", "corvid.conf:3: corvid.kernel.encapsulation: 'ipipp' is not an encapsulation; did you mean ipip?"),
                corvid("kernel.tunnel-device = \"a/b\"", "corvid.conf:3: corvid.kernel.tunnel-device: 'a/b' is not a Linux device name (1..15 characters, no '/', ':' or spaces)"),
                corvid("kernel.mtu = 100", "corvid.conf:3: corvid.kernel.mtu: 100 is below the IPv4 minimum of 576; write 0 to leave routes without an MTU"),
                corvid("kernel.metric = -1", "corvid.conf:3: corvid.kernel.metric: -1 is not a route metric (0..4294967295)"),
                corvid("kernel.export = maybe", "corvid.conf:3: corvid.kernel.export: 'maybe' is not a boolean; write true or false"),
                corvid("kernel.learn = [ { type = blackhol } ]", "corvid.conf:3: corvid.kernel.learn[0].type: 'blackhol' is not a route type; did you mean blackhole?"),
                corvid("kernel.learn = [ { within = \"10.0.0.0/8\", proto = 4 } ]", "corvid.conf:3: corvid.kernel.learn[0].proto: unknown key; a kernel.learn rule has the keys type, protocol, table, within"),
                peer("asn = 64512", "corvid.conf:3: corvid.peers[0].address: missing; every peer needs one, e.g. address = \"10.0.0.2\""),
                peer("address = \"10.0.0.2\"", "corvid.conf:3: corvid.peers[0].asn: missing; write the peer's AS number, e.g. asn = 64512"),
                peer("address = \"peer.example\", asn = 64512", "corvid.conf:3: corvid.peers[0].address: 'peer.example' is not an IP address (like 10.0.0.2 or 2001:db8::2)"),
                peer("address = \"0.0.0.0\", asn = 64512", "corvid.conf:3: corvid.peers[0].address: 0.0.0.0 cannot be a peer's address; write the address of the peer's interface"),
                peer("address = \"10.0.0.2\", asn = 0", "corvid.conf:3: corvid.peers[0].asn: 0 is not a valid AS number (1..4294967295)"),
                peer("address = \"10.0.0.2\", asn = 65001, role = rr-client", "corvid.conf:3: corvid.peers[0].role: role rr-client is for iBGP peers, but AS 65001 is not corvid.asn (64512); remove the role or write role = ebgp"),
                peer("address = \"10.0.0.2\", asn = 64512, role = ebgp", "corvid.conf:3: corvid.peers[0].role: role ebgp is for peers in another AS, but AS 64512 is corvid.asn; remove the role or write mesh, rr-client or non-client"),
                peer("address = \"10.0.0.2\", asn = 64512, role = client", "corvid.conf:3: corvid.peers[0].role: 'client' is not a role; write one of mesh, rr-client, non-client, ebgp"),
                peer("address = \"10.0.0.2\", asn = 64512, port = 0", "corvid.conf:3: corvid.peers[0].port: 0 is not a TCP port (1..65535)"),
                peer("address = \"10.0.0.2\", asn = 64512, passive = 1", "corvid.conf:3: corvid.peers[0].passive: 1 is not a boolean; write true or false"),
                peer("address = \"10.0.0.2\", asn = 64512, hold-time = 2", "corvid.conf:3: corvid.peers[0].hold-time: 2 is not a hold time: RFC 4271 §4.2 allows 0 (no keepalives) or 3..65535 seconds"),
                peer("address = \"10.0.0.2\", asn = 64512, hold-time = 70000", "corvid.conf:3: corvid.peers[0].hold-time: 70000 is not a hold time in seconds (0..65535)"),
                peer("address = \"10.0.0.2\", asn = 64512, connect-retry-time = 1500ms", "corvid.conf:3: corvid.peers[0].connect-retry-time: '1500ms' is not a connect retry time (1..65535 whole seconds)"),
                peer("address = \"10.0.0.2\", asn = 64512, connect-retry-time = soon", "corvid.conf:3: corvid.peers[0].connect-retry-time: 'soon' is not a time; write seconds (30) or a duration (30s, 2m)"),
                peer("address = \"10.0.0.2\", asn = 64512, local-address = \"fd00::1\"", "corvid.conf:3: corvid.peers[0].local-address: fd00:0:0:0:0:0:0:1 is not an IPV4 address, but the peer is; a session's two ends are of one family"),
                peer("address = \"10.0.0.2\", asn = 64512, password = \"" + "p".repeat(81) + "\"", "corvid.conf:3: corvid.peers[0].password: the TCP-MD5 password is 81 octets long; Linux accepts 1..80"),
                peer("address = \"10.0.0.2\", asn = 64512, ttl-security = 255", "corvid.conf:3: corvid.peers[0].ttl-security: 255 is not a hop count for ttl-security (0 = off) (0..254)"),
                peer("address = \"10.0.0.2\", asn = 64512, families = [ipv5]", "corvid.conf:3: corvid.peers[0].families[0]: 'ipv5' is not a family; did you mean ipv4?"),
                peer("address = \"10.0.0.2\", asn = 64512, families = []", "corvid.conf:3: corvid.peers[0].families: no family; a session carries at least one, write [ipv4], [ipv6] or [ipv4, ipv6]"),
                peer("address = \"10.0.0.2\", asn = 64512, add-paths = [ipv6]", "corvid.conf:3: corvid.peers[0].add-paths: add-paths names [ipv6], which is not in families [ipv4]; add it there or remove it here"),
                peer("address = \"10.0.0.2\", asn = 64512, max-prefixes = 0", "corvid.conf:3: corvid.peers[0].max-prefixes: 0 is not a prefix count (1..4294967295)"),
                peer("address = \"10.0.0.2\", asn = 64512, allow-local-as = 1", "corvid.conf:3: corvid.peers[0].allow-local-as: allow-local-as is for eBGP peers (iBGP routes never carry our AS in their AS_PATH); remove it or set it on the eBGP peer"),
                peer("address = \"10.0.0.2\", asn = 64512, max-prefixes-action = drop", "corvid.conf:3: corvid.peers[0].max-prefixes-action: 'drop' is not a max-prefixes action; write one of restart, warning"),
                peer("address = \"10.0.0.2\", asn = 64512, import = acept", "corvid.conf:3: corvid.peers[0].import: 'acept' is not a policy; did you mean accept?"),
                peer("address = \"10.0.0.2\", asn = 64512, export = { prefix = \"10.0.0.0/8\" }", "corvid.conf:3: corvid.peers[0].export: expected accept, reject, originated or a list of prefix rules, got an object"),
                peer("address = \"10.0.0.2\", asn = 64512, import = [ { prefix = \"10.0.0.0/8\" } ]", "corvid.conf:3: corvid.peers[0].import[0].action: missing; write action = accept or action = reject"),
                peer("address = \"10.0.0.2\", asn = 64512, import = [ { prefix = \"10.0.0.0/16\", ge = 8, action = accept } ]", "corvid.conf:3: corvid.peers[0].import[0].ge: ge 8 must be between the length of 10.0.0.0/16 and 32 (16..32)"),
                peer("address = \"10.0.0.2\", asn = 64512, import = [ { prefix = \"10.0.0.0/16\", ge = 24, le = 20, action = accept } ]", "corvid.conf:3: corvid.peers[0].import[0].le: le 20 must be between ge and 32 (24..32)"),
                peer("address = \"10.0.0.2\", asn = 64512, hold-tme = 9", "corvid.conf:3: corvid.peers[0].hold-tme: unknown key; did you mean hold-time?"),
                corvid("peers = [ { address = \"10.0.0.2\", asn = 64512 }, { address = \"10.0.0.2\", asn = 65001 } ]", "corvid.conf:3: corvid.peers[1].address: 10.0.0.2 is already the address of corvid.peers[0]; a peer is configured once"),
                corvid("peer-ranges = [ { prefix = \"10.0.0.0/24\", asn = 64512 }, { prefix = \"10.0.0.0/24\", asn = 65001 } ]", "corvid.conf:3: corvid.peer-ranges[1].prefix: 10.0.0.0/24 is already the prefix of corvid.peer-ranges[0]; two identical ranges cannot both apply, merge them"),
                corvid("peer-ranges = [ { prefix = \"10.0.0.0/24\", asn = 64512, passive = true } ]", "corvid.conf:3: corvid.peer-ranges[0].passive: a peer range is always passive (it only accepts inbound sessions); remove it"),
                corvid("peer-ranges = [ { prefix = \"10.0.0.1/24\", asn = 64512 } ]", "corvid.conf:3: corvid.peer-ranges[0].prefix: '10.0.0.1/24' has host bits set; did you mean 10.0.0.0/24?"),
                corvid("peers = [ { address = \"10.0.0.9\", asn = 65001, password = ${TOR_MD5} } ]", "corvid.conf:3: ${TOR_MD5} is not set; set it in the environment, or write ${?TOR_MD5} to leave the key out when it is unset"),
                corvid("lsiten = []", "corvid.conf:3: corvid.lsiten: unknown key; did you mean listen?"),
                Arguments.of("corvd {\n  asn = 64512\n}\n", "corvid.conf:1: corvd: unknown key; did you mean corvid?"),
                Arguments.of("corvid {\n  asn = 64512 }\n}\n", "corvid.conf:3: syntax error: unbalanced close brace '}' with no open brace"
                        + " (if you intended '}' to be part of a key or string value, try enclosing the key or value in double quotes)"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void reportsEachProblemAsFileLinePathMessage(String hocon, String expected) {
        assertThat(errors(hocon)).containsExactly(expected);
    }

    @Test
    void reportsEveryProblemOfAFileInLineOrder() {
        assertThat(errors("""
                corvid {
                  asn = 64512
                  router-id = "10.0.0.256"
                  peers = [
                    { address = "10.0.0.2", asn = 64512, hold-time = 1 }
                    { address = "10.0.0.3", asn = 65001, role = mesh }
                  ]
                  kernel { encapsulation = gre }
                }
                """)).containsExactly(
                "corvid.conf:3: corvid.router-id: '10.0.0.256' is not an IPv4 address (four numbers 0..255, like 10.0.0.1)",
                "corvid.conf:5: corvid.peers[0].hold-time: 1 is not a hold time: RFC 4271 §4.2 allows 0 (no keepalives) or 3..65535 seconds",
                "corvid.conf:6: corvid.peers[1].role: role mesh is for iBGP peers, but AS 65001 is not corvid.asn (64512); remove the role or write role = ebgp",
                "corvid.conf:8: corvid.kernel.encapsulation: 'gre' is not an encapsulation; write one of none, ipip, cross-subnet");
    }

    @Test
    void placesAnErrorInAValueFromTheEnvironmentAtItsObject() {
        ConfigResult result = ConfigLoader.parse("""
                corvid {
                  peers = [
                    { address = "10.0.0.9", asn = 65001,
                      password = ${?TOR_MD5} }
                  ]
                }
                """, "corvid.conf", Map.of("TOR_MD5", "k".repeat(90)));

        assertThat(result).isEqualTo(new ConfigResult.Invalid(List.of(new ConfigError("corvid.conf", 3,
                "corvid.peers[0].password", "the TCP-MD5 password is 90 octets long; Linux accepts 1..80"))));
    }
}
