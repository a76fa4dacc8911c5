package dev.corvid.fsm.transport;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Severity;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.fsm.CollisionDetection;
import dev.corvid.fsm.CollisionDetection.Direction;
import dev.corvid.fsm.CollisionDetection.Resolution;
import dev.corvid.fsm.Event;
import dev.corvid.fsm.PeerOscillationDamping;
import dev.corvid.fsm.SessionConfig;
import dev.corvid.fsm.SessionState;
import dev.corvid.fsm.open.Negotiated;
import dev.corvid.fsm.open.OpenCheck;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * DOC: one peer, confined to the event loop it is pinned to: its connection (two while an RFC 4271 §6.8
 * collision is being resolved), the counters and the last error that {@code show neighbors} reports, and the
 * calls to the {@link SessionListener}. Every method runs on {@link #loop()}.
 */
final class Peer {
    /** RFC 4486 §4 Cease subcode "Peer De-configured". */
    static final int PEER_DE_CONFIGURED = 3;
    /** RFC 4486 §4 Cease subcode "Connection Collision Resolution". */
    static final int CONNECTION_COLLISION_RESOLUTION = 7;

    private final PeerSettings settings;
    private final boolean dynamic;
    private final EventLoop loop;
    private final Speaker speaker;
    private final PeerLog log;
    private final Open localOpen;
    private final SessionConfig sessionConfig;
    private final CollisionDetection collisionDetection;

    private Connection primary;
    private Connection secondary;
    private boolean started;
    private boolean removed;

    private SessionState shownState = SessionState.IDLE;
    /** In Idle because a connection failed before any OPEN (not after a session's error): inbound is welcome. */
    private boolean idleAfterConnectFailure;
    private Instant stateSince;
    private Optional<Instant> establishedSince = Optional.empty();
    private Optional<String> lastError = Optional.empty();
    private boolean lastErrorIsConnectFailure;
    private long messagesReceived;
    private long messagesSent;
    private long updatesReceived;
    private long updatesSent;
    private int establishedTransitions;
    private int negotiatedHoldTime;
    private Optional<Open> peerOpen = Optional.empty();
    private final Map<Severity, Long> updateErrors = new EnumMap<>(Severity.class);
    private final Map<PeerStatus.NotificationCode, Long> notificationsSent = new HashMap<>();
    private final Map<PeerStatus.NotificationCode, Long> notificationsReceived = new HashMap<>();

    /** What a peer needs from the speaker that owns it. */
    interface Speaker {
        long localAs();

        Inet4Address routerId();

        SessionListener listener();

        InstantSource clock();

        RandomGenerator newRandom();

        ChannelFuture connect(EventLoop loop, PeerSettings peer, ChannelHandler handler);

        /** Remembers a channel so that closing the speaker can wait for it. */
        void track(Channel ch);

        /** A dynamic peer whose session ended: the speaker forgets it. */
        void forget(Peer peer);
    }

    Peer(PeerSettings settings, boolean dynamic, EventLoop loop, Speaker speaker) {
        this.settings = settings;
        this.dynamic = dynamic;
        this.loop = loop;
        this.speaker = speaker;
        this.log = new PeerLog(settings.address(), settings.peerAs());
        this.localOpen = LocalOpen.of(speaker.localAs(), speaker.routerId(), settings);
        // RFC 4271 §8.1.1 DampPeerOscillations: the IdleHoldTime grows up to the ConnectRetryTime, so a peer that
        // comes back is tried again within ConnectRetry.
        Duration connectRetry = Duration.ofSeconds(Math.max(1, settings.connectRetrySeconds()));
        Duration initial = Duration.ofSeconds(1);
        this.sessionConfig = new SessionConfig(connectRetry, Duration.ZERO, true,
                new PeerOscillationDamping(initial, connectRetry.compareTo(initial) > 0 ? connectRetry : initial,
                        Duration.ofMinutes(5)));
        this.collisionDetection = new CollisionDetection(speaker.routerId(), speaker.localAs());
        this.stateSince = speaker.clock().instant();
        this.primary = newConnection();
    }

    private Connection newConnection() {
        return Connection.create(this, sessionConfig, new OpenCheck(localOpen, settings.peerAs()), speaker.clock(),
                speaker.newRandom());
    }

    EventLoop loop() {
        return loop;
    }

    InetAddress address() {
        return settings.address();
    }

    PeerSettings settings() {
        return settings;
    }

    Open localOpen() {
        return localOpen;
    }

    /** RFC 4271 §8.1.2: ManualStart, or ManualStart_with_PassiveTcpEstablishment for a passive peer. */
    void start() {
        if (started) return;
        started = true;
        log.info("configured (" + settings.role() + (settings.passive() ? ", passive" : "") + ")");
        primary.fire(settings.passive() ? new Event.ManualStartWithPassiveTcpEstablishment() : new Event.ManualStart());
    }

    /** An accepted connection from this peer's address, registered on {@link #loop()}. */
    void accept(Channel ch) {
        assert loop.inEventLoop();
        if (removed) {
            ch.close();
            return;
        }
        start();
        switch (primary.state()) {
            case IDLE -> {
                if (idleAfterConnectFailure) {
                    // The peer reaches us while we wait to try again after our own connection attempt failed (it
                    // was not listening yet, say): the session starts now with its connection, as BIRD and FRR do,
                    // instead of the peer finding us in Idle again and again while the back-off grows to the
                    // ConnectRetryTime.
                    log.info("accepted a connection during the back-off after a failed connection attempt");
                    primary.fire(settings.passive() ? new Event.ManualStartWithPassiveTcpEstablishment()
                            : new Event.ManualStart());
                    primary.adopt(ch, Direction.INBOUND);
                } else {
                    // RFC 4271 §8.2.2 Idle: "the BGP FSM refuses all incoming BGP connections for this peer" —
                    // after a session ended with an error, the back-off (DampPeerOscillations) holds.
                    log.debug("refused a connection while Idle (back-off)");
                    ch.close();
                }
            }
            case CONNECT, ACTIVE -> primary.adopt(ch, Direction.INBOUND);
            case OPEN_SENT, OPEN_CONFIRM, ESTABLISHED -> {
                // RFC 4271 §6.8: the second connection runs its own FSM until the peer's OPEN on one of them
                // lets collision detection choose. A third connection replaces an unresolved second one.
                if (secondary != null) secondary.discard();
                secondary = newConnection();
                secondary.fire(new Event.ManualStartWithPassiveTcpEstablishment());
                secondary.adopt(ch, Direction.INBOUND);
            }
        }
    }

    ChannelFuture connect(ChannelHandler handler) {
        return speaker.connect(loop, settings, handler);
    }

    void track(Channel ch) {
        speaker.track(ch);
    }

    /**
     * RFC 4271 §6.8, when {@code c} has just received the peer's OPEN and another connection to the peer exists:
     * the loser is sent Cease / Connection Collision Resolution and forgotten. Returns whether {@code c} goes on.
     */
    boolean resolveCollision(Connection c, Open open) {
        Connection other = c == primary ? secondary : primary;
        if (other == null) return true;
        boolean gracefulRestart = other.state() == SessionState.ESTABLISHED
                && other.session().negotiated().map(this::gracefulRestart).orElse(false);
        Resolution resolution = collisionDetection.resolve(c.direction(),
                new CollisionDetection.Connection(other.direction(), other.state(), gracefulRestart),
                open.bgpIdentifier(), open.asn());
        switch (resolution) {
            case NONE -> {
                return true;
            }
            case PEER_RESTARTED -> {
                // RFC 4724 §4.2: the old session ends as if its TCP connection had failed — graceful, its routes
                // kept as stale — and the new connection becomes the peer's (stateChanged promotes it).
                String why = "the peer connected again while its session was Established, so it restarted (RFC 4724"
                        + " §4.2): the old connection was closed and its routes are kept as stale until it is back";
                error(why);
                other.peerRestarted(why);
                return true;
            }
            case DUMP_THIS -> {
                dump(c, other);
                return false;
            }
            case DUMP_OTHER -> {
                dump(other, c);
                return true;
            }
        }
        throw new AssertionError(resolution);
    }

    private void dump(Connection loser, Connection winner) {
        log.info("connection collision: keeping the " + winner.direction().name().toLowerCase() + " connection ("
                + winner.state() + "), closing the " + loser.direction().name().toLowerCase() + " one");
        loser.fire(new Event.OpenCollisionDump(), "connection collision resolution (RFC 4271 §6.8)");
        forget(loser);
    }

    /** Drops {@code c} for good; if it was the peer's connection, the collision survivor takes its place. */
    private void forget(Connection c) {
        c.discard();
        if (c == secondary) {
            secondary = null;
        } else if (c == primary && secondary != null) {
            primary = secondary;
            secondary = null;
            primary.promote(settings.passive());
            showState(primary.state());
        }
    }

    void stateChanged(Connection c, SessionState from, SessionState to) {
        String which = c == primary ? "" : " (colliding " + c.direction().name().toLowerCase() + " connection)";
        log.info(from + " -> " + to + which);
        if (c != primary) return;
        // A connection that fell back while a colliding one is still going: the other one carries on.
        if (secondary != null && (to == SessionState.IDLE || to == SessionState.CONNECT || to == SessionState.ACTIVE)) {
            forget(primary);
            return;
        }
        showState(to);
        idleAfterConnectFailure = to == SessionState.IDLE && (from == SessionState.CONNECT || from == SessionState.ACTIVE);
        if (to == SessionState.IDLE && dynamic && !removed) {
            removed = true;
            primary.discard();
            speaker.forget(this);
            log.info("forgotten (dynamic peer without a session)");
        }
    }

    private void showState(SessionState state) {
        if (state != shownState) {
            shownState = state;
            stateSince = speaker.clock().instant();
        }
    }

    void established(Channel channel, Negotiated negotiated) {
        establishedTransitions++;
        negotiatedHoldTime = negotiated.holdTime();
        establishedSince = Optional.of(speaker.clock().instant());
        log.info("established: hold time " + negotiated.holdTime() + " s, families " + negotiated.families());
        // An embedded test channel has no socket address; our router id is then the best we know.
        InetAddress local = channel.localAddress() instanceof InetSocketAddress a ? a.getAddress() : speaker.routerId();
        speaker.listener().established(settings.address(), local, negotiated);
    }

    /** {@code graceful}: RFC 4724 §4.2, the peer is restarting; its routes are kept as stale. */
    void down(String reason, boolean graceful) {
        establishedSince = Optional.empty();
        negotiatedHoldTime = 0;
        log.info("session down: " + reason + (graceful
                ? " (graceful restart, RFC 4724 §4.2: its routes are kept as stale until it is back)" : ""));
        speaker.listener().down(settings.address(), reason, graceful);
    }

    /** RFC 4724: we announced Graceful Restart to the peer, and its OPEN of the session {@code n} did too. */
    boolean gracefulRestart(Negotiated n) {
        return settings.gracefulRestart() && n.peerGracefulRestart().isPresent();
    }

    void deliver(Update update, List<AttributeError> errors) {
        for (AttributeError e : errors) {
            updateErrors.merge(e.action(), 1L, Long::sum);
            log.warning("UPDATE error (" + e.action().label() + "): " + e.reason());
        }
        if (!speaker.listener().update(settings.address(), update, errors)) readPaused(true);
    }

    void deliver(RouteRefresh routeRefresh) {
        speaker.listener().routeRefresh(settings.address(), routeRefresh);
    }

    void openReceived(Open open) {
        peerOpen = Optional.of(open);
    }

    /** RFC 7606 §2 "session reset": a malformed UPDATE is about to end the session. */
    void malformedUpdate() {
        updateErrors.merge(Severity.SESSION_RESET, 1L, Long::sum);
    }

    void notificationReceived(Notification n) {
        notificationsReceived.merge(new PeerStatus.NotificationCode(n.code(), n.subcode()), 1L, Long::sum);
        error("received NOTIFICATION " + n.description()
                + n.shutdownCommunication().map(text -> ": \"" + text + "\"").orElse(""));
    }

    void notificationSent(Notification n, String reason) {
        notificationsSent.merge(new PeerStatus.NotificationCode(n.code(), n.subcode()), 1L, Long::sum);
        // RFC 4271 §6.8: closing the losing connection of a collision is routine, not an error.
        if (n.code() == Notification.CEASE && n.subcode() == CONNECTION_COLLISION_RESOLUTION) {
            log.info("sent NOTIFICATION " + n.description() + " on the losing connection");
            return;
        }
        error("sent NOTIFICATION " + n.description() + (reason == null ? "" : ": " + reason));
    }

    void connectFailed(Throwable cause) {
        String sentence = "cannot connect to " + settings.address().getHostAddress() + " port " + settings.port() + ": "
                + connectError(cause);
        // The NOTIFICATION that ended a session says why it went down; the refused reconnects that follow must not
        // hide it, and a peer that keeps refusing is reported once, not on every ConnectRetry.
        if (lastError.isPresent() && (!lastErrorIsConnectFailure || lastError.get().equals(sentence))) {
            log.debug(sentence);
            return;
        }
        error(sentence);
        lastErrorIsConnectFailure = true;
    }

    /**
     * The TCP connection of {@code c} ended without a NOTIFICATION. Only the loss of a session is an error worth
     * showing: before Established the peer may just be refusing us during its own back-off.
     */
    void tcpFailed(Connection c, String why) {
        if (c == primary && c.state() == SessionState.ESTABLISHED) {
            error(why);
        } else {
            log.debug(why + " in " + c.state());
        }
    }

    /** The reason a connect failed, in words rather than the native layer's ("finishConnect(..) failed ..."). */
    private String connectError(Throwable cause) {
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return "no answer within " + Math.max(1, settings.connectRetrySeconds()) + " s";
        }
        String m = cause == null || cause.getMessage() == null ? "unknown error" : cause.getMessage();
        for (String known : new String[] {"Connection refused", "No route to host", "Network is unreachable",
                "Cannot assign requested address", "Permission denied"}) {
            if (m.contains(known)) return known.toLowerCase(java.util.Locale.ROOT);
        }
        return m;
    }

    private void error(String sentence) {
        lastError = Optional.of(sentence);
        lastErrorIsConnectFailure = false;
        log.warning(sentence);
    }

    void countReceived(BgpMessage message) {
        messagesReceived++;
        if (message instanceof Update) updatesReceived++;
    }

    void countSent(BgpMessage message) {
        messagesSent++;
        if (message instanceof Update) updatesSent++;
    }

    void countSentUpdates(int updates) {
        messagesSent += updates;
        updatesSent += updates;
    }

    /** A message from the routing side; false when the session is not Established. */
    boolean send(BgpMessage message) {
        return primary.send(message);
    }

    /** Encoded UPDATEs from the routing side (owned from now on); false when the session is not Established. */
    boolean sendEncoded(List<ByteBuf> chunks, int updates) {
        return primary.sendEncoded(chunks, updates);
    }

    /** Flow control: stops (or resumes) reading from the peer's socket while routing catches up. */
    void readPaused(boolean paused) {
        Channel ch = primary.channel();
        if (ch != null) ch.config().setAutoRead(!paused);
    }

    /**
     * RFC 4486 §4 Cease / Peer De-configured to the peer, then nothing more: the peer was removed from the
     * configuration.
     */
    void remove() {
        removed = true;
        for (Connection c : connections()) {
            c.fire(new Event.AutomaticStop(PEER_DE_CONFIGURED, Bytes.EMPTY),
                    "the peer was removed from the configuration");
            c.discard();
        }
        log.info("removed");
    }

    /**
     * RFC 4271 §8.1.1 Event 8 AutomaticStop: Cease with {@code ceaseSubcode} and {@code data} to the peer (e.g. RFC
     * 4486 §4 Maximum Number of Prefixes Reached); the session restarts after the IdleHoldTimer, as after an error.
     */
    void automaticStop(int ceaseSubcode, Bytes data, String reason) {
        for (Connection c : connections()) c.fire(new Event.AutomaticStop(ceaseSubcode, data), reason);
    }

    /**
     * RFC 4271 §8.1.2 ManualStop, then nothing more: RFC 8203 Cease / Administrative Shutdown with {@code text} —
     * except for an Established session on which both sides announced Graceful Restart, which is just closed (RFC
     * 4724 §4.2: the peer then keeps our routes as stale and goes on forwarding along them until we are back or
     * our Restart Time has passed). Returns whether the session was left that way.
     */
    boolean shutdown(String text) {
        removed = true;
        boolean graceful = primary.state() == SessionState.ESTABLISHED
                && primary.session().negotiated().map(this::gracefulRestart).orElse(false);
        if (graceful) {
            log.info("closing the session without a NOTIFICATION (graceful restart, RFC 4724 §4.2): the peer keeps"
                    + " our routes for up to " + LocalOpen.RESTART_TIME + " s");
        }
        for (Connection c : connections()) {
            if (!graceful || c != primary) {
                c.fire(new Event.ManualStop(text), text.isEmpty() ? null : "\"" + text + "\"");
            }
            c.discard();
        }
        return graceful;
    }

    private List<Connection> connections() {
        return secondary == null ? List.of(primary) : List.of(primary, secondary);
    }

    PeerStatus status() {
        return new PeerStatus(settings.address(), settings.peerAs(), settings.role(), dynamic, shownState, stateSince,
                establishedSince, lastError, messagesReceived, messagesSent, updatesReceived, updatesSent,
                establishedTransitions, negotiatedHoldTime, peerOpen,
                new PeerStatus.ErrorCounts(updateErrors, notificationsSent, notificationsReceived),
                settings.gracefulRestart());
    }
}
