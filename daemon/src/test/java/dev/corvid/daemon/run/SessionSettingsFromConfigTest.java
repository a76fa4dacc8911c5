package dev.corvid.daemon.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Family;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.ConfigLoader;
import dev.corvid.config.ConfigResult;
import dev.corvid.config.CorvidConfig;
import dev.corvid.fsm.transport.PeerSettings;
import dev.corvid.fsm.transport.RangeSettings;
import dev.corvid.fsm.transport.SpeakerSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionSettingsFromConfigTest {
    static CorvidConfig parse(String hocon) {
        ConfigResult result = ConfigLoader.parse(hocon, "test.conf");
        assertThat(result).isInstanceOf(ConfigResult.Loaded.class);
        return ((ConfigResult.Loaded) result).config();
    }

    @Test
    void everySessionOptionOfAPeerReachesTheTransport() {
        CorvidConfig config = parse("""
                corvid {
                  asn = 64512
                  router-id = "10.0.0.1"
                  listen = ["10.0.0.1:179", "[fd00::1]:1179"]
                  peers = [
                    { address = "10.0.0.254", asn = 65001, port = 1790, passive = true, hold-time = 9,
                      connect-retry-time = 5s, local-address = "10.0.0.1", password = "s3cret", ttl-security = 1,
                      families = [ipv4, ipv6], add-paths = [ipv4], graceful-restart = true }
                    { address = "10.0.0.3", asn = 64512, role = rr-client }
                  ]
                }
                """);
        assertThat(SessionSettingsFromConfig.speaker(config)).isEqualTo(new SpeakerSettings(64512,
                (java.net.Inet4Address) InetAddress.ofLiteral("10.0.0.1"),
                List.of(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 179),
                        new InetSocketAddress(InetAddress.ofLiteral("fd00::1"), 1179))));
        List<PeerSettings> peers = SessionSettingsFromConfig.peers(config);
        assertThat(peers.get(0)).isEqualTo(new PeerSettings(InetAddress.ofLiteral("10.0.0.254"), 1790, 65001,
                Optional.of(InetAddress.ofLiteral("10.0.0.1")), true, 9, 5, Optional.of("s3cret"), 1,
                Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), Set.of(Family.IPV4_UNICAST),
                Set.of(Family.IPV4_UNICAST), "ebgp", true));
        assertThat(peers.get(1).role()).isEqualTo("rr-client");
        assertThat(peers.get(1).port()).isEqualTo(179);
        assertThat(peers.get(1).passive()).isFalse();
        assertThat(peers.get(1).gracefulRestart()).as("off unless configured").isFalse();
    }

    @Test
    void aPeerRangeKeepsItsRoleFamiliesAndSecurity() {
        CorvidConfig config = parse("""
                corvid {
                  asn = 64512
                  router-id = "10.0.0.1"
                  peer-ranges = [ { prefix = "10.0.0.0/24", asn = 64512, role = rr-client, hold-time = 30,
                                    ttl-security = 1, add-paths = [ipv4] } ]
                }
                """);
        assertThat(SessionSettingsFromConfig.ranges(config)).containsExactly(new RangeSettings(
                Prefix.parse("10.0.0.0/24"), 64512, 30, Optional.empty(), 1, Set.of(Family.IPV4_UNICAST),
                Set.of(Family.IPV4_UNICAST), Set.of(Family.IPV4_UNICAST), "rr-client", false));
    }
}
