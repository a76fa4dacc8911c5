package dev.corvid.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls netlink needs, through the FFM API (no JNI): {@code socket}, {@code bind}, {@code setsockopt},
 * {@code send}, {@code recv}, {@code poll}, {@code close}, {@code open} and {@code setns}. Each call captures
 * {@code errno}, and a failure becomes a {@link NetlinkException} that names the call and the errno ({@code recv} and
 * {@code poll} hand the errno back instead, so that ENOBUFS, EAGAIN and EINTR can be told apart).
 */
final class Libc {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;
    static final int MSG_DONTWAIT = 0x40;
    static final int POLLIN = 1;
    static final int EINTR = 4, EAGAIN = 11, ENOBUFS = 105;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_HANDLE = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(INT, INT, ADDRESS, INT));
    private static final MethodHandle SETSOCKOPT =
            handle("setsockopt", FunctionDescriptor.of(INT, INT, INT, INT, ADDRESS, INT));
    private static final MethodHandle SEND = handle("send", FunctionDescriptor.of(LONG, INT, ADDRESS, LONG, INT));
    private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(LONG, INT, ADDRESS, LONG, INT));
    private static final MethodHandle POLL = handle("poll", FunctionDescriptor.of(INT, ADDRESS, LONG, INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(INT, ADDRESS, INT));
    private static final MethodHandle SETNS = handle("setns", FunctionDescriptor.of(INT, INT, INT));

    private Libc() {}

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, ERRNO);
    }

    /** A call's result and the errno it left (meaningful only when the result is negative). */
    record Result(long value, int errno) {}

    private static Result call(MethodHandle handle, Object... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            Object[] all = new Object[args.length + 1];
            all[0] = state;
            System.arraycopy(args, 0, all, 1, args.length);
            Object r = handle.invokeWithArguments(all);
            long value = r instanceof Integer i ? i : (Long) r;
            return new Result(value, (int) ERRNO_HANDLE.get(state, 0L));
        } catch (Throwable t) {
            throw new IllegalStateException("calling libc failed", t);
        }
    }

    private static long check(String what, Result r) {
        if (r.value() < 0) throw new NetlinkException(what, r.errno());
        return r.value();
    }

    static int socket(int domain, int type, int protocol) {
        return (int) check("socket", call(SOCKET, domain, type, protocol));
    }

    static void bind(int fd, MemorySegment address) {
        check("bind", call(BIND, fd, address, (int) address.byteSize()));
    }

    /** {@code setsockopt} of an int option; the result, so that a caller can fall back (e.g. from a FORCE option). */
    static Result setsockopt(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            return call(SETSOCKOPT, fd, level, name, arena.allocateFrom(INT, value), 4);
        }
    }

    /**
     * The memory a socket's hot calls ({@link #send}, {@link #recv}, {@link #pollIn}) work in, allocated once per
     * socket for its owner thread: the errno capture and a struct pollfd. The generic path ({@code call}) costs an
     * arena and a spread invocation per call, which a million route events a second cannot afford.
     */
    static MemorySegment callMemory(Arena arena) {
        return arena.allocate(CALL_STATE.byteSize() + 8, 8);
    }

    private static MemorySegment state(MemorySegment memory) {
        return memory.asSlice(0, CALL_STATE.byteSize());
    }

    private static int errno(MemorySegment memory) {
        return (int) ERRNO_HANDLE.get(state(memory), 0L);
    }

    static long send(int fd, MemorySegment buffer, long length, MemorySegment memory) {
        long r;
        try {
            r = (long) SEND.invokeExact(state(memory), fd, buffer, length, 0);
        } catch (Throwable t) {
            throw new IllegalStateException("calling libc failed", t);
        }
        if (r < 0) throw new NetlinkException("send", errno(memory));
        return r;
    }

    /** {@code recv} with {@code flags} (e.g. {@link #MSG_DONTWAIT}). */
    static Result recv(int fd, MemorySegment buffer, int flags, MemorySegment memory) {
        long r;
        try {
            r = (long) RECV.invokeExact(state(memory), fd, buffer, buffer.byteSize(), flags);
        } catch (Throwable t) {
            throw new IllegalStateException("calling libc failed", t);
        }
        return new Result(r, r < 0 ? errno(memory) : 0);
    }

    /** {@code poll} of one descriptor for {@link #POLLIN}: 1 when readable, 0 on timeout, -1 with the errno. */
    static Result pollIn(int fd, int timeoutMillis, MemorySegment memory) {
        // struct pollfd (poll(2)): int fd; short events; short revents — after the errno capture.
        MemorySegment pollfd = memory.asSlice(CALL_STATE.byteSize(), 8);
        pollfd.set(INT, 0, fd);
        pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) POLLIN);
        pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        int r;
        try {
            r = (int) POLL.invokeExact(state(memory), pollfd, 1L, timeoutMillis);
        } catch (Throwable t) {
            throw new IllegalStateException("calling libc failed", t);
        }
        return new Result(r, r < 0 ? errno(memory) : 0);
    }

    static void close(int fd) {
        call(CLOSE, fd);
    }

    static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) check("open " + path, call(OPEN, arena.allocateFrom(path), flags));
        }
    }

    static void setns(int fd, int type) {
        check("setns", call(SETNS, fd, type));
    }
}
