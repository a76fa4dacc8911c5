package dev.corvid.daemon.run;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.daemon.routing.Outbox;
import dev.corvid.fsm.transport.BgpSpeaker;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.util.List;

/** The RIB thread's {@link Outbox}: the session speaker. */
record SpeakerOutbox(BgpSpeaker speaker) implements Outbox {
    @Override
    public void send(InetAddress peer, BgpMessage message) {
        speaker.send(peer, message);
    }

    @Override
    public void sendEncoded(InetAddress peer, List<ByteBuf> chunks, int updates) {
        speaker.sendEncoded(peer, chunks, updates);
    }

    @Override
    public void stop(InetAddress peer, int ceaseSubcode, Bytes data, String reason) {
        speaker.automaticStop(peer, ceaseSubcode, data, reason);
    }

    @Override
    public void resumeReading(InetAddress peer) {
        speaker.resumeReading(peer);
    }
}
