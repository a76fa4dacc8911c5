package dev.corvid.codec.capability;

/**
 * One capability of an OPEN message (RFC 5492 §4: Capability Code, Capability Length, Capability Value). Each
 * record keeps every octet of its value, so that re-encoding a received OPEN reproduces its bytes;
 * {@link UnknownCapability} holds the ones corvid does not interpret.
 */
public sealed interface Capability
        permits Multiprotocol, RouteRefreshCapability, CiscoRouteRefresh, EnhancedRouteRefresh, FourOctetAs,
        GracefulRestart, LongLivedGracefulRestart, AddPath, ExtendedNextHop, ExtendedMessage, BgpRole, Fqdn,
        UnknownCapability {

    /** RFC 4760 §8. */
    int MULTIPROTOCOL = 1;
    /** RFC 2918 §2. */
    int ROUTE_REFRESH = 2;
    /** RFC 8950 §3. */
    int EXTENDED_NEXT_HOP = 5;
    /** RFC 8654 §3. */
    int EXTENDED_MESSAGE = 6;
    /** RFC 9234 §4.1. */
    int BGP_ROLE = 9;
    /** RFC 4724 §3. */
    int GRACEFUL_RESTART = 64;
    /** RFC 6793 §3. */
    int FOUR_OCTET_AS = 65;
    /** RFC 7911 §4. */
    int ADD_PATH = 69;
    /** RFC 7313 §2. */
    int ENHANCED_ROUTE_REFRESH = 70;
    /** RFC 9494 §3. */
    int LONG_LIVED_GRACEFUL_RESTART = 71;
    /** draft-walton-bgp-hostname-capability §3. */
    int FQDN = 73;
    /** The pre-standard Route Refresh code Cisco used before RFC 2918 (IANA: "Route Refresh Capability (Cisco)"). */
    int CISCO_ROUTE_REFRESH = 128;

    /** The Capability Code. */
    int code();
}
