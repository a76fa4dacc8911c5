package dev.corvid.fsm.transport;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.Keepalive;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.fsm.Action;
import dev.corvid.fsm.CollisionDetection.Direction;
import dev.corvid.fsm.Event;
import dev.corvid.fsm.Session;
import dev.corvid.fsm.SessionFsm;
import dev.corvid.fsm.SessionState;
import dev.corvid.fsm.Timer;
import dev.corvid.fsm.Transition;
import dev.corvid.fsm.SessionConfig;
import dev.corvid.fsm.open.Negotiated;
import dev.corvid.fsm.open.OpenCheck;
import dev.corvid.fsm.open.OpenVerdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * DOC: one instance of the RFC 4271 §8 state machine and the TCP connection it drives, on the peer's event loop.
 * It feeds the {@link SessionFsm} the events the socket, the codec and the timers produce, and carries out the
 * actions it answers with: connecting, writing OPEN / KEEPALIVE / NOTIFICATION, running timers
 * ({@code EventLoop.schedule}), closing. A peer normally has one; a second exists while an inbound connection
 * collides with the first (RFC 4271 §6.8), until {@link Peer} resolves the collision.
 */
final class Connection {
    /** How long input is drained after a NOTIFICATION and our FIN, so the peer reads it before a RST. */
    private static final Duration DRAIN = Duration.ofMillis(500);

    private final Peer peer;
    private SessionFsm fsm;
    private Session session = Session.IDLE;
    private final Map<Timer, ScheduledFuture<?>> timers = new EnumMap<>(Timer.class);
    private final ArrayDeque<Pending> events = new ArrayDeque<>();
    private boolean firing;
    private boolean discarded;

    private Channel channel;
    private Direction direction = Direction.OUTBOUND;
    private WireContext wire = WireContext.DEFAULT;
    /** The RFC 7606 findings of the UPDATE being delivered. */
    private List<AttributeError> updateErrors = List.of();
    /** Why the NOTIFICATION the FSM is about to send is sent (for the log and lastError). */
    private String errorReason;
    /** Encoded messages from the routing side, held back while the channel is not writable. */
    private final ArrayDeque<ByteBuf> backlog = new ArrayDeque<>();
    /** What the current (or last) Established session negotiated; null before the first. */
    private Negotiated negotiated;
    /**
     * A NOTIFICATION was sent or received since the session reached Established: its end is then not a graceful
     * restart (RFC 4724 §4.2 covers the termination of the TCP session only).
     */
    private boolean notified;
    /** Why the session is ending, when it is more than the FSM's words for its event ("TCP connection failed"). */
    private String downReason;

    private Connection(Peer peer) {
        this.peer = peer;
    }

    /**
     * A connection in Idle whose FSM checks the peer's OPEN with {@code openCheck} (RFC 4271 §6.2) and keeps the
     * reason of a rejection for the NOTIFICATION it sends.
     */
    static Connection create(Peer peer, SessionConfig config, OpenCheck openCheck, InstantSource clock,
                             RandomGenerator random) {
        Connection c = new Connection(peer);
        c.fsm = new SessionFsm(config, open -> {
            OpenVerdict verdict = openCheck.check(open);
            if (verdict instanceof OpenVerdict.Rejected r) c.errorReason = r.reason();
            return verdict;
        }, clock, random);
        return c;
    }

    SessionState state() {
        return session.state();
    }

    Direction direction() {
        return direction;
    }

    Session session() {
        return session;
    }

    int maxMessageLength() {
        return wire.maxMessageLength();
    }

    /** The connection's channel, or null while there is none. */
    Channel channel() {
        return channel;
    }

    boolean owns(Channel ch) {
        return !discarded && ch == channel;
    }

    /** An event waiting for the FSM, with the reason for a NOTIFICATION it may make the FSM send. */
    private record Pending(Event event, String reason) {}

    /** Feeds one event to the FSM and carries out what it answers; events raised meanwhile queue up. */
    void fire(Event event) {
        fire(event, null);
    }

    /** As {@link #fire(Event)}; {@code reason} says why a NOTIFICATION this event leads to is sent. */
    void fire(Event event, String reason) {
        assert peer.loop().inEventLoop() : "peer state touched outside its event loop";
        if (discarded) return;
        events.add(new Pending(event, reason));
        if (firing) return;
        firing = true;
        try {
            Pending next;
            while ((next = events.poll()) != null && !discarded) {
                errorReason = next.reason();
                SessionState before = session.state();
                Transition t = fsm.next(session, next.event());
                session = t.session();
                for (Action a : t.actions()) execute(a);
                if (before != session.state()) peer.stateChanged(this, before, session.state());
            }
        } finally {
            firing = false;
            errorReason = null;
        }
    }

    /** Stops everything without telling the FSM: the peer dropped this connection (collision, removal). */
    void discard() {
        discarded = true;
        timers.values().forEach(f -> f.cancel(false));
        timers.clear();
        events.clear();
        if (channel != null) drop();
    }

    /** A collision survivor takes the place of the peer's connection and restarts the way the peer does. */
    void promote(boolean passive) {
        session = session.withPassive(passive);
    }

    // The socket side

    /** Takes over {@code ch}, which is connected and registered on the peer's loop. */
    void adopt(Channel ch, Direction from) {
        if (channel != null) drop(); // an outbound attempt still in progress loses to the peer's connection
        channel = ch;
        direction = from;
        peer.track(ch);
        ch.pipeline().addLast(new BgpFrameDecoder(this::maxMessageLength), new SessionHandler(this));
        fire(from == Direction.INBOUND ? new Event.TcpConnectionConfirmed() : new Event.TcpCrAcked());
        ch.config().setAutoRead(true); // the Acceptor held reading back until the handlers were in place
    }

    private void connect() {
        if (channel != null) drop();
        direction = Direction.OUTBOUND;
        ChannelFuture f = peer.connect(new SessionHandler.Initializer(this));
        channel = f.channel();
        peer.track(channel);
        f.addListener(done -> {
            if (!owns(f.channel())) return;
            if (done.isSuccess()) {
                fire(new Event.TcpCrAcked());
            } else {
                channel = null;
                peer.connectFailed(done.cause());
                fire(new Event.TcpConnectionFails());
            }
        });
    }

    /** One framed message from the channel; {@code frame} is released by the caller. */
    void received(ByteBuf frame) {
        DecodeResult result = MessageCodec.decode(frame, wire);
        switch (result) {
            case DecodeResult.Malformed m -> {
                peer.countReceived(null);
                Notification n = m.notification();
                if (n.code() == Notification.UPDATE_MESSAGE_ERROR) peer.malformedUpdate();
                fire(new Event.MessageError(n.code(), n.subcode(), n.data()), m.reason());
            }
            case DecodeResult.Decoded d -> {
                peer.countReceived(d.message());
                switch (d.message()) {
                    case Open open -> {
                        if (peer.resolveCollision(this, open)) {
                            peer.openReceived(open);
                            fire(new Event.OpenReceived(open));
                        }
                    }
                    case Update update -> {
                        updateErrors = d.errors();
                        fire(new Event.UpdateReceived(update));
                        updateErrors = List.of();
                    }
                    case Notification n -> {
                        notified = true;
                        peer.notificationReceived(n);
                        fire(new Event.NotificationReceived(n));
                    }
                    case Keepalive _ -> fire(new Event.KeepaliveReceived());
                    case RouteRefresh rr -> fire(new Event.RouteRefreshReceived(rr));
                }
            }
        }
    }

    /**
     * RFC 4724 §4.2: the peer opened a new connection while this session is Established, so it restarted and this
     * TCP connection is dead on its side. It is closed without a NOTIFICATION, and the FSM sees it fail (Event 18):
     * the session ends the way a lost connection ends it, as a graceful restart. {@code why} is the reason given.
     */
    void peerRestarted(String why) {
        Channel ch = channel;
        channel = null;
        if (ch != null) ch.close();
        downReason = why;
        fire(new Event.TcpConnectionFails());
        downReason = null;
    }

    /** The connection closed or failed under us. */
    void tcpFailed(String why) {
        channel = null;
        peer.tcpFailed(this, why);
        fire(new Event.TcpConnectionFails());
    }

    void writable() {
        if (channel == null || backlog.isEmpty()) return;
        while (channel.isWritable() && !backlog.isEmpty()) channel.write(backlog.poll(), channel.voidPromise());
        channel.flush();
    }

    /** A message from the routing side; held back while the socket cannot take more. */
    boolean send(BgpMessage message) {
        if (channel == null || session.state() != SessionState.ESTABLISHED) return false;
        ByteBuf buf = MessageCodec.encode(message, wire, channel.alloc());
        peer.countSent(message);
        queue(buf);
        channel.flush();
        return true;
    }

    /**
     * UPDATEs the routing side encoded for this session's {@link WireContext}: {@code chunks} hold {@code updates}
     * whole messages back to back; written in order with one flush. Takes ownership of the buffers; false (and
     * released) when not Established.
     */
    boolean sendEncoded(List<ByteBuf> chunks, int updates) {
        if (channel == null || session.state() != SessionState.ESTABLISHED) {
            chunks.forEach(ByteBuf::release);
            return false;
        }
        peer.countSentUpdates(updates);
        for (ByteBuf buf : chunks) queue(buf);
        channel.flush();
        return true;
    }

    private void queue(ByteBuf buf) {
        if (!backlog.isEmpty() || !channel.isWritable()) backlog.add(buf);
        else channel.write(buf, channel.voidPromise());
    }

    // The FSM's actions

    private void execute(Action action) {
        switch (action) {
            case Action.ConnectTcp _ -> connect();
            case Action.DropTcp _ -> drop();
            case Action.SendOpen _ -> write(peer.localOpen());
            case Action.SendKeepalive _ -> write(Keepalive.INSTANCE);
            case Action.SendNotification n -> {
                Notification notification = new Notification(n.code(), n.subcode(), n.data());
                notified = true;
                peer.notificationSent(notification, errorReason);
                write(notification);
            }
            case Action.StartTimer t -> startTimer(t.timer(), t.duration());
            case Action.StopTimer t -> {
                ScheduledFuture<?> f = timers.remove(t.timer());
                if (f != null) f.cancel(false);
            }
            case Action.DeliverUpdate u -> peer.deliver(u.update(), updateErrors);
            case Action.DeliverRouteRefresh r -> peer.deliver(r.routeRefresh());
            case Action.SessionEstablished e -> {
                Negotiated n = e.negotiated();
                negotiated = n;
                notified = false;
                wire = n.wireContext();
                peer.established(channel, n);
            }
            // RFC 4724 §4.2: the session ended without a NOTIFICATION (the TCP connection closed or failed) and both
            // sides announced Graceful Restart. A hold timer expiry sends one (Hold Timer Expired), so it is not
            // graceful: without RFC 8538's N bit, which corvid does not announce, a NOTIFICATION ends the restart.
            case Action.SessionDown d -> peer.down(downReason != null ? downReason : d.reason(),
                    !notified && peer.gracefulRestart(negotiated));
        }
    }

    private void write(BgpMessage message) {
        if (channel == null || !channel.isActive()) return;
        ByteBuf buf = MessageCodec.encode(message, wire, channel.alloc());
        channel.writeAndFlush(buf, channel.voidPromise());
        peer.countSent(message);
    }

    private void startTimer(Timer timer, Duration duration) {
        ScheduledFuture<?> old = timers.remove(timer);
        if (old != null) old.cancel(false);
        Event expiry = switch (timer) {
            case CONNECT_RETRY -> new Event.ConnectRetryTimerExpires();
            case HOLD -> new Event.HoldTimerExpires();
            case KEEPALIVE -> new Event.KeepaliveTimerExpires();
            case DELAY_OPEN -> new Event.DelayOpenTimerExpires();
            case IDLE_HOLD -> new Event.IdleHoldTimerExpires();
        };
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = peer.loop().schedule(() -> {
            if (timers.get(timer) != self[0]) return;
            timers.remove(timer);
            fire(expiry, timer == Timer.HOLD
                    ? "hold timer expired: nothing received for " + duration.toSeconds() + " s" : null);
        }, duration.toMillis(), TimeUnit.MILLISECONDS);
        timers.put(timer, self[0]);
    }

    /**
     * RFC 4271 §4.5: "the BGP connection is closed immediately after it is sent" — but a close with unread input
     * makes the kernel send a RST, which may destroy the NOTIFICATION before the peer reads it. So: flush, send
     * our FIN, drain what the peer still sends for a moment, then close.
     */
    private void drop() {
        Channel ch = channel;
        channel = null;
        wire = WireContext.DEFAULT;
        backlog.forEach(ByteBuf::release);
        backlog.clear();
        if (ch == null) return;
        if (!ch.isActive() || !(ch instanceof DuplexChannel duplex)) {
            ch.close();
            return;
        }
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(_ -> {
            if (!ch.isActive()) return;
            duplex.shutdownOutput().addListener(_ -> ch.eventLoop().schedule(() -> ch.close(),
                    DRAIN.toMillis(), TimeUnit.MILLISECONDS));
        });
    }
}
