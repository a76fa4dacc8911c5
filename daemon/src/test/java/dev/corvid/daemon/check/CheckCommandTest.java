package dev.corvid.daemon.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String... args) {
        CommandLine cl = new CommandLine(new CheckCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aValidFilePrintsOneSummaryLineAndExitsZero() throws IOException {
        Path file = write("corvid.conf", """
                corvid {
                  asn = 64512
                  router-id = "10.0.0.1"
                  peers = [
                    { address = "10.0.0.2", asn = 64512 }
                    { address = "10.0.0.3", asn = 64512, role = rr-client }
                    { address = "10.0.0.254", asn = 65001, import = accept, export = originated }
                  ]
                  peer-ranges = [ { prefix = "10.0.0.0/24", asn = 64512, role = rr-client } ]
                }
                """);

        assertThat(check("-c", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": OK (AS 64512, router id 10.0.0.1, 3 peers, 1 peer range)" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anInvalidFilePrintsEachErrorOnItsOwnLineAndExitsOne() throws IOException {
        Path file = write("corvid.conf", """
                corvid {
                  router-id = "10.0.0.1"
                  peers = [
                    { address = "10.0.0.2", asn = 70000000000 }
                    { address = "10.0.0.3", asn = 64512, hold-tme = 9 }
                  ]
                }
                """);

        assertThat(check("-c", file.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                file + ":4: corvid.peers[0].asn: 70000000000 is not a valid AS number (1..4294967295)",
                file + ":5: corvid.peers[1].hold-tme: unknown key; did you mean hold-time?");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileIsOneLineAndExitsOne() {
        Path missing = dir.resolve("absent.conf");

        assertThat(check("--config", missing.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(missing + ": does not exist");
    }

    @Test
    void withoutAFileItIsAUsageError() {
        assertThat(check()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
    }
}
