package dev.corvid.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@code AF_NETLINK}/{@code NETLINK_ROUTE} socket ({@code man 7 netlink}) and its two buffers, shared by
 * {@link RtNetlink} (requests) and {@link RtEvents} (multicast groups). Options: NETLINK_CAP_ACK (error replies carry
 * only the request's header) and NETLINK_EXT_ACK (they carry the kernel's explanation), a large receive buffer
 * (SO_RCVBUFFORCE as root, else SO_RCVBUF up to {@code net.core.rmem_max}) and send buffer. One thread at a time.
 */
final class NetlinkSocket implements AutoCloseable {
    private static final int SOL_SOCKET = 1, SO_SNDBUF = 7, SO_RCVBUF = 8, SO_SNDBUFFORCE = 32, SO_RCVBUFFORCE = 33;
    private static final int SOL_NETLINK = 270, NETLINK_CAP_ACK = 10, NETLINK_EXT_ACK = 11;
    /** The size of one send(): requests are packed up to this many octets (the send buffer is set above it). */
    static final int SEND = 128 << 10;
    private static final int SEND_BUFFER = 1 << 20;
    /** One recv(): large enough for any message the kernel sends (dumps fill up to 32 KiB per read). */
    private static final int RECEIVE = 1 << 20;

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment sendSegment = arena.allocate(SEND);
    private final MemorySegment receiveSegment = arena.allocate(RECEIVE);
    private final MemorySegment callMemory = Libc.callMemory(arena);
    private final ByteBuffer sendBuffer = sendSegment.asByteBuffer().order(ByteOrder.nativeOrder());
    private final ByteBuffer receiveBuffer = receiveSegment.asByteBuffer().order(ByteOrder.nativeOrder());

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** A socket in this process's network namespace, in the multicast {@code groups} (a RTMGRP_* mask; 0 for none). */
    static NetlinkSocket open(int groups, int receiveBuffer) {
        return new NetlinkSocket(openFd(groups, receiveBuffer));
    }

    /**
     * A socket in the network namespace at {@code path} (e.g. {@code /var/run/netns/NAME}). A short-lived platform
     * thread enters the namespace ({@code setns(2)}), opens the socket (which stays in that namespace) and ends, so
     * the caller's thread never changes namespace, whatever kind of thread it is.
     */
    static NetlinkSocket openIn(String path, int groups, int receiveBuffer) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread opener = Thread.ofPlatform().name("corvid-netns-open").unstarted(() -> {
            try {
                int ns = Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
                try {
                    Libc.setns(ns, Libc.CLONE_NEWNET);
                } finally {
                    Libc.close(ns);
                }
                result.set(openFd(groups, receiveBuffer));
            } catch (RuntimeException e) {
                result.set(e);
            }
        });
        opener.start();
        try {
            opener.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening a netlink socket in " + path, e);
        }
        if (result.get() instanceof RuntimeException e) throw e;
        return new NetlinkSocket((Integer) result.get());
    }

    private static int openFd(int groups, int receiveBuffer) {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
        try (Arena a = Arena.ofConfined()) {
            // Best effort: without the FORCE options (no CAP_NET_ADMIN) the kernel caps at rmem_max / wmem_max.
            if (Libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, receiveBuffer).value() < 0) {
                Libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, receiveBuffer);
            }
            if (Libc.setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, SEND_BUFFER).value() < 0) {
                Libc.setsockopt(fd, SOL_SOCKET, SO_SNDBUF, SEND_BUFFER);
            }
            Libc.setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1);
            Libc.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
            MemorySegment address = a.allocate(12); // sockaddr_nl: family, pad, pid 0 (the kernel picks), groups
            address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            address.set(ValueLayout.JAVA_INT, 8, groups);
            Libc.bind(fd, address);
            return fd;
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** The send buffer, cleared: write messages into it, then {@link #send()}. */
    ByteBuffer sendBuffer() {
        return sendBuffer.clear();
    }

    /** Sends what was written into {@link #sendBuffer()} since it was cleared. */
    void send() {
        Libc.send(fd, sendSegment, sendBuffer.position(), callMemory);
    }

    /** One recv(); {@code wait}: block until something arrives, else EAGAIN when nothing is queued. */
    Libc.Result receive(boolean wait) {
        return Libc.recv(fd, receiveSegment, wait ? 0 : Libc.MSG_DONTWAIT, callMemory);
    }

    /** What the last {@link #receive} read (valid up to the length it returned). */
    ByteBuffer received() {
        return receiveBuffer;
    }

    /** Waits up to {@code millis} for something to read; false on timeout or a signal. */
    boolean awaitReadable(int millis) {
        Libc.Result r = Libc.pollIn(fd, millis, callMemory);
        if (r.value() < 0 && r.errno() != Libc.EINTR) throw new NetlinkException("poll", r.errno());
        return r.value() > 0;
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
