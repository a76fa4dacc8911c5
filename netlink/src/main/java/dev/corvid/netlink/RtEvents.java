package dev.corvid.netlink;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * DOC: the kernel's rtnetlink multicast events ({@code man 7 rtnetlink}: RTMGRP_LINK, RTMGRP_IPV4_IFADDR,
 * RTMGRP_IPV4_ROUTE, RTMGRP_IPV6_IFADDR, RTMGRP_IPV6_ROUTE) as {@link RtEvent}s. The socket joins the groups when it
 * opens, so nothing that happens afterwards is missed, and gets a large receive buffer; when that overflows anyway
 * the kernel drops events and {@link #poll} reports an {@link RtEvent.Overrun} (the owner then re-dumps). One owner
 * thread; {@link #poll} never blocks longer than its timeout, so the owner can notice that it should stop.
 */
public final class RtEvents implements AutoCloseable {
    private static final int RTMGRP_LINK = 0x1, RTMGRP_IPV4_IFADDR = 0x10, RTMGRP_IPV4_ROUTE = 0x40,
            RTMGRP_IPV6_IFADDR = 0x100, RTMGRP_IPV6_ROUTE = 0x400;
    private static final int GROUPS = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_IFADDR
            | RTMGRP_IPV6_ROUTE;
    private static final int RECEIVE_BUFFER = 32 << 20;
    /** Reads per poll at most: a flood of events cannot keep one poll going forever. */
    private static final int READS_PER_POLL = 256;

    private final NetlinkSocket socket;
    /** RTM_NEWROUTE of this rtm_protocol is skipped undecoded (-1: none is). */
    private int ignoredAdds = -1;

    private RtEvents(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Events of this process's network namespace. */
    public static RtEvents open() {
        return new RtEvents(NetlinkSocket.open(GROUPS, RECEIVE_BUFFER));
    }

    /** Events of the network namespace at {@code netnsPath} (e.g. {@code /var/run/netns/NAME}). */
    public static RtEvents openIn(String netnsPath) {
        return openIn(netnsPath, RECEIVE_BUFFER);
    }

    /** As {@link #openIn(String)} with a receive buffer of {@code receiveBuffer} octets (tests: a tiny one overruns). */
    static RtEvents openIn(String netnsPath, int receiveBuffer) {
        return new RtEvents(NetlinkSocket.openIn(netnsPath, GROUPS, receiveBuffer));
    }

    /**
     * Routes added with rtm_protocol {@code protocol} are skipped without being decoded: the owner's own routes, of
     * which it installs many at once and needs no echo.
     */
    public void ignoreRoutesAddedBy(int protocol) {
        ignoredAdds = protocol;
    }

    /** Waits up to {@code timeout} for events; returns those that arrived (possibly none), in order. */
    public List<RtEvent> poll(Duration timeout) {
        List<RtEvent> events = new ArrayList<>();
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
        if (!socket.awaitReadable(millis)) return events;
        for (int reads = 0; reads < READS_PER_POLL; reads++) {
            Libc.Result r = socket.receive(false);
            if (r.value() < 0) {
                switch (r.errno()) {
                    case Libc.ENOBUFS -> events.add(new RtEvent.Overrun());
                    case Libc.EAGAIN -> { return events; }
                    case Libc.EINTR -> { }
                    default -> throw new NetlinkException("reading rtnetlink events", r.errno());
                }
                continue;
            }
            decode(socket.received(), (int) r.value(), events);
        }
        return events;
    }

    private void decode(ByteBuffer in, int end, List<RtEvent> events) {
        for (int at = 0; at + NetlinkMessages.HEADER <= end; ) {
            int length = in.getInt(at);
            if (length < NetlinkMessages.HEADER || at + length > end) break;
            int body = at + NetlinkMessages.HEADER, stop = at + length;
            switch (in.getShort(at + 4) & 0xFFFF) {
                case RouteMessages.RTM_NEWROUTE -> {
                    if ((in.get(body + 5) & 0xFF) != ignoredAdds) { // rtm_protocol
                        RouteMessages.read(in, body, stop).ifPresent(r -> events.add(new RtEvent.RouteAdded(r)));
                    }
                }
                case RouteMessages.RTM_DELROUTE ->
                        RouteMessages.read(in, body, stop).ifPresent(r -> events.add(new RtEvent.RouteRemoved(r)));
                case InterfaceMessages.RTM_NEWLINK ->
                        events.add(new RtEvent.LinkChanged(InterfaceMessages.readLink(in, body, stop)));
                case InterfaceMessages.RTM_DELLINK ->
                        events.add(new RtEvent.LinkRemoved(InterfaceMessages.readLink(in, body, stop)));
                case InterfaceMessages.RTM_NEWADDR -> InterfaceMessages.readAddress(in, body, stop)
                        .ifPresent(a -> events.add(new RtEvent.AddressAdded(a)));
                case InterfaceMessages.RTM_DELADDR -> InterfaceMessages.readAddress(in, body, stop)
                        .ifPresent(a -> events.add(new RtEvent.AddressRemoved(a)));
                default -> { }
            }
            at += NetlinkMessages.align(length);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
