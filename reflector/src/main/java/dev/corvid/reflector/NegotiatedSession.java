package dev.corvid.reflector;

import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import java.util.Objects;
import java.util.Set;

/**
 * What an established session adds to a peer's settings: the families both sides enabled (RFC 4760), the wire
 * context of the OPEN exchange (4-octet AS, ADD-PATH, extended messages) and our addresses on the connection.
 */
public record NegotiatedSession(Set<Family> families, WireContext wire, LocalAddresses local) {

    public NegotiatedSession {
        families = Set.copyOf(families);
        Objects.requireNonNull(wire, "wire");
        Objects.requireNonNull(local, "local");
    }
}
