package dev.corvid.daemon.routing;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.message.BgpMessage;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.util.List;

/** What the RIB thread asks of the sessions (in the daemon: {@code BgpSpeaker}); every method only enqueues. */
public interface Outbox {

    /** Sends {@code message} to {@code peer} if its session is Established. */
    void send(InetAddress peer, BgpMessage message);

    /** Sends {@code updates} UPDATEs encoded back to back in {@code chunks}, whose ownership passes on. */
    void sendEncoded(InetAddress peer, List<ByteBuf> chunks, int updates);

    /** Ends the session with Cease / {@code ceaseSubcode} (RFC 4486); it restarts after the idle hold time. */
    void stop(InetAddress peer, int ceaseSubcode, Bytes data, String reason);

    /** Reads from {@code peer} again after the RIB thread asked to stop (it had fallen behind). */
    void resumeReading(InetAddress peer);
}
