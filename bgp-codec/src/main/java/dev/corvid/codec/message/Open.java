package dev.corvid.codec.message;

import dev.corvid.codec.capability.Capability;
import java.net.Inet4Address;
import java.util.List;

/** PLACEHOLDER: RFC 4271 §4.2 OPEN. */
public record Open(int version, int myAutonomousSystem, int holdTime, Inet4Address bgpIdentifier,
                   List<Capability> capabilities) implements BgpMessage {
    @Override
    public MessageType type() {
        return MessageType.OPEN;
    }
}
