/**
 * OPEN capabilities (RFC 5492) as records, one per capability code with its exact wire form, the Capabilities
 * Optional Parameter that groups them, and {@link dev.corvid.codec.capability.CapabilityCodec}.
 */
package dev.corvid.codec.capability;
