package dev.corvid.bench.session;

import dev.corvid.codec.Family;
import dev.corvid.codec.Severity;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.Keepalive;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import dev.corvid.codec.message.RouteRefresh;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Nlri;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One BGP session of the load client: sends its OPEN, answers the target's OPEN with a KEEPALIVE, is Established at
 * the first KEEPALIVE after that (RFC 4271 §8.2.2, OpenConfirm), then exchanges KEEPALIVEs. An idle session never
 * sends an UPDATE and ignores the ones it receives (End-of-RIB markers, for instance); a session of a Calico-shaped
 * load ({@link PodBlocks}) announces its pod block once Established and keeps count of the other sessions' blocks
 * it receives ({@link ReceivedBlocks}).
 *
 * <p>Confined to the fleet's event loop; timers are driven by {@link SessionFleet}'s once-a-second sweep
 * ({@link #tick}) rather than one scheduled task per session.
 */
final class LoadSession extends ChannelInboundHandlerAdapter {
    enum Phase { CONNECTING, OPEN_SENT, OPEN_CONFIRM, ESTABLISHED, ENDED }

    private final SessionFleet fleet;
    private final Inet4Address source;
    private final Optional<Ipv4Prefix> block;
    private final Optional<ReceivedBlocks> received;
    private final long asn;
    private final int offeredHoldTime;
    private final long startedNanos;
    private Phase phase = Phase.CONNECTING;
    private Channel channel;
    private WireContext wire = WireContext.DEFAULT;
    private long holdNanos;
    private long lastReceivedNanos;
    private long nextKeepaliveNanos = Long.MAX_VALUE;

    /**
     * @param index  the session's place in its fleet (0-based), which picks its block among {@code blocks}
     * @param blocks the pod blocks of a Calico-shaped load, or empty for an idle session
     */
    LoadSession(SessionFleet fleet, int index, Inet4Address source, long asn, int offeredHoldTime, long startedNanos,
                Optional<PodBlocks> blocks) {
        this.fleet = fleet;
        this.source = source;
        this.block = blocks.map(b -> b.block(index));
        this.received = blocks.map(b -> new ReceivedBlocks(b, index));
        this.asn = asn;
        this.offeredHoldTime = offeredHoldTime;
        this.startedNanos = startedNanos;
        // RFC 4271 §8.2.2 suggests a large hold timer (4 minutes) until the OPEN arrives; the offered one is
        // enough to notice a target that never answers.
        this.holdNanos = TimeUnit.SECONDS.toNanos(offeredHoldTime);
    }

    Inet4Address source() {
        return source;
    }

    Phase phase() {
        return phase;
    }

    /** The other sessions' blocks this one holds, in a Calico-shaped load. */
    Optional<ReceivedBlocks> received() {
        return received;
    }

    /**
     * Encodes and decodes each message a session exchanges once, so that class loading and the first interpreted
     * runs are not counted in the first sessions' setup times.
     */
    static void warmUp(long asn, int holdTime, Inet4Address id) {
        for (BgpMessage m : List.of(open(asn, holdTime, id), Keepalive.INSTANCE,
                announcement(Ipv4Prefix.parse("10.0.0.0/26"), id),
                Notification.shutdown(Notification.ADMINISTRATIVE_SHUTDOWN, "warm-up"))) {
            ByteBuf buf = MessageCodec.encode(m, WireContext.DEFAULT, ByteBufAllocator.DEFAULT);
            try {
                MessageCodec.decode(buf, WireContext.DEFAULT);
            } finally {
                buf.release();
            }
        }
    }

    private static Open open(long asn, int holdTime, Inet4Address id) {
        return Open.of(asn, holdTime, id, List.of(new Multiprotocol(Family.IPV4_UNICAST), new FourOctetAs(asn)));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        lastReceivedNanos = System.nanoTime();
        send(open(asn, offeredHoldTime, source));
        phase = Phase.OPEN_SENT;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        DecodeResult result;
        try {
            result = MessageCodec.decode(frame, wire);
        } finally {
            frame.release();
        }
        if (phase == Phase.ENDED) return;
        lastReceivedNanos = System.nanoTime();
        switch (result) {
            case DecodeResult.Malformed m -> {
                send(m.notification());
                end("sent NOTIFICATION " + m.notification().description() + ": " + m.reason());
            }
            case DecodeResult.Decoded d -> received(d.message(), d.severity());
        }
    }

    private void received(BgpMessage message, Severity severity) {
        switch (message) {
            case Notification n -> end("received NOTIFICATION " + n.description()
                    + n.shutdownCommunication().map(text -> ": \"" + text + "\"").orElse("") + " in " + phase);
            case Open open when phase == Phase.OPEN_SENT -> {
                // RFC 4271 §4.2: the session uses the smaller of the two Hold Times; §10: KEEPALIVEs at a third.
                int hold = Math.min(offeredHoldTime, open.holdTime());
                holdNanos = TimeUnit.SECONDS.toNanos(hold);
                boolean peerFourOctet = open.capabilities().stream().anyMatch(c -> c instanceof FourOctetAs);
                wire = peerFourOctet ? WireContext.FOUR_OCTET_AS : WireContext.DEFAULT;
                send(Keepalive.INSTANCE);
                phase = Phase.OPEN_CONFIRM;
            }
            case Keepalive _ when phase == Phase.OPEN_CONFIRM -> {
                phase = Phase.ESTABLISHED;
                long now = System.nanoTime();
                if (holdNanos > 0) nextKeepaliveNanos = now + holdNanos / 3;
                fleet.established(this, now - startedNanos);
                block.ifPresent(this::announce);
                // A load of one session has no other blocks to wait for.
                received.filter(ReceivedBlocks::converged).ifPresent(r -> fleet.convergence(true));
            }
            case Keepalive _ when phase == Phase.ESTABLISHED -> { }
            case Update u when phase == Phase.ESTABLISHED -> received.ifPresent(r -> {
                boolean was = r.converged();
                r.apply(u, severity);
                if (r.converged() != was) fleet.convergence(r.converged());
            });
            case RouteRefresh _ when phase == Phase.ESTABLISHED -> { }
            default -> {
                // RFC 4271 §6.6: an event unexpected in the current state is a Finite State Machine Error.
                send(new Notification(Notification.FSM_ERROR, 0));
                end("received " + message.type() + " in " + phase + " (sent NOTIFICATION Finite State Machine Error)");
            }
        }
    }

    /**
     * Announces the session's pod block as a Calico node does: RFC 4271 §5.1.1 ORIGIN IGP, §5.1.2 an empty AS_PATH
     * (originated, sent inside the AS), §5.1.3 this session's address as NEXT_HOP, §5.1.5 LOCAL_PREF (iBGP) 100.
     */
    private void announce(Ipv4Prefix prefix) {
        send(announcement(prefix, source));
    }

    private static Update announcement(Ipv4Prefix prefix, Inet4Address nextHop) {
        return new Update(List.of(), List.of(Origin.IGP, AsPath.EMPTY, new NextHop(nextHop), new LocalPref(100)),
                List.of(Nlri.of(prefix)));
    }

    /** Called by the fleet's sweep once a second: sends due KEEPALIVEs and enforces the hold timer. */
    void tick(long now) {
        if (phase == Phase.CONNECTING || phase == Phase.ENDED) return;
        // RFC 4271 §6.5: no message within the Hold Time ends the session with Hold Timer Expired.
        if (holdNanos > 0 && now - lastReceivedNanos > holdNanos) {
            send(new Notification(Notification.HOLD_TIMER_EXPIRED, 0));
            end("hold timer expired: nothing received from the target for "
                    + TimeUnit.NANOSECONDS.toSeconds(holdNanos) + " s in " + phase);
            return;
        }
        if (phase == Phase.ESTABLISHED && now >= nextKeepaliveNanos) {
            send(Keepalive.INSTANCE);
            nextKeepaliveNanos += holdNanos / 3;
        }
    }

    void connectFailed(Throwable cause) {
        end("connect failed: " + cause.getMessage());
    }

    /** Ends the session on purpose (not counted as a drop): Cease / Administrative Shutdown with {@code text}. */
    void shutdown(String text) {
        if (phase == Phase.ENDED) return;
        phase = Phase.ENDED;
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(MessageCodec.encode(Notification.shutdown(Notification.ADMINISTRATIVE_SHUTDOWN, text),
                    wire, channel.alloc())).addListener(ChannelFutureListener.CLOSE);
        } else if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end("the target closed the connection in " + phase);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end("connection error in " + phase + ": " + cause);
    }

    private void send(BgpMessage message) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(MessageCodec.encode(message, wire, channel.alloc()), channel.voidPromise());
        }
    }

    private void end(String reason) {
        if (phase == Phase.ENDED) return;
        Phase was = phase;
        phase = Phase.ENDED;
        if (channel != null) channel.close();
        if (received.isPresent() && received.get().converged()) fleet.convergence(false);
        fleet.ended(this, was == Phase.ESTABLISHED, reason);
    }
}
