package dev.corvid.codec.capability;

/** PLACEHOLDER: an OPEN capability (RFC 5492). */
public interface Capability {
    int code();
}
