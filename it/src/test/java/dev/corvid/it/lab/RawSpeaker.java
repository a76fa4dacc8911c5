package dev.corvid.it.lab;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.Keepalive;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * A bare BGP speaker for what no daemon of the lab can send (an UPDATE with an unknown attribute): one TCP
 * connection opened from a lab host ({@link Host#connect}), an OPEN with the 4-octet AS capability and IPv4
 * unicast, a KEEPALIVE once the peer's OPEN arrives (RFC 4271 §8.2.2, OpenSent → OpenConfirm), then a KEEPALIVE
 * every second; every message of the peer is decoded with {@code dev.corvid.codec} (and otherwise ignored). It never
 * reconnects: a NOTIFICATION or a closed connection ends it. Messages are built by the test and sent with
 * {@link #send}.
 */
public final class RawSpeaker implements AutoCloseable {

    /** RFC 6793 and no ADD-PATH, as both ends of the session negotiate it. */
    private static final WireContext WIRE = WireContext.FOUR_OCTET_AS;
    private static final Duration KEEPALIVE = Duration.ofSeconds(1);

    private final String name;
    private final Socket socket;
    private final OutputStream out;
    private final Thread reader;
    private volatile boolean openReceived;
    private volatile boolean established;
    private volatile String ended;

    private RawSpeaker(String name, Socket socket, Open open) throws IOException {
        this.name = name;
        this.socket = socket;
        this.out = socket.getOutputStream();
        // The OPEN goes first: the reader answers the peer's OPEN with a KEEPALIVE, which must not overtake it.
        send(open);
        this.reader = Thread.ofPlatform().daemon().name("raw-speaker-" + name).start(this::read);
        Thread.ofPlatform().daemon().name("raw-speaker-keepalive-" + name).start(this::keepalives);
    }

    /**
     * Connects from {@code local} in {@code host} to port 179 of {@code peer} and sends the OPEN: AS {@code asn},
     * BGP Identifier {@code local}, hold time 3 s (the lab's).
     */
    public static RawSpeaker connect(Host host, String local, String peer, long asn) {
        Socket socket = host.connect(local, new InetSocketAddress(peer, 179));
        try {
            return new RawSpeaker(host.name() + "-" + local, socket, Open.of(asn, 3, ipv4(local),
                    List.of(new Multiprotocol(Family.IPV4_UNICAST), new FourOctetAs(asn))));
        } catch (IOException e) {
            close(socket);
            throw new UncheckedIOException("cannot speak BGP from " + local + " to " + peer, e);
        } catch (UncheckedIOException e) {
            close(socket);
            throw e;
        }
    }

    /** Waits until the peer's KEEPALIVE has followed its OPEN (RFC 4271 §8.2.2: OpenConfirm → Established). */
    public RawSpeaker awaitEstablished(Duration timeout) {
        Await.condition(timeout, "the raw speaker " + name + " to reach Established", () -> {
            if (ended != null) {
                throw new Await.Hopeless("the session ended: " + ended);
            }
            return established;
        });
        return this;
    }

    /** Encodes {@code message} (header included) and writes it to the peer. */
    public void send(BgpMessage message) {
        ByteBuf buf = Unpooled.buffer();
        try {
            MessageCodec.encode(message, WIRE, buf);
            byte[] bytes = ByteBufUtil.getBytes(buf);
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot send " + message.type(), e);
        } finally {
            buf.release();
        }
    }

    @Override
    public void close() {
        ended = ended == null ? "closed by the test" : ended;
        close(socket);
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        try {
            var in = new DataInputStream(socket.getInputStream());
            while (true) {
                byte[] header = new byte[MessageCodec.HEADER_LENGTH];
                in.readFully(header);
                int length = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
                byte[] frame = new byte[Math.max(length, MessageCodec.HEADER_LENGTH)];
                System.arraycopy(header, 0, frame, 0, header.length);
                in.readFully(frame, header.length, frame.length - header.length);
                ByteBuf buf = Unpooled.wrappedBuffer(frame);
                DecodeResult result = MessageCodec.decode(buf, WIRE);
                buf.release();
                if (!(result instanceof DecodeResult.Decoded decoded)) {
                    ended = "undecodable message from the peer: " + result;
                    return;
                }
                switch (decoded.message()) {
                    case Open open -> {
                        openReceived = true;
                        send(Keepalive.INSTANCE);
                    }
                    case Keepalive keepalive -> established = openReceived;
                    case Notification notification -> {
                        ended = "NOTIFICATION " + notification;
                        return;
                    }
                    default -> {
                    }
                }
            }
        } catch (EOFException e) {
            ended = ended == null ? "the peer closed the connection" : ended;
        } catch (IOException | UncheckedIOException e) {
            ended = ended == null ? e.toString() : ended;
        }
    }

    private void keepalives() {
        while (ended == null) {
            try {
                Thread.sleep(KEEPALIVE);
                if (openReceived && ended == null) {
                    send(Keepalive.INSTANCE);
                }
            } catch (InterruptedException | UncheckedIOException e) {
                return;
            }
        }
    }

    private static Inet4Address ipv4(String address) {
        try {
            return (Inet4Address) InetAddress.getByName(address);
        } catch (UnknownHostException | ClassCastException e) {
            throw new IllegalArgumentException(address + " is not an IPv4 address", e);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the namespace goes away with the lab
        }
    }
}
