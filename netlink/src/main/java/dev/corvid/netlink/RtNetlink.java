package dev.corvid.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * DOC: corvid's rtnetlink request socket ({@code AF_NETLINK}, {@code NETLINK_ROUTE}; {@code man 7 rtnetlink}): batches
 * of route requests, route, link and address dumps. One owner thread; not thread-safe.
 *
 * <p>A batch is packed into as few send() calls as fit ({@link NetlinkSocket#SEND} octets each, a few thousand
 * routes). Only the last request of each send asks for an ACK: the kernel handles a send() synchronously and always
 * answers a refused request with an NLMSG_ERROR carrying its sequence number, so once the last ACK is read every
 * reply of that send is too, and each error maps back to its request by sequence number.
 */
public final class RtNetlink implements AutoCloseable {
    /** Room for the error replies of a whole send of refused requests (each one a small skb of its own). */
    static final int RECEIVE_BUFFER = 32 << 20;
    private static final int DUMP_ATTEMPTS = 5;

    private final NetlinkSocket socket;
    private int seq = (int) (System.nanoTime() & 0x3FFF_FFFF);

    RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** A socket in this process's network namespace. */
    public static RtNetlink open() {
        return new RtNetlink(NetlinkSocket.open(0, RECEIVE_BUFFER));
    }

    /** A socket in the network namespace at {@code netnsPath} (e.g. {@code /var/run/netns/NAME}). */
    public static RtNetlink openIn(String netnsPath) {
        return new RtNetlink(NetlinkSocket.openIn(netnsPath, 0, RECEIVE_BUFFER));
    }

    /** As {@link #openIn}, with a receive buffer of {@code receiveBuffer} octets (tests: a small one overruns). */
    static RtNetlink openIn(String netnsPath, int receiveBuffer) {
        return new RtNetlink(NetlinkSocket.openIn(netnsPath, 0, receiveBuffer));
    }

    /**
     * Sends every request, many per send(), and reads back what the kernel refused. Never throws for a refused
     * request or a lost reply: those are in the outcome.
     */
    public BatchOutcome apply(List<? extends RouteRequest> requests) {
        List<Failure> failures = new ArrayList<>();
        boolean overrun = false;
        for (int next = 0; next < requests.size(); ) {
            ByteBuffer out = socket.sendBuffer();
            int first = next, firstSeq = seq + 1, last = 0;
            while (next < requests.size() && out.remaining() >= RouteMessages.size(requests.get(next).route())) {
                last = out.position();
                RouteMessages.write(out, requests.get(next), ++seq, false);
                next++;
            }
            if (next == first) throw new IllegalArgumentException("route too large for one message: " + requests.get(next));
            out.putShort(last + 6, (short) (out.getShort(last + 6) | NetlinkMessages.NLM_F_ACK));
            socket.send();
            overrun |= collect(requests.subList(first, next), firstSeq, failures);
        }
        return new BatchOutcome(failures, overrun);
    }

    /**
     * Reads the replies of one send: errors to {@code failures}, until the reply to its last request. After ENOBUFS
     * that reply may be lost, so it drains what is queued without waiting (the kernel queued every reply, or dropped
     * it, before send() returned). Returns whether an overrun happened.
     */
    private boolean collect(List<? extends RouteRequest> sent, int firstSeq, List<Failure> failures) {
        int lastSeq = firstSeq + sent.size() - 1;
        boolean overrun = false;
        while (true) {
            Libc.Result r = socket.receive(!overrun);
            if (r.value() < 0) {
                switch (r.errno()) {
                    case Libc.ENOBUFS -> overrun = true;
                    case Libc.EINTR -> { }
                    case Libc.EAGAIN -> { return true; }
                    default -> throw new NetlinkException("reading the replies to " + sent.size() + " route requests",
                            r.errno());
                }
                continue;
            }
            ByteBuffer in = socket.received();
            boolean done = false;
            for (int at = 0, end = (int) r.value(); at + NetlinkMessages.HEADER <= end; ) {
                int length = in.getInt(at);
                if (length < NetlinkMessages.HEADER || at + length > end) break;
                int s = in.getInt(at + 8);
                if ((in.getShort(at + 4) & 0xFFFF) == NetlinkMessages.NLMSG_ERROR && s - firstSeq >= 0 && lastSeq - s >= 0) {
                    int error = -in.getInt(at + NetlinkMessages.HEADER);
                    if (error != 0) {
                        RouteRequest request = sent.get(s - firstSeq);
                        failures.add(new Failure(request, new NetlinkException(request.describe(), error,
                                NetlinkMessages.errorText(in, at, length))));
                    }
                    done |= s == lastSeq;
                }
                at += NetlinkMessages.align(length);
            }
            if (done) return overrun;
        }
    }

    /** Installs {@code route}, replacing the route with the same key (NLM_F_CREATE | NLM_F_REPLACE). */
    public void replace(KernelRoute route) {
        single(new RouteRequest.Replace(route));
    }

    /** Removes {@code route} ({@link RouteRequest.Remove}: only a route of its protocol). */
    public void delete(KernelRoute route) {
        single(new RouteRequest.Remove(route));
    }

    private void single(RouteRequest request) {
        BatchOutcome outcome = apply(List.of(request));
        if (!outcome.failures().isEmpty()) throw outcome.failures().getFirst().error();
        if (outcome.overrun()) throw new NetlinkException(request.describe(), Libc.ENOBUFS);
    }

    /** Every route of one family ({@code v4}: IPv4, else IPv6) in every table. */
    public List<KernelRoute> routes(boolean v4) {
        List<KernelRoute> routes = new ArrayList<>();
        dump("listing the IPv" + (v4 ? 4 : 6) + " routes", id -> RouteMessages.writeDump(socket.sendBuffer(), id, v4),
                (in, at, end) -> {
                    if ((in.getShort(at + 4) & 0xFFFF) == RouteMessages.RTM_NEWROUTE) {
                        RouteMessages.read(in, at + NetlinkMessages.HEADER, end).ifPresent(routes::add);
                    }
                }, routes::clear);
        return routes;
    }

    /** Every network device. */
    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        dump("listing the devices", id -> InterfaceMessages.writeLinkDump(socket.sendBuffer(), id), (in, at, end) -> {
            if ((in.getShort(at + 4) & 0xFFFF) == InterfaceMessages.RTM_NEWLINK) {
                links.add(InterfaceMessages.readLink(in, at + NetlinkMessages.HEADER, end));
            }
        }, links::clear);
        return links;
    }

    /** Every address of one family ({@code v4}: IPv4, else IPv6) on every device. */
    public List<InterfaceAddress> addresses(boolean v4) {
        List<InterfaceAddress> addresses = new ArrayList<>();
        dump("listing the IPv" + (v4 ? 4 : 6) + " addresses",
                id -> InterfaceMessages.writeAddressDump(socket.sendBuffer(), id, v4), (in, at, end) -> {
                    if ((in.getShort(at + 4) & 0xFFFF) == InterfaceMessages.RTM_NEWADDR) {
                        Optional<InterfaceAddress> a = InterfaceMessages.readAddress(in, at + NetlinkMessages.HEADER, end);
                        a.ifPresent(addresses::add);
                    }
                }, addresses::clear);
        return addresses;
    }

    private interface Reader {
        void read(ByteBuffer in, int at, int end);
    }

    private interface Request {
        void write(int seq);
    }

    /**
     * Sends a dump request and reads its messages until NLMSG_DONE. A dump the kernel marks NLM_F_DUMP_INTR (the
     * table changed while it was being read) is thrown away ({@code reset}) and asked again.
     */
    private void dump(String what, Request request, Reader reader, Runnable reset) {
        for (int attempt = 1; ; attempt++) {
            int id = ++seq;
            request.write(id);
            socket.send();
            boolean interrupted = false;
            read:
            while (true) {
                Libc.Result r = socket.receive(true);
                if (r.value() < 0) {
                    if (r.errno() == Libc.EINTR) continue;
                    throw new NetlinkException(what, r.errno());
                }
                ByteBuffer in = socket.received();
                for (int at = 0, end = (int) r.value(); at + NetlinkMessages.HEADER <= end; ) {
                    int length = in.getInt(at);
                    if (length < NetlinkMessages.HEADER || at + length > end) break;
                    if (in.getInt(at + 8) == id) {
                        interrupted |= (in.getShort(at + 6) & NetlinkMessages.NLM_F_DUMP_INTR) != 0;
                        int type = in.getShort(at + 4) & 0xFFFF;
                        int error = length >= NetlinkMessages.HEADER + 4 ? -in.getInt(at + NetlinkMessages.HEADER) : 0;
                        if ((type == NetlinkMessages.NLMSG_DONE || type == NetlinkMessages.NLMSG_ERROR) && error > 0) {
                            throw new NetlinkException(what, error,
                                    type == NetlinkMessages.NLMSG_ERROR ? NetlinkMessages.errorText(in, at, length) : null);
                        }
                        if (type == NetlinkMessages.NLMSG_DONE || type == NetlinkMessages.NLMSG_ERROR) break read;
                        reader.read(in, at, at + length);
                    }
                    at += NetlinkMessages.align(length);
                }
            }
            if (!interrupted || attempt == DUMP_ATTEMPTS) return;
            reset.run();
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
