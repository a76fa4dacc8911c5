package dev.corvid.codec.message;

import dev.corvid.codec.Family;

/**
 * RFC 2918 §3 ROUTE-REFRESH: AFI (2 octets), Reserved (1 octet), SAFI (1 octet). RFC 7313 §3 turns the Reserved
 * octet into the Message Subtype: 0 a normal route refresh request, 1 Beginning of Route Refresh (BoRR), 2 End of
 * Route Refresh (EoRR).
 *
 * <p>RFC 7313 §5: "When the BGP speaker receives a ROUTE-REFRESH message with a 'Message Subtype' field other than
 * 0, 1, or 2, it MUST ignore the received ROUTE-REFRESH message." Such a message still decodes, with its subtype as
 * sent, so that it can be logged and counted; {@link #mustBeIgnored()} tells the session to drop it.
 */
public record RouteRefresh(Family family, int subtype) implements BgpMessage {
    public static final int NORMAL = 0;
    public static final int BEGINNING_OF_ROUTE_REFRESH = 1;
    public static final int END_OF_ROUTE_REFRESH = 2;

    public RouteRefresh {
        if (subtype < 0 || subtype > 0xFF) throw new IllegalArgumentException("Message Subtype is 1 octet");
    }

    /** A normal request: re-advertise the Adj-RIB-Out of {@code family}. */
    public static RouteRefresh request(Family family) {
        return new RouteRefresh(family, NORMAL);
    }

    /** RFC 7313 §5: true for a subtype other than 0, 1 or 2. */
    public boolean mustBeIgnored() {
        return subtype > END_OF_ROUTE_REFRESH;
    }

    @Override
    public MessageType type() {
        return MessageType.ROUTE_REFRESH;
    }
}
