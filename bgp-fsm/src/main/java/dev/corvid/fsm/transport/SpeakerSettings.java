package dev.corvid.fsm.transport;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What every session of this speaker shares.
 *
 * @param localAs  our AS
 * @param routerId our BGP Identifier
 * @param listen   where we accept connections; empty = never accept, only connect out
 */
public record SpeakerSettings(long localAs, Inet4Address routerId, List<InetSocketAddress> listen) {

    public SpeakerSettings {
        listen = List.copyOf(listen);
    }
}
