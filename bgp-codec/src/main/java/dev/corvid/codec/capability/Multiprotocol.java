package dev.corvid.codec.capability;

import dev.corvid.codec.Family;

/**
 * RFC 4760 §8 Multiprotocol Extensions: AFI (2 octets), Reserved (1 octet, "SHOULD be set to 0 by the sender and
 * ignored by the receiver"), SAFI (1 octet).
 */
public record Multiprotocol(Family family) implements Capability {
    public static final int LENGTH = 4;

    @Override
    public int code() {
        return MULTIPROTOCOL;
    }
}
