package dev.corvid.fsm.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The handler of a listening socket: each accepted connection is matched to a peer by its source address and
 * registered on that peer's event loop (so all of the peer's state stays on one thread); a connection from an
 * address that is neither a configured peer nor inside a peer range is closed.
 */
@ChannelHandler.Sharable
final class Acceptor extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger("corvid.session");

    /** Who a source address belongs to. */
    interface Directory {
        /** The configured peer, or a new dynamic peer of the longest matching range; empty for a stranger. */
        Optional<Peer> peerFor(InetAddress remote);

        /** A connection from a stranger was closed (to log, sparingly). */
        void unknown(InetAddress remote, InetSocketAddress local);

        /** Socket options for a connection from {@code peer}, set before anything is read or written. */
        void configure(Channel child, Peer peer);
    }

    private final Directory directory;

    Acceptor(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        InetAddress remote = ((InetSocketAddress) child.remoteAddress()).getAddress();
        Optional<Peer> found = directory.peerFor(remote);
        if (found.isEmpty()) {
            directory.unknown(remote, (InetSocketAddress) child.localAddress());
            child.unsafe().closeForcibly();
            return;
        }
        Peer peer = found.get();
        try {
            directory.configure(child, peer);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, PeerLog.prefix(remote, peer.settings().peerAs()) + "connection refused: "
                    + e.getMessage());
            child.unsafe().closeForcibly();
            return;
        }
        // Nothing may be read before the peer's loop has installed the session handlers: a peer that sends its OPEN
        // at once would otherwise have it read into an empty pipeline and dropped. Connection.adopt reads again.
        child.config().setAutoRead(false);
        peer.loop().register(child).addListener(f -> {
            if (f.isSuccess()) {
                peer.accept(child);
            } else {
                child.unsafe().closeForcibly();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // accept(2) failures (e.g. out of file descriptors) must not close the listening socket.
        LOG.log(Level.WARNING, "accepting a connection on " + ctx.channel().localAddress() + " failed: "
                + cause.getMessage());
    }
}
