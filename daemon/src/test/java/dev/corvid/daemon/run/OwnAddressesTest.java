package dev.corvid.daemon.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.config.ConfigLoader;
import dev.corvid.config.ConfigResult;
import dev.corvid.config.CorvidConfig;
import dev.corvid.config.PeerConfig;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** One full-mesh list for every node names the node itself: that peer is left out. */
class OwnAddressesTest {

    @Test
    void aPeerAtAnAddressOfThisHostIsLeftOutAndTheOthersStay() {
        CorvidConfig config = ((ConfigResult.Loaded) ConfigLoader.parse("""
                corvid {
                  router-id = "10.0.0.1"
                  peers = [ { address = "10.0.0.1", asn = 64512 }, { address = "10.0.0.2", asn = 64512 } ]
                }
                """, "mesh.conf")).config();
        CorvidConfig mine = OwnAddresses.withoutSelf(config, InetAddress.ofLiteral("10.0.0.1")::equals);
        assertThat(mine.peers()).extracting(PeerConfig::address).containsExactly(InetAddress.ofLiteral("10.0.0.2"));
        assertThat(OwnAddresses.withoutSelf(config, a -> false)).isSameAs(config);
    }
}
