package dev.corvid.codec.capability;

/**
 * The pre-standard Route Refresh capability (code 128) that Cisco and FRR still announce next to code 2; no value.
 * It means the same as {@link RouteRefreshCapability}.
 */
public record CiscoRouteRefresh() implements Capability {
    @Override
    public int code() {
        return CISCO_ROUTE_REFRESH;
    }
}
