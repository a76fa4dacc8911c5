package dev.corvid.codec.capability;

import dev.corvid.codec.Bytes;

/**
 * A capability corvid does not interpret, kept as received. RFC 5492 §3: "If a BGP speaker receives from its peer a
 * capability that it does not itself support or recognize, it MUST ignore that capability". A known code also
 * lands here when its value cannot be held by the record of that code (see {@link CapabilityCodec}).
 */
public record UnknownCapability(int code, Bytes value) implements Capability {
    public UnknownCapability {
        if (code < 0 || code > 255) throw new IllegalArgumentException("capability code " + code + " out of range");
        if (value.length() > 255) {
            throw new IllegalArgumentException("a capability value is at most 255 octets, not " + value.length());
        }
    }
}
