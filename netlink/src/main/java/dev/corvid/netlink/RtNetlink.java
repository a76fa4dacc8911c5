package dev.corvid.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DOC: an rtnetlink socket ({@code AF_NETLINK}, {@code NETLINK_ROUTE}) through FFM: route requests answered by an ACK
 * or an error, and route dumps. One owner thread; not thread-safe. A refused request becomes a
 * {@link NetlinkException} that names the errno and the route.
 */
public final class RtNetlink implements AutoCloseable {
    private static final int BUFFER = 1 << 16;
    private static final int RECEIVE = 1 << 20;

    private final int fd;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment receive = arena.allocate(RECEIVE);
    private final MemorySegment send = arena.allocate(BUFFER);
    private int seq = (int) (System.nanoTime() & 0x7FFF_FFFF);

    private RtNetlink(int fd) {
        this.fd = fd;
    }

    /** A socket in this process's network namespace. */
    public static RtNetlink open() {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment address = a.allocate(12); // sockaddr_nl: family, pad, pid 0 (the kernel picks), groups 0
            address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            Libc.bind(fd, address);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
        return new RtNetlink(fd);
    }

    /**
     * A socket in the network namespace at {@code path} (e.g. {@code /var/run/netns/NAME}): the calling thread enters
     * it, opens the socket (which stays there), and goes back.
     */
    public static RtNetlink openIn(String path) {
        int home = Libc.open("/proc/thread-self/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC);
        int target = Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        try {
            Libc.setns(target, Libc.CLONE_NEWNET);
            try {
                return open();
            } finally {
                Libc.setns(home, Libc.CLONE_NEWNET);
            }
        } finally {
            Libc.close(target);
            Libc.close(home);
        }
    }

    /** Installs {@code route}, replacing a route to the same destination in its table (NLM_F_CREATE | NLM_F_REPLACE). */
    public void replace(KernelRoute route) {
        request(RouteMessages.RTM_NEWROUTE, RouteMessages.NLM_F_CREATE | RouteMessages.NLM_F_REPLACE, route,
                "installing " + route);
    }

    /** Removes {@code route}. */
    public void delete(KernelRoute route) {
        request(RouteMessages.RTM_DELROUTE, 0, route, "removing " + route);
    }

    private void request(int type, int flags, KernelRoute route, String what) {
        ByteBuffer out = send.asByteBuffer();
        int id = ++seq;
        RouteMessages.write(out, type, flags, id, route);
        Libc.send(fd, send, out.position());
        receive(id, what, null);
    }

    /** Every route of one family ({@code v4}: IPv4, else IPv6) in every table. */
    public List<KernelRoute> routes(boolean v4) {
        ByteBuffer out = send.asByteBuffer();
        int id = ++seq;
        RouteMessages.writeDump(out, id, v4);
        Libc.send(fd, send, out.position());
        List<KernelRoute> routes = new ArrayList<>();
        receive(id, "listing routes", routes);
        return routes;
    }

    /** Reads replies to request {@code id} until its ACK, error or NLMSG_DONE; dumped routes go to {@code dump}. */
    private void receive(int id, String what, List<KernelRoute> dump) {
        while (true) {
            Libc.Result r = Libc.recv(fd, receive);
            if (r.value() < 0) throw new NetlinkException("receiving the reply to " + what, r.errno());
            ByteBuffer in = receive.asByteBuffer().order(ByteOrder.nativeOrder());
            int end = (int) r.value();
            for (int at = 0; at + RouteMessages.HEADER <= end; ) {
                int length = in.getInt(at);
                int type = in.getShort(at + 4) & 0xFFFF;
                int seqOf = in.getInt(at + 8);
                if (length < RouteMessages.HEADER || at + length > end) break;
                if (seqOf == id) {
                    if (type == RouteMessages.NLMSG_DONE) return;
                    if (type == RouteMessages.NLMSG_ERROR) {
                        int error = in.getInt(at + RouteMessages.HEADER);
                        if (error == 0) return; // the ACK
                        throw new NetlinkException(what, -error);
                    }
                    if (type == RouteMessages.RTM_NEWROUTE && dump != null) {
                        Optional<KernelRoute> route = RouteMessages.read(in, at + RouteMessages.HEADER, at + length);
                        route.ifPresent(dump::add);
                    }
                }
                at += (length + 3) & ~3;
            }
        }
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
