package dev.corvid.daemon.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.daemon.CliRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corvid run} refusing to start: what it prints and its exit code. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBadConfigIsOneFileLineErrorPerProblemAndExit1() throws Exception {
        Path config = Files.writeString(dir.resolve("corvid.conf"), """
                corvid {
                  asn = 99999999999
                  peers = [ { address = "10.0.0.2", asn = 64512, hold-time = 2 } ]
                }
                """);
        CliRun run = CliRun.corvid("run", "-c", config.toString(), "--socket", dir.resolve("c.sock").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith(config + ":"));
        assertThat(run.err().lines().toList().get(0)).startsWith(config + ":2: corvid.asn: ");
        assertThat(run.err().lines().toList().get(1)).startsWith(config + ":3: corvid.peers[0].hold-time: ");
        assertThat(dir.resolve("c.sock")).doesNotExist();
    }

    @Test
    void aListenAddressInUseIsOneLineAndExit1AndLeavesNoControlSocket() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
            Path config = Files.writeString(dir.resolve("corvid.conf"), """
                    corvid {
                      router-id = "10.0.0.1"
                      listen = ["127.0.0.1:%d"]
                      metrics = ""
                    }
                    """.formatted(taken.getLocalPort()));
            Path socket = dir.resolve("corvid.sock");
            CliRun run = CliRun.corvid("run", "-c", config.toString(), "--socket", socket.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err().lines()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("corvid: ").contains("127.0.0.1").contains(String.valueOf(taken.getLocalPort())));
            assertThat(socket).doesNotExist();
        }
    }
}
