package dev.corvid.fsm.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import java.net.Inet4Address;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The speaker side of a {@link Peer} driven through an {@code EmbeddedChannel}: AS {@link #LOCAL_AS}, router id
 * 192.0.2.1, a fixed clock and random seed, and the {@code listener} the test records with. Its peers are passive:
 * it never connects out.
 */
final class StubSpeaker implements Peer.Speaker {
    static final long LOCAL_AS = 64512;

    private final SessionListener listener;

    StubSpeaker(SessionListener listener) {
        this.listener = listener;
    }

    @Override
    public long localAs() {
        return LOCAL_AS;
    }

    @Override
    public Inet4Address routerId() {
        return (Inet4Address) Loopback.address("192.0.2.1");
    }

    @Override
    public SessionListener listener() {
        return listener;
    }

    @Override
    public InstantSource clock() {
        return InstantSource.fixed(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Override
    public RandomGenerator newRandom() {
        return new SplittableRandom(7);
    }

    @Override
    public ChannelFuture connect(EventLoop l, PeerSettings p, ChannelHandler handler) {
        throw new AssertionError("a passive peer never connects");
    }

    @Override
    public void track(Channel ch) {}

    @Override
    public void forget(Peer p) {}
}
