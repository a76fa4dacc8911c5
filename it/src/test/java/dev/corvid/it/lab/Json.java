package dev.corvid.it.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses the JSON the CLIs print (corvid show --json, vtysh ... json, gobgp -j). */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(Command.Result result) {
        result.orThrow();
        try {
            return MAPPER.readTree(result.output());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("'" + String.join(" ", result.argv()) + "' did not print JSON: "
                    + e.getOriginalMessage() + "\n" + result.output(), e);
        }
    }
}
