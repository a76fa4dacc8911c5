package dev.corvid.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ControlServer echo(Path socket) throws Exception {
        ControlServer server = ControlServer.claim(socket);
        server.serve(request -> ControlServer.result(request.path("command")));
        return server;
    }

    @Test
    void answersEachRequestLineWithOneJsonResponse() throws Exception {
        Path socket = dir.resolve("corvid.sock");
        try (ControlServer server = echo(socket)) {
            JsonNode response = ControlClient.exchange(server.path(),
                    JSON.createObjectNode().put("command", "show-status"), Duration.ofSeconds(5));
            assertThat(response.path("result").asText()).isEqualTo("show-status");
        }
        assertThat(socket).as("closing removes the socket file").doesNotExist();
    }

    @Test
    void answersARequestThatIsNotJsonWithAnErrorSentence() throws Exception {
        Path socket = dir.resolve("corvid.sock");
        try (ControlServer server = echo(socket);
             SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(server.path()))) {
            client.write(ByteBuffer.wrap("show neighbors\n".getBytes(StandardCharsets.US_ASCII)));
            client.shutdownOutput();
            JsonNode response = JSON.readTree(Channels.newInputStream(client));
            assertThat(response.path("error").asText()).startsWith("the request is not one line of JSON");
        }
    }

    @Test
    void createsTheSocketDirectory() throws Exception {
        Path socket = dir.resolve("run/corvid/corvid.sock");
        try (ControlServer server = echo(socket)) {
            assertThat(server.path()).exists();
        }
    }

    @Test
    void replacesASocketFileLeftBehindByADaemonThatDidNotStopCleanly() throws Exception {
        Path socket = dir.resolve("corvid.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close(); // the file stays: nobody answers on it any more
        assertThat(socket).exists();
        try (ControlServer server = echo(socket)) {
            JsonNode response = ControlClient.exchange(server.path(),
                    JSON.createObjectNode().put("command", "x"), Duration.ofSeconds(5));
            assertThat(response.path("result").asText()).isEqualTo("x");
        }
    }

    @Test
    void neverTakesTheSocketOfADaemonThatIsRunning() throws Exception {
        Path socket = dir.resolve("corvid.sock");
        try (ControlServer running = echo(socket)) {
            assertThatThrownBy(() -> ControlServer.claim(running.path()))
                    .isInstanceOf(ControlServer.ControlSocketUnavailable.class)
                    .hasMessage("another corvid daemon is running with the control socket " + socket
                            + "; stop it first, or give this one its own socket with --socket (or control-socket in"
                            + " the config)");
            JsonNode stillServing = ControlClient.exchange(socket,
                    JSON.createObjectNode().put("command", "still-there"), Duration.ofSeconds(5));
            assertThat(stillServing.path("result").asText()).isEqualTo("still-there");
        }
    }

    @Test
    void refusesAPathThatIsARegularFile() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> ControlServer.claim(file))
                .hasMessage(file + " exists and is not a socket; remove it or choose another path for the control"
                        + " socket with --socket");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void aClientWithoutDaemonGetsOneSentenceNamingTheSocket() throws Exception {
        Path socket = dir.resolve("none.sock");
        assertThatThrownBy(() -> ControlClient.exchange(socket, JSON.createObjectNode(), Duration.ofSeconds(5)))
                .isInstanceOf(ControlClient.DaemonUnreachable.class)
                .hasMessage("cannot reach the daemon at " + socket + ": no such file or directory (is 'corvid run'"
                        + " running? use --socket to choose another)");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        assertThatThrownBy(() -> ControlClient.exchange(socket, JSON.createObjectNode(), Duration.ofSeconds(5)))
                .hasMessage("cannot reach the daemon at " + socket + ": connection refused (is 'corvid run'"
                        + " running? use --socket to choose another)");
    }
}
