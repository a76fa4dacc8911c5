package dev.corvid.codec.message;

/** A BGP message (RFC 4271 §4; ROUTE-REFRESH from RFC 2918). */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh {
    MessageType type();
}
