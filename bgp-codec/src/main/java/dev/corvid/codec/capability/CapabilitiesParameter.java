package dev.corvid.codec.capability;

import java.util.List;

/**
 * RFC 5492 §4 Capabilities Optional Parameter (Parameter Type 2): the capabilities one optional parameter of an
 * OPEN carries. Speakers group them differently — BIRD puts every capability in one parameter, FRR and GoBGP one
 * capability per parameter — so an OPEN keeps its parameters, and re-encoding it reproduces the grouping.
 */
public record CapabilitiesParameter(List<Capability> capabilities) {
    /** RFC 5492 §4: "Capabilities Optional Parameter (Parameter Type 2)". */
    public static final int TYPE = 2;

    public CapabilitiesParameter {
        capabilities = List.copyOf(capabilities);
    }

    public static CapabilitiesParameter of(Capability... capabilities) {
        return new CapabilitiesParameter(List.of(capabilities));
    }
}
