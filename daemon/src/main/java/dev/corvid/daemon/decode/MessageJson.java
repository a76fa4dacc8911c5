package dev.corvid.daemon.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.codec.AttributeError;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import dev.corvid.codec.message.Update;

/**
 * A decoded message as JSON. UPDATEs use the route field names of PRODUCT.md ({@code as_path}, {@code next_hop},
 * {@code communities} as {@code 64512:100}, ...); the other messages are their records with snake_case names.
 */
final class MessageJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MessageJson() {}

    static JsonNode of(DecodeResult result, int length) {
        ObjectNode node = JSON.objectNode();
        switch (result) {
            case DecodeResult.Decoded d -> {
                BgpMessage m = d.message();
                node.put("type", m.type().name().replace('_', '-'));
                node.put("length", length);
                switch (m) {
                    case Update u -> UpdateJson.fill(u, node);
                    case Notification n -> NotificationJson.fill(n, node);
                    case Open o -> openFill(o, node);
                    default -> RecordJson.fill((Record) m, node);
                }
                node.put("severity", d.severity().label());
                ArrayNode errors = node.putArray("errors");
                for (AttributeError e : d.errors()) {
                    ObjectNode o = errors.addObject();
                    o.put("action", e.action().label());
                    if (e.attributeType() >= 0) o.put("attribute", e.attributeType());
                    if (e.family() != null) o.put("family", e.family().toString());
                    o.put("reason", e.reason());
                }
            }
            case DecodeResult.Malformed bad -> {
                node.put("type", "MALFORMED");
                node.put("length", length);
                node.put("severity", result.severity().label());
                ArrayNode errors = node.putArray("errors");
                ObjectNode o = errors.addObject();
                o.put("action", result.severity().label());
                o.put("reason", bad.reason());
                ObjectNode n = node.putObject("notification_to_send");
                NotificationJson.fill(bad.notification(), n);
            }
        }
        return node;
    }

    /** OPEN: the record's fields, plus the sender's real AS and the capabilities as one flat list. */
    private static void openFill(Open open, ObjectNode node) {
        node.put("asn", open.asn());
        RecordJson.fill(open, node);
        node.set("capabilities", RecordJson.value(open.capabilities()));
    }
}
