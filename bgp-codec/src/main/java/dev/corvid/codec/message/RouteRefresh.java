package dev.corvid.codec.message;

import dev.corvid.codec.Family;

/** PLACEHOLDER: RFC 2918 ROUTE-REFRESH with the RFC 7313 subtype. */
public record RouteRefresh(Family family, int subtype) implements BgpMessage {
    @Override
    public MessageType type() {
        return MessageType.ROUTE_REFRESH;
    }
}
