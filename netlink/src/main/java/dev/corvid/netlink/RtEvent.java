package dev.corvid.netlink;

/** A change the kernel announced on an rtnetlink multicast group ({@link RtEvents}). */
public sealed interface RtEvent {
    /** RTM_NEWROUTE: a route was added or replaced. */
    record RouteAdded(KernelRoute route) implements RtEvent {}

    /** RTM_DELROUTE. */
    record RouteRemoved(KernelRoute route) implements RtEvent {}

    /** RTM_NEWLINK: a device appeared or changed (up/down, MTU, name, ...). */
    record LinkChanged(Link link) implements RtEvent {}

    /** RTM_DELLINK. */
    record LinkRemoved(Link link) implements RtEvent {}

    /** RTM_NEWADDR. */
    record AddressAdded(InterfaceAddress address) implements RtEvent {}

    /** RTM_DELADDR. */
    record AddressRemoved(InterfaceAddress address) implements RtEvent {}

    /** ENOBUFS: the socket's buffer overflowed and events were lost; the owner re-dumps what it follows. */
    record Overrun() implements RtEvent {}
}
