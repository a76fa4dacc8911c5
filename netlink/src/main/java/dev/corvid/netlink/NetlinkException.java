package dev.corvid.netlink;

import java.util.Map;

/** A system call or a netlink request the kernel refused: what was asked, and the errno by name. */
public final class NetlinkException extends RuntimeException {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(3, "ESRCH"), Map.entry(9, "EBADF"),
            Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"), Map.entry(16, "EBUSY"), Map.entry(17, "EEXIST"),
            Map.entry(19, "ENODEV"), Map.entry(22, "EINVAL"), Map.entry(95, "EOPNOTSUPP"),
            Map.entry(97, "EAFNOSUPPORT"), Map.entry(101, "ENETUNREACH"), Map.entry(105, "ENOBUFS"),
            Map.entry(113, "EHOSTUNREACH"));
    private static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(1, "operation not permitted (corvid needs CAP_NET_ADMIN)"),
            Map.entry(2, "no such route or file"), Map.entry(3, "no such process or route"),
            Map.entry(17, "the route exists already"), Map.entry(19, "no such device"),
            Map.entry(22, "invalid argument"), Map.entry(101, "network unreachable: no route to the next hop"),
            Map.entry(105, "the socket's receive buffer overflowed"));

    private final int errno;

    public NetlinkException(String what, int errno) {
        super(what + ": " + name(errno) + (MEANINGS.containsKey(errno) ? " (" + MEANINGS.get(errno) + ")" : ""));
        this.errno = errno;
    }

    /** The errno (positive), e.g. 17 for EEXIST. */
    public int errno() {
        return errno;
    }

    static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
