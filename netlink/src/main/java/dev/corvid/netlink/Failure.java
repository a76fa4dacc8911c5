package dev.corvid.netlink;

/** A request of a batch that the kernel refused, and why (the message names the route and the errno). */
public record Failure(RouteRequest request, NetlinkException error) {}
