package dev.corvid.daemon.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.daemon.control.ControlClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What every command that talks to the running daemon shares: {@code --socket}, {@code --json}, and the exit codes
 * of PRODUCT.md — 0 with an answer, 1 when the daemon says no (an unknown neighbor), 2 when no daemon answers.
 */
final class DaemonRequest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--socket", paramLabel = "PATH", defaultValue = ControlClient.DEFAULT_SOCKET,
            description = "the daemon's control socket (default: ${DEFAULT-VALUE})")
    Path socket;

    @Option(names = "--json", description = "print the daemon's answer as JSON")
    boolean json;

    /**
     * Sends {@code request} and prints the result: as JSON with {@code --json}, otherwise as {@code text} renders it.
     */
    int run(CommandSpec spec, ObjectNode request, Function<JsonNode, String> text) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode response;
        try {
            response = ControlClient.exchange(socket, request, TIMEOUT);
        } catch (ControlClient.DaemonUnreachable e) {
            err.println("corvid: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (response.hasNonNull("error")) {
            err.println("corvid: " + response.get("error").asText());
            err.flush();
            return 1;
        }
        JsonNode result = response.path("result");
        try {
            out.print(json ? JSON.writeValueAsString(result) + "\n" : text.apply(result));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always prints", e);
        }
        out.flush();
        return 0;
    }

    static ObjectNode request(String command) {
        return JSON.createObjectNode().put("command", command);
    }
}
