package dev.corvid.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reload touches: the difference of two configs, sorted into restart, reset, re-route, add and remove. */
class ConfigDiffTest {

    private static CorvidConfig config(String body) {
        return ((ConfigResult.Loaded) ConfigLoader.parse("corvid {\nrouter-id = \"10.0.0.1\"\n" + body + "\n}",
                "corvid.conf")).config();
    }

    private static final String PEERS = """
            peers = [
              { address = "10.0.0.2", asn = 64512 }
              { address = "10.0.0.3", asn = 64512, hold-time = 30 }
              { address = "10.0.0.4", asn = 65001, import = accept, export = originated }
            ]
            """;

    private static List<InetAddress> addresses(List<PeerConfig> peers) {
        return peers.stream().map(PeerConfig::address).toList();
    }

    @Test
    void theSameConfigChangesNothing() {
        assertThat(ConfigDiff.of(config(PEERS), config(PEERS)).isEmpty()).isTrue();
    }

    @Test
    void eachPeerIsSortedByWhatChanged() {
        ConfigDiff diff = ConfigDiff.of(config(PEERS), config("""
                originate = ["10.244.1.0/26"]
                peers = [
                  { address = "10.0.0.2", asn = 64512, role = rr-client }
                  { address = "10.0.0.3", asn = 64512, hold-time = 9 }
                  { address = "10.0.0.5", asn = 64512 }
                  { address = "10.0.0.4", asn = 65001, import = accept, export = originated, max-prefixes = 10 }
                ]
                """));
        assertThat(diff.needsRestart()).isEmpty();
        assertThat(addresses(diff.peersRerouted())).as("role, max-prefixes: no reset")
                .containsExactly(ip("10.0.0.2"), ip("10.0.0.4"));
        assertThat(addresses(diff.peersReset())).as("hold time: a session setting").containsExactly(ip("10.0.0.3"));
        assertThat(addresses(diff.peersAdded())).containsExactly(ip("10.0.0.5"));
        assertThat(diff.peersRemoved()).isEmpty();
        assertThat(diff.originateChanged()).isTrue();
        assertThat(diff.describe()).contains("peer 10.0.0.5 added",
                "peer 10.0.0.3: session settings changed; session reset",
                "peer 10.0.0.2: routing settings changed; applied with route refresh and re-export, no session reset");
    }

    @Test
    void aRemovedPeerIsRemovedAndAPasswordChangeResetsTheSession() {
        ConfigDiff diff = ConfigDiff.of(config(PEERS), config("""
                peers = [
                  { address = "10.0.0.2", asn = 64512, password = "s3cret" }
                  { address = "10.0.0.3", asn = 64512, hold-time = 30 }
                ]
                """));
        assertThat(addresses(diff.peersRemoved())).containsExactly(ip("10.0.0.4"));
        assertThat(addresses(diff.peersReset())).containsExactly(ip("10.0.0.2"));
        assertThat(diff.describe()).noneMatch(line -> line.contains("s3cret"));
    }

    @Test
    void speakerSettingsAndTheKernelBlockNeedARestart() {
        ConfigDiff diff = ConfigDiff.of(config(PEERS), config("""
                asn = 64513
                kernel { table = 100 }
                peer-ranges = [ { prefix = "10.1.0.0/24", asn = 64512 } ]
                """ + PEERS));
        assertThat(diff.needsRestart()).containsExactly("corvid.asn: 64512 → 64513", "corvid.kernel changed");
        assertThat(diff.rangesAdded()).hasSize(1);
    }

    @Test
    void aRangesRoutingSettingsApplyLiveButItsSessionSettingsOrItsRemovalNeedARestart() {
        String before = "peer-ranges = [ { prefix = \"10.1.0.0/24\", asn = 64512 }, { prefix = \"10.2.0.0/24\", asn = 64512 } ]";
        ConfigDiff routing = ConfigDiff.of(config(before), config(
                "peer-ranges = [ { prefix = \"10.1.0.0/24\", asn = 64512, role = rr-client }, { prefix = \"10.2.0.0/24\", asn = 64512 } ]"));
        assertThat(routing.rangesRerouted()).isTrue();
        assertThat(routing.needsRestart()).isEmpty();
        ConfigDiff session = ConfigDiff.of(config(before), config(
                "peer-ranges = [ { prefix = \"10.1.0.0/24\", asn = 64512, hold-time = 9 } ]"));
        assertThat(session.needsRestart()).containsExactly(
                "corvid.peer-ranges: the session settings of 10.1.0.0/24 changed",
                "corvid.peer-ranges: 10.2.0.0/24 was removed");
    }

    private static InetAddress ip(String text) {
        return InetAddress.ofLiteral(text);
    }
}
