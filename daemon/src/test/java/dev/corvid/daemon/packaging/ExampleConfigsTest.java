package dev.corvid.daemon.packaging;

import static dev.corvid.daemon.CliRun.corvid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.ConfigLoader;
import dev.corvid.config.ConfigResult;
import dev.corvid.config.CorvidConfig;
import dev.corvid.config.Encapsulation;
import dev.corvid.config.PeerConfig;
import dev.corvid.config.PeerRole;
import dev.corvid.config.Policy;
import dev.corvid.daemon.CliRun;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in docker/examples and the DaemonSet's corvid.conf pass {@code corvid check} and mean what they say. */
class ExampleConfigsTest {
    private static final Map<String, String> NODE_ENVIRONMENT = Map.of("NODE_IP", "10.0.0.12", "TOR_MD5", "s3cret");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(PackagingFiles.docker("examples"))) {
            return files.filter(f -> f.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    private static CorvidConfig load(Path file, Map<String, String> environment) {
        return switch (ConfigLoader.load(file, environment)) {
            case ConfigResult.Loaded loaded -> loaded.config();
            case ConfigResult.Invalid invalid -> throw new AssertionError(file + " is invalid: " + invalid.errors());
        };
    }

    private static CorvidConfig example(String name) {
        return load(PackagingFiles.docker("examples").resolve(name), NODE_ENVIRONMENT);
    }

    private static CorvidConfig daemonSetConfig(Map<String, String> environment) {
        return switch (ConfigLoader.parse(PackagingFiles.daemonSetConfig(), "corvid.conf", environment)) {
            case ConfigResult.Loaded loaded -> loaded.config();
            case ConfigResult.Invalid invalid -> throw new AssertionError("the ConfigMap's corvid.conf is invalid: " + invalid.errors());
        };
    }

    private static InetAddress ip(String text) {
        return InetAddress.ofLiteral(text);
    }

    @Test
    void everyShapeHasAnExample() throws IOException {
        assertThat(examples().map(f -> f.getFileName().toString()))
                .containsExactly("ebgp-tor.conf", "full-mesh.conf", "reflector-client.conf", "reflector-cluster.conf");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anExamplePassesCorvidCheck(Path file) {
        CliRun run = corvid("check", "-c", file.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith(file + ": OK");
    }

    @Test
    void theDaemonSetConfigPassesCorvidCheck(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("corvid.conf"), PackagingFiles.daemonSetConfig());

        CliRun run = corvid("check", "-c", file.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
    }

    @Test
    void theDaemonSetConfigTakesTheNodeAddressAndTheTorPasswordFromTheEnvironment() {
        CorvidConfig config = daemonSetConfig(NODE_ENVIRONMENT);

        assertThat(config.routerId()).isEqualTo(ip("10.0.0.12"));
        assertThat(config.peers()).allSatisfy(p -> assertThat(p.session().localAddress()).contains(ip("10.0.0.12")));
        PeerConfig tor = config.peers().stream().filter(p -> p.role() == PeerRole.EBGP).findFirst().orElseThrow();
        assertThat(tor.session().password()).contains("s3cret");
        assertThat(tor.session().ttlSecurity()).isEqualTo(1);
    }

    @Test
    void withoutTheSecretTheDaemonSetConfigStillLoadsAndTheTorPeerHasNoPassword() {
        CorvidConfig config = daemonSetConfig(Map.of("NODE_IP", "10.0.0.12"));

        assertThat(config.peers()).allSatisfy(p -> assertThat(p.session().password()).isEmpty());
    }

    @Test
    void theDaemonSetConfigServesProbesOnEveryAddressAndTheSocketWhereThePodMountsIt() {
        CorvidConfig config = daemonSetConfig(NODE_ENVIRONMENT);

        assertThat(config.metrics()).hasValueSatisfying(m -> {
            assertThat(m.getAddress().isAnyLocalAddress()).isTrue();
            assertThat(m.getPort()).isEqualTo(9179);
        });
        assertThat(config.controlSocket()).isEqualTo(Path.of("/run/corvid/corvid.sock"));
        assertThat(config.peerRanges()).singleElement().satisfies(r -> assertThat(r.role()).isEqualTo(PeerRole.MESH));
    }

    @Test
    void theFullMeshPeersWithEveryOtherNodeAndAnnouncesTheBlackholeBlocks() {
        CorvidConfig config = example("full-mesh.conf");

        assertThat(config.peers()).hasSize(3).allSatisfy(p -> assertThat(p.role()).isEqualTo(PeerRole.MESH));
        assertThat(config.peers()).extracting(PeerConfig::address).doesNotContain(ip("10.0.0.11"));
        assertThat(config.kernel().learn()).singleElement().satisfies(rule -> {
            assertThat(rule.type()).contains("blackhole");
            assertThat(rule.within()).contains(Prefix.parse("10.244.0.0/16"));
        });
    }

    @Test
    void theReflectorsShareAClusterIdMeshWithEachOtherAndAcceptTheNodesAsClients() {
        CorvidConfig config = example("reflector-cluster.conf");

        assertThat(config.clusterId()).contains((Inet4Address) ip("10.0.1.254"));
        assertThat(config.peers()).singleElement().satisfies(p -> {
            assertThat(p.address()).isEqualTo(ip("10.0.1.2"));
            assertThat(p.role()).isEqualTo(PeerRole.NON_CLIENT);
        });
        assertThat(config.peerRanges()).singleElement().satisfies(r -> {
            assertThat(r.prefix()).isEqualTo(Prefix.parse("10.0.0.0/24"));
            assertThat(r.role()).isEqualTo(PeerRole.RR_CLIENT);
        });
    }

    @Test
    void aReflectorClientPeersWithBothReflectorsAndTunnelsAcrossSubnets() {
        CorvidConfig config = example("reflector-client.conf");
        CorvidConfig reflector = example("reflector-cluster.conf");

        assertThat(config.peers()).extracting(PeerConfig::address)
                .containsExactly(reflector.routerId(), reflector.peers().getFirst().address());
        assertThat(config.kernel().encapsulation()).isEqualTo(Encapsulation.CROSS_SUBNET);
        assertThat(config.kernel().learn()).isNotEmpty();
    }

    @Test
    void theTorPeerHasRfc8212PoliciesTheSecretAndTtlSecurity() {
        PeerConfig tor = example("ebgp-tor.conf").peers().getFirst();

        assertThat(tor.role()).isEqualTo(PeerRole.EBGP);
        assertThat(tor.importPolicy()).isInstanceOfSatisfying(Policy.PrefixList.class,
                list -> assertThat(list.rules()).hasSize(2));
        assertThat(tor.exportPolicy()).isInstanceOf(Policy.Originated.class);
        assertThat(tor.session().password()).contains("s3cret");
        assertThat(tor.session().ttlSecurity()).isEqualTo(1);
        assertThat(tor.session().localAddress()).isEqualTo(Optional.of(ip("10.0.0.11")));
        assertThat(tor.allowLocalAs()).isEqualTo(1);
    }

    @Test
    void theImageChecksAnExampleThatExists() {
        String dockerfile = PackagingFiles.read(PackagingFiles.docker("Dockerfile"));

        List<String> checked = java.util.regex.Pattern.compile("check -c /usr/share/doc/corvid/examples/(\\S+)")
                .matcher(dockerfile).results().map(m -> m.group(1)).toList();
        assertThat(checked).singleElement().satisfies(name -> assertThat(PackagingFiles.docker("examples").resolve(name)).isRegularFile());
    }
}
