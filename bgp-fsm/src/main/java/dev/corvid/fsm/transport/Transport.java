package dev.corvid.fsm.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * DOC: the sockets. Netty's epoll transport on Linux (it has TCP_MD5SIG and raw socket options), NIO elsewhere
 * (without TCP-MD5 and TTL security, which {@link #check} refuses). One event loop group serves the listening
 * sockets and the peers; each peer is pinned to one of its loops.
 */
final class Transport {

    // RFC 5082 §3 GTSM socket options (linux/in.h, linux/in6.h).
    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_IPV6 = 41;
    private static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", IPPROTO_IP, 2);
    private static final IntegerUnixChannelOption IP_MINTTL = new IntegerUnixChannelOption("IP_MINTTL", IPPROTO_IP, 21);
    private static final IntegerUnixChannelOption IPV6_UNICAST_HOPS =
            new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", IPPROTO_IPV6, 16);
    private static final IntegerUnixChannelOption IPV6_MINHOPCOUNT =
            new IntegerUnixChannelOption("IPV6_MINHOPCOUNT", IPPROTO_IPV6, 73);
    private static final IntegerUnixChannelOption IPV6_V6ONLY =
            new IntegerUnixChannelOption("IPV6_V6ONLY", IPPROTO_IPV6, 26);
    private static final int IPPROTO_TCP = 6;
    /** Linux: the listener keeps each SYN's headers, which an accepted socket returns once (TCP_SAVED_SYN). */
    private static final IntegerUnixChannelOption TCP_SAVE_SYN = new IntegerUnixChannelOption("TCP_SAVE_SYN", IPPROTO_TCP, 27);
    private static final RawUnixChannelOption TCP_SAVED_SYN = new RawUnixChannelOption("TCP_SAVED_SYN", IPPROTO_TCP, 28, 512);
    private static final int MAX_TTL = 255;

    private final boolean epoll;
    private final EventLoopGroup group;

    Transport() {
        this.epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(0, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    EventLoopGroup group() {
        return group;
    }

    EventLoop nextLoop() {
        return group.next();
    }

    /** Refuses settings this transport cannot honour, with a sentence saying why and what to do. */
    void check(InetAddress peer, Optional<String> md5Password, int ttlSecurityHops) {
        if (epoll) return;
        if (md5Password.isPresent() || ttlSecurityHops > 0) {
            throw new IllegalArgumentException("peer " + peer.getHostAddress() + ": TCP-MD5 and ttl-security need"
                    + " Linux with the epoll transport, which is not available here ("
                    + Epoll.unavailabilityCause() + "); remove password/ttl-security for this peer or run on Linux");
        }
    }

    /** Starts a TCP connection to the peer from its pinned loop, with its MD5 key and TTL security. */
    ChannelFuture connect(EventLoop loop, PeerSettings peer, ChannelHandler handler) {
        Bootstrap b = new Bootstrap().group(loop)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, peer.connectRetrySeconds()) * 1000)
                .handler(handler);
        if (epoll) {
            peer.md5Password().ifPresent(key -> b.option(EpollChannelOption.TCP_MD5SIG, Map.of(peer.address(), md5Key(key))));
        }
        InetSocketAddress remote = new InetSocketAddress(peer.address(), peer.port());
        ChannelFuture registered = b.register();
        Channel ch = registered.channel();
        if (registered.cause() != null) return registered;
        // The socket exists once registered: TTL security is set before the SYN leaves.
        try {
            applyTtlSecurity(ch, peer.address(), peer.ttlSecurityHops());
        } catch (RuntimeException e) {
            ch.close();
            return ch.newFailedFuture(e);
        }
        return peer.localAddress().isPresent()
                ? ch.connect(remote, new InetSocketAddress(peer.localAddress().get(), 0))
                : ch.connect(remote);
    }

    /** Binds one listening socket whose accepted connections go to {@code acceptor}. */
    ServerChannel listen(InetSocketAddress address, ChannelHandler acceptor) throws InterruptedException {
        // A socket of the address's own family: an IPv4 listener never holds IPv6, and an IPv6 one (IPV6_V6ONLY
        // below) never IPv4, so listen = ["0.0.0.0:179", "[::]:179"] binds both.
        boolean v6 = address.getAddress() instanceof java.net.Inet6Address;
        SocketProtocolFamily family = v6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        ServerChannel server = epoll ? new EpollServerSocketChannel(family)
                : new NioServerSocketChannel(java.nio.channels.spi.SelectorProvider.provider(), family);
        server.config().setOption(ChannelOption.SO_REUSEADDR, true);
        server.config().setOption(ChannelOption.SO_BACKLOG, 1024);
        server.pipeline().addLast(acceptor);
        if (epoll) {
            // RFC 5082 §3: a GTSM peer accepts only packets with TTL 255, the SYN-ACK of the listening socket
            // included (and accepted sockets inherit it). Harmless for every other peer. On an IPv4 socket the IPv6
            // option does not exist, and the other way round: whichever applies is set.
            trySet(server, IP_TTL, MAX_TTL);
            trySet(server, IPV6_UNICAST_HOPS, MAX_TTL);
            if (v6) server.config().setOption(IPV6_V6ONLY, 1);
            trySet(server, TCP_SAVE_SYN, 1);
        }
        group.next().register(server).sync();
        ChannelFuture bound = server.bind(address).await();
        if (!bound.isSuccess()) {
            server.close();
            Throwable cause = bound.cause();
            throw new IllegalStateException("cannot listen on " + address.getAddress().getHostAddress() + " port "
                    + address.getPort() + ": " + cause.getMessage() + " — check that no other BGP daemon holds the"
                    + " port, that the address is configured on this host, and that corvid may bind ports below"
                    + " 1024 (root or CAP_NET_BIND_SERVICE); or change 'listen' in the configuration", cause);
        }
        return server;
    }

    /** RFC 2385 keys of the listening socket: one per peer address; replaces the previous set. */
    void setListenerKeys(ServerChannel server, Map<InetAddress, byte[]> keys) {
        if (!epoll) return;
        server.eventLoop().execute(() -> {
            try {
                server.config().setOption(EpollChannelOption.TCP_MD5SIG, keys);
            } catch (RuntimeException e) {
                System.getLogger("corvid.session").log(System.Logger.Level.WARNING, "cannot set the TCP-MD5 keys"
                        + " of the listening socket " + server.localAddress() + ": " + e.getMessage());
            }
        });
    }

    /**
     * RFC 5082 §3: "the GTSM procedure ... [sets] the TTL of outgoing packets to 255" and discards packets whose
     * TTL is below 255 − (hops − 1), i.e. IP_MINTTL = 256 − hops (IPV6_MINHOPCOUNT for IPv6).
     */
    void applyTtlSecurity(Channel ch, InetAddress peer, int hops) {
        if (hops <= 0) return;
        boolean v6 = peer instanceof Inet6Address;
        boolean ok = ch.config().setOption(v6 ? IPV6_UNICAST_HOPS : IP_TTL, MAX_TTL)
                && ch.config().setOption(v6 ? IPV6_MINHOPCOUNT : IP_MINTTL, MAX_TTL + 1 - hops);
        if (!ok) throw new IllegalStateException("cannot set ttl-security on the socket to " + peer.getHostAddress());
    }

    /**
     * RFC 5082 §3 for an accepted connection. IP_MINTTL set on the accepted socket comes too late for what arrived
     * with the handshake: a peer that sends its OPEN at once has it queued already, and the session would come up
     * with a peer too many hops away. So the TTL of the peer's SYN (kept by the listener, TCP_SAVE_SYN) decides,
     * before anything is read; then the socket gets the same options as an outbound one.
     */
    void configureAccepted(Channel child, InetAddress peer, int hops) {
        boolean v6 = peer instanceof Inet6Address;
        if (hops <= 0) {
            // The listener answers every SYN with TTL 255 for the GTSM peers' sake; a peer without ttl-security
            // gets the system default (-1) from here on, like an outbound connection.
            if (epoll) child.config().setOption(v6 ? IPV6_UNICAST_HOPS : IP_TTL, -1);
            return;
        }
        java.nio.ByteBuffer syn = child.config().getOption(TCP_SAVED_SYN);
        // The saved SYN starts with the IP header: IPv4 TTL at octet 8, IPv6 Hop Limit at octet 7.
        int ttl = syn == null ? -1 : syn.get(v6 ? 7 : 8) & 0xFF;
        int min = MAX_TTL + 1 - hops;
        if (ttl < min) {
            throw new IllegalStateException("its SYN arrived with " + (v6 ? "hop limit " : "TTL ") + ttl
                    + ", below the " + min + " that ttl-security = " + hops + " requires (RFC 5082): the peer is more"
                    + " than " + hops + " hop(s) away or does not send with TTL 255");
        }
        applyTtlSecurity(child, peer, hops);
    }

    private static void trySet(Channel ch, IntegerUnixChannelOption option, int value) {
        try {
            ch.config().setOption(option, value);
        } catch (RuntimeException e) {
            // not applicable to this socket's address family
        }
    }

    static byte[] md5Key(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    void shutdown() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
