package dev.corvid.fsm.transport;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.message.BgpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * DOC: the BGP speaker: the listening sockets and one {@link Peer} per configured peer or per connection
 * accepted through a {@link RangeSettings}. Its methods may be called from any thread; each hands the work to
 * the peer's event loop, where all of the peer's state lives.
 */
public final class BgpSpeaker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("corvid.session");
    /** How long {@link #close(String)} waits for NOTIFICATIONs to be delivered and connections to close. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    /** An unknown source address is logged at most this often. */
    private static final Duration UNKNOWN_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final int BGP_PORT = 179;
    /** RFC 4271 §10 ConnectRetryTime for peers accepted through a range (never used: they are passive). */
    private static final int RANGE_CONNECT_RETRY_SECONDS = 120;

    private final SpeakerSettings settings;
    private final SessionListener listener;
    private final InstantSource clock;
    private final Transport transport = new Transport();
    private final Map<InetAddress, Peer> peers = new ConcurrentHashMap<>();
    private final List<RangeSettings> ranges = new CopyOnWriteArrayList<>();
    private final List<ServerChannel> servers = new CopyOnWriteArrayList<>();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Instant> unknownLogged = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private BgpSpeaker(SpeakerSettings settings, SessionListener listener, InstantSource clock) {
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Binds the listen sockets.
     *
     * @throws IllegalStateException with a sentence naming the address, the port, the reason and what to do, when
     *                               a listen socket cannot be bound
     */
    public static BgpSpeaker start(SpeakerSettings settings, SessionListener listener) {
        BgpSpeaker speaker = new BgpSpeaker(settings, listener, InstantSource.system());
        Acceptor acceptor = new Acceptor(speaker.new Directory());
        try {
            for (InetSocketAddress address : settings.listen()) {
                speaker.servers.add(speaker.transport.listen(address, acceptor));
                LOG.log(Level.INFO, "listening on " + address.getAddress().getHostAddress() + " port "
                        + address.getPort());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            speaker.close("");
            throw new IllegalStateException("interrupted while binding the listen sockets", e);
        } catch (RuntimeException e) {
            speaker.close("");
            throw e;
        }
        return speaker;
    }

    /** Starts the session with {@code peer}: connecting to it, unless it is passive. */
    public void addPeer(PeerSettings peer) {
        checkOpen();
        transport.check(peer.address(), peer.md5Password(), peer.ttlSecurityHops());
        Peer p = new Peer(peer, false, transport.nextLoop(), new Context());
        Peer old = peers.put(peer.address(), p);
        if (old != null) old.loop().execute(old::remove);
        updateListenerKeys();
        p.loop().execute(p::start);
    }

    /** RFC 4486 Cease / Peer De-configured to the peer, then forgets it. */
    public void removePeer(InetAddress address) {
        Peer p = peers.remove(address);
        if (p == null) return;
        updateListenerKeys();
        p.loop().execute(p::remove);
    }

    /** Accepts sessions from any address inside {@code range.prefix()}; the longest matching prefix wins. */
    public void addRange(RangeSettings range) {
        checkOpen();
        if (range.md5Password().isPresent()) {
            throw new IllegalArgumentException("peer range " + range.prefix() + ": TCP-MD5 is not supported for"
                    + " ranges yet (the kernel key would have to cover the whole prefix); configure the peers of"
                    + " this range one by one with their password, or remove the password from the range");
        }
        transport.check(range.prefix().address(), range.md5Password(), range.ttlSecurityHops());
        ranges.add(range);
    }

    /** A consistent snapshot of every peer, each collected on its own event loop, sorted by address. */
    public CompletableFuture<List<PeerStatus>> status() {
        List<CompletableFuture<PeerStatus>> each = new ArrayList<>();
        for (Peer p : peers.values()) each.add(CompletableFuture.supplyAsync(p::status, p.loop()));
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(_ -> each.stream()
                .map(CompletableFuture::join).sorted(Comparator.comparing(PeerStatus::address, BgpSpeaker::compare))
                .toList());
    }

    /**
     * Sends {@code message} on the Established session with {@code peer}; dropped when there is none. While the
     * socket cannot take more, messages wait in order until it can.
     */
    public void send(InetAddress peer, BgpMessage message) {
        Peer p = peers.get(peer);
        if (p != null) p.loop().execute(() -> p.send(message));
    }

    /**
     * Sends UPDATEs already encoded for the session's wire context to {@code peer}: {@code chunks} hold
     * {@code updates} whole messages back to back, in order. The speaker owns the buffers from now on and releases
     * them when there is no Established session. This lets the routing side encode an UPDATE once for every peer
     * of an update group and hand each a slice.
     */
    public void sendEncoded(InetAddress peer, List<ByteBuf> chunks, int updates) {
        Peer p = peers.get(peer);
        if (p == null) {
            chunks.forEach(ByteBuf::release);
            return;
        }
        p.loop().execute(() -> p.sendEncoded(chunks, updates));
    }

    /**
     * Ends the session with {@code peer} by Cease with {@code ceaseSubcode} and {@code data} (RFC 4271 Event 8
     * AutomaticStop, e.g. RFC 4486 Maximum Number of Prefixes Reached); it comes back after the idle hold time.
     * {@code reason} is the sentence {@code show neighbors} gives as the last error.
     */
    public void automaticStop(InetAddress peer, int ceaseSubcode, Bytes data, String reason) {
        Peer p = peers.get(peer);
        if (p != null) p.loop().execute(() -> p.automaticStop(ceaseSubcode, data, reason));
    }

    /** Reads from {@code peer}'s socket again after {@link SessionListener#update} asked to stop. */
    public void resumeReading(InetAddress peer) {
        Peer p = peers.get(peer);
        if (p != null) p.loop().execute(() -> p.readPaused(false));
    }

    /**
     * Closes every session and the listening sockets. A session on which both sides announced Graceful Restart is
     * closed without a NOTIFICATION (RFC 4724 §4.2: the peer keeps our routes and goes on forwarding while we
     * restart); every other peer with a session gets RFC 8203 Cease / Administrative Shutdown with
     * {@code shutdownText}. Returns when done, after at most about two seconds, the addresses of the peers left
     * gracefully (those that answered in time).
     */
    public List<InetAddress> close(String shutdownText) {
        if (closed) return List.of();
        closed = true;
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        List<InetAddress> graceful = new CopyOnWriteArrayList<>();
        for (Peer p : peers.values()) {
            stopped.add(CompletableFuture.runAsync(() -> {
                if (p.shutdown(shutdownText)) graceful.add(p.address());
            }, p.loop()));
        }
        peers.clear();
        servers.forEach(ServerChannel::close);
        try {
            CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new))
                    .get(remaining(deadline), TimeUnit.NANOSECONDS);
            for (Channel ch : List.copyOf(channels)) {
                if (!ch.closeFuture().await(remaining(deadline), TimeUnit.NANOSECONDS)) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing the sessions did not finish in time: " + e.getMessage());
        }
        transport.shutdown();
        return graceful.stream().sorted(BgpSpeaker::compare).toList();
    }

    @Override
    public void close() {
        close("corvid shutting down");
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("this BGP speaker is closed");
    }

    /** RFC 2385: the listening sockets accept a signed SYN only from an address with a key. */
    private void updateListenerKeys() {
        Map<InetAddress, byte[]> keys = new HashMap<>();
        for (Peer p : peers.values()) {
            p.settings().md5Password().ifPresent(k -> keys.put(p.address(), Transport.md5Key(k)));
        }
        for (ServerChannel server : servers) transport.setListenerKeys(server, keys);
    }

    private Optional<RangeSettings> rangeFor(InetAddress address) {
        RangeSettings best = null;
        for (RangeSettings r : ranges) {
            if (r.prefix().contains(address) && (best == null || r.prefix().length() > best.prefix().length())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int compare(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }

    /** What the acceptor asks the speaker. */
    private final class Directory implements Acceptor.Directory {
        @Override
        public Optional<Peer> peerFor(InetAddress remote) {
            if (closed) return Optional.empty();
            Peer configured = peers.get(remote);
            if (configured != null) return Optional.of(configured);
            Optional<RangeSettings> range = rangeFor(remote);
            return range.map(r -> peers.computeIfAbsent(remote, a -> new Peer(new PeerSettings(a, BGP_PORT,
                    r.peerAs(), Optional.empty(), true, r.holdTime(), RANGE_CONNECT_RETRY_SECONDS, r.md5Password(),
                    r.ttlSecurityHops(), r.families(), r.addPathReceive(), r.addPathSend(), r.role(),
                    r.gracefulRestart()), true,
                    transport.nextLoop(), new Context())));
        }

        @Override
        public void unknown(InetAddress remote, InetSocketAddress local) {
            Instant now = clock.instant();
            Instant last = unknownLogged.get(remote);
            if (last != null && last.plus(UNKNOWN_LOG_INTERVAL).isAfter(now)) return;
            if (unknownLogged.size() > 10_000) unknownLogged.clear();
            unknownLogged.put(remote, now);
            LOG.log(Level.WARNING, "closed a connection from " + remote.getHostAddress() + " to "
                    + local.getAddress().getHostAddress() + " port " + local.getPort() + ": the address is not a"
                    + " configured peer and in no peer range (logged at most once a minute per address)");
        }

        @Override
        public void configure(Channel child, Peer peer) {
            transport.configureAccepted(child, peer.address(), peer.settings().ttlSecurityHops());
        }
    }

    /** What a peer asks the speaker. */
    private final class Context implements Peer.Speaker {
        @Override
        public long localAs() {
            return settings.localAs();
        }

        @Override
        public Inet4Address routerId() {
            return settings.routerId();
        }

        @Override
        public SessionListener listener() {
            return listener;
        }

        @Override
        public InstantSource clock() {
            return clock;
        }

        @Override
        public RandomGenerator newRandom() {
            return new SplittableRandom(ThreadLocalRandom.current().nextLong());
        }

        @Override
        public ChannelFuture connect(EventLoop loop, PeerSettings peer, ChannelHandler handler) {
            return transport.connect(loop, peer, handler);
        }

        @Override
        public void track(Channel ch) {
            channels.add(ch);
            ch.closeFuture().addListener(_ -> channels.remove(ch));
        }

        @Override
        public void forget(Peer peer) {
            peers.remove(peer.address(), peer);
        }
    }
}
