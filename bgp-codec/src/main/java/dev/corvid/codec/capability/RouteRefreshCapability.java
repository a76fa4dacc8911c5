package dev.corvid.codec.capability;

/** RFC 2918 §2 Route Refresh: no value. */
public record RouteRefreshCapability() implements Capability {
    @Override
    public int code() {
        return ROUTE_REFRESH;
    }
}
