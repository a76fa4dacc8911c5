package dev.corvid.codec.message;

import dev.corvid.codec.capability.CapabilitiesParameter;
import dev.corvid.codec.capability.Capability;
import dev.corvid.codec.capability.FourOctetAs;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * RFC 4271 §4.2 OPEN: Version, My Autonomous System (2 octets), Hold Time, BGP Identifier and the Optional
 * Parameters. The only Optional Parameter a speaker may send today is the RFC 5492 Capabilities parameter (type 1,
 * Authentication, was deprecated by RFC 5492; type 255 is the RFC 9072 marker, not a parameter), so
 * {@code parameters} lists those, in order, each with its capabilities — re-encoding gives the grouping the peer
 * used. Whether the RFC 9072 extended lengths are used is not kept: the encoder decides it from the size.
 *
 * @param myAutonomousSystem the 2-octet field: {@link #AS_TRANS} when the AS needs 4 octets (RFC 6793 §4.1)
 */
public record Open(int version, int myAutonomousSystem, int holdTime, Inet4Address bgpIdentifier,
                   List<CapabilitiesParameter> parameters) implements BgpMessage {
    /** RFC 4271 §4.2: "The current BGP version number is 4." */
    public static final int VERSION = 4;
    /** RFC 6793 §9: AS_TRANS, sent in My Autonomous System by a speaker whose AS does not fit 2 octets. */
    public static final int AS_TRANS = 23456;

    public Open {
        if (version < 0 || version > 0xFF) throw new IllegalArgumentException("version is 1 octet");
        if (myAutonomousSystem < 0 || myAutonomousSystem > 0xFFFF) {
            throw new IllegalArgumentException("My Autonomous System is 2 octets, not " + myAutonomousSystem);
        }
        if (holdTime < 0 || holdTime > 0xFFFF) throw new IllegalArgumentException("hold time is 2 octets");
        Objects.requireNonNull(bgpIdentifier, "bgpIdentifier");
        parameters = List.copyOf(parameters);
    }

    /**
     * The OPEN corvid sends: version 4, all capabilities in one parameter (as BIRD does), and My Autonomous System
     * set from {@code asn} — AS_TRANS when it needs 4 octets, in which case {@code capabilities} must carry
     * {@link FourOctetAs} for the peer to learn it.
     */
    public static Open of(long asn, int holdTime, Inet4Address bgpIdentifier, List<Capability> capabilities) {
        int myAs = asn > 0xFFFF ? AS_TRANS : (int) asn;
        List<CapabilitiesParameter> parameters =
                capabilities.isEmpty() ? List.of() : List.of(new CapabilitiesParameter(capabilities));
        return new Open(VERSION, myAs, holdTime, bgpIdentifier, parameters);
    }

    /** Every capability of every parameter, in message order. */
    public List<Capability> capabilities() {
        List<Capability> all = new ArrayList<>();
        for (CapabilitiesParameter p : parameters) all.addAll(p.capabilities());
        return List.copyOf(all);
    }

    /**
     * The sender's AS: the 4-octet AS capability when present (RFC 6793 §4.1: a NEW speaker carries its AS there),
     * otherwise My Autonomous System.
     */
    public long asn() {
        for (CapabilitiesParameter p : parameters) {
            for (Capability c : p.capabilities()) {
                if (c instanceof FourOctetAs four) return four.asn();
            }
        }
        return myAutonomousSystem;
    }

    @Override
    public MessageType type() {
        return MessageType.OPEN;
    }
}
