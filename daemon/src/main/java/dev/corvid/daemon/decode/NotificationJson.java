package dev.corvid.daemon.decode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.codec.message.Notification;

/** A NOTIFICATION as JSON: code, subcode, their names, data, and an RFC 8203/9003 shutdown message. */
final class NotificationJson {
    private NotificationJson() {}

    static void fill(Notification n, ObjectNode node) {
        node.put("code", n.code());
        node.put("subcode", n.subcode());
        node.put("description", n.description());
        node.put("data", n.data().hex());
        n.shutdownCommunication().ifPresent(text -> node.put("shutdown_communication", text));
    }
}
