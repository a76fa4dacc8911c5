package dev.corvid.fsm.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a session's pipeline: hands each frame from {@link BgpFrameDecoder} to its
 * {@link Connection}, and reports the end of the TCP connection. Once the connection has let go of the channel
 * (after a NOTIFICATION, while our FIN drains), whatever still arrives is read and dropped.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    private final Connection connection;

    SessionHandler(Connection connection) {
        this.connection = connection;
    }

    /** The pipeline of an outbound connection, installed when its channel is registered. */
    static final class Initializer extends ChannelInitializer<Channel> {
        private final Connection connection;

        Initializer(Connection connection) {
            this.connection = connection;
        }

        @Override
        protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new BgpFrameDecoder(connection::maxMessageLength), new SessionHandler(connection));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (connection.owns(ctx.channel())) connection.received((ByteBuf) msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection.owns(ctx.channel())) connection.tcpFailed("the peer closed the TCP connection");
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (connection.owns(ctx.channel())) connection.writable();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Channel ch = ctx.channel();
        if (connection.owns(ch)) connection.tcpFailed("TCP connection failed: " + cause.getMessage());
        ch.close();
    }
}
