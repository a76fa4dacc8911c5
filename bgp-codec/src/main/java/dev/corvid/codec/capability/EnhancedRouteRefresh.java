package dev.corvid.codec.capability;

/** RFC 7313 §2 Enhanced Route Refresh: no value. */
public record EnhancedRouteRefresh() implements Capability {
    @Override
    public int code() {
        return ENHANCED_ROUTE_REFRESH;
    }
}
