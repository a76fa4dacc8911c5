package dev.corvid.netlink;

import java.util.Map;

/**
 * A system call or a netlink request the kernel refused: what was asked (the route, the device), the errno by name with
 * what it means here, and the kernel's own explanation when it gave one (the extended ACK, {@code NLMSGERR_ATTR_MSG}),
 * e.g. {@code installing 10.244.1.0/26 via 10.9.9.9 table 254 proto 201: ENETUNREACH (network unreachable: no route
 * to the next hop); kernel: Nexthop has invalid gateway}.
 */
public final class NetlinkException extends RuntimeException {
    // errno numbers of asm-generic/errno-base.h and asm-generic/errno.h
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(3, "ESRCH"), Map.entry(4, "EINTR"),
            Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"),
            Map.entry(16, "EBUSY"), Map.entry(17, "EEXIST"), Map.entry(19, "ENODEV"), Map.entry(22, "EINVAL"),
            Map.entry(24, "EMFILE"), Map.entry(28, "ENOSPC"), Map.entry(34, "ERANGE"), Map.entry(90, "EMSGSIZE"),
            Map.entry(93, "EPROTONOSUPPORT"), Map.entry(95, "EOPNOTSUPP"), Map.entry(97, "EAFNOSUPPORT"),
            Map.entry(99, "EADDRNOTAVAIL"), Map.entry(100, "ENETDOWN"), Map.entry(101, "ENETUNREACH"),
            Map.entry(105, "ENOBUFS"), Map.entry(113, "EHOSTUNREACH"));
    private static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(1, "operation not permitted: corvid needs CAP_NET_ADMIN"),
            Map.entry(2, "no such route, table or file"),
            Map.entry(3, "no such route: it is gone already, or it is another program's (other protocol or metric)"),
            Map.entry(12, "the kernel is out of memory"),
            Map.entry(13, "permission denied: corvid needs CAP_NET_ADMIN"),
            Map.entry(17, "a route with this prefix, table and metric exists already; corvid does not overwrite "
                    + "another program's route"),
            Map.entry(19, "no such device: check the interface (index) the route names"),
            Map.entry(22, "invalid argument: the kernel refuses this combination of route fields"),
            Map.entry(90, "message too long for the socket's send buffer"),
            Map.entry(95, "not supported by this kernel"),
            Map.entry(97, "address family not supported by this kernel"),
            Map.entry(100, "network is down: the route's device is not up; bring it up or pick another device"),
            Map.entry(101, "network unreachable: no route to the next hop"),
            Map.entry(105, "the socket's receive buffer overflowed; replies or events were lost"),
            Map.entry(113, "host unreachable: the next hop is not reachable on that device"));

    private final int errno;

    public NetlinkException(String what, int errno) {
        this(what, errno, null);
    }

    /** {@code kernel}: the kernel's extended-ACK message, or null when it gave none. */
    public NetlinkException(String what, int errno, String kernel) {
        super(what + ": " + name(errno) + (MEANINGS.containsKey(errno) ? " (" + MEANINGS.get(errno) + ")" : "")
                + (kernel == null || kernel.isEmpty() ? "" : "; kernel: " + kernel));
        this.errno = errno;
    }

    /** The errno (positive), e.g. 17 for EEXIST. */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name, e.g. {@code EEXIST}, or {@code errno N} for one this class does not know. */
    public static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
