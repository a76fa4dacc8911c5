package dev.corvid.codec.message;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.capability.BgpRole;
import dev.corvid.codec.capability.CapabilitiesParameter;
import dev.corvid.codec.capability.Capability;
import dev.corvid.codec.capability.CapabilityCodec;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The OPEN body (RFC 4271 §4.2) with its Optional Parameters in either length encoding: RFC 4271 (1-octet
 * Optional Parameters Length and Parameter Length) or RFC 9072 (Non-Ext OP Len and Non-Ext OP Type 255, then
 * 2-octet Extended Opt. Parm. Length and Parameter Length).
 *
 * <p>Errors visible from the octets alone become the NOTIFICATION of RFC 4271 §6.2. Bad Peer AS (subcode 2) and the
 * BGP Identifier collision of RFC 6286 §2.2 need the session's configuration and are decided there.
 */
final class OpenCodec {
    /** RFC 4271 §6.2 OPEN Message Error subcodes (IANA "OPEN Message Error subcodes"). */
    static final int UNSPECIFIC = 0;
    static final int UNSUPPORTED_VERSION_NUMBER = 1;
    static final int BAD_BGP_IDENTIFIER = 3;
    static final int UNSUPPORTED_OPTIONAL_PARAMETER = 4;
    static final int UNACCEPTABLE_HOLD_TIME = 6;
    static final int ROLE_MISMATCH = 11;

    /** Version, My Autonomous System, Hold Time, BGP Identifier, Optional Parameters Length. */
    private static final int FIXED_LENGTH = 10;
    /** RFC 9072 §2: Non-Ext OP Type 255 announces the extended encoding. */
    private static final int EXTENDED_LENGTH_MARKER = 255;

    private OpenCodec() {}

    static DecodeResult decode(ByteBuf body, WireContext ctx) {
        // MessageCodec already rejects an OPEN shorter than 29 octets (RFC 4271 §6.1); this guards direct callers.
        if (body.readableBytes() < FIXED_LENGTH) {
            body.skipBytes(body.readableBytes());
            return unspecific("OPEN body of fewer than 10 octets");
        }
        int version = body.readUnsignedByte();
        // RFC 4271 §6.2: Unsupported Version Number; "The Data field is a 2-octet unsigned integer, which indicates
        // the largest, locally-supported version number less than the version the remote BGP peer bid ... or if the
        // smallest, locally-supported version number is greater than the version the remote BGP peer bid, then the
        // smallest, locally-supported version number." corvid supports only 4, so the answer is 4 either way.
        if (version != Open.VERSION) {
            body.skipBytes(body.readableBytes());
            return error(UNSUPPORTED_VERSION_NUMBER, Bytes.of((byte) 0, (byte) Open.VERSION),
                    "version " + version + " is not supported; corvid speaks BGP-4 (RFC 4271 §6.2)");
        }
        int myAs = body.readUnsignedShort();
        int holdTime = body.readUnsignedShort();
        int identifier = body.readInt();
        // RFC 4271 §6.2: "An implementation MUST reject Hold Time values of one or two seconds."
        if (holdTime == 1 || holdTime == 2) {
            body.skipBytes(body.readableBytes());
            return error(UNACCEPTABLE_HOLD_TIME, Bytes.EMPTY,
                    "hold time of " + holdTime + " seconds; it must be 0 or at least 3 (RFC 4271 §6.2)");
        }
        // RFC 6286 §2.2: "If the BGP Identifier field of the OPEN message is zero ... then the Error Subcode is set
        // to 'Bad BGP Identifier'."
        if (identifier == 0) {
            body.skipBytes(body.readableBytes());
            return error(BAD_BGP_IDENTIFIER, Bytes.EMPTY, "BGP Identifier is 0.0.0.0 (RFC 6286 §2.2)");
        }
        List<CapabilitiesParameter> parameters = new ArrayList<>();
        DecodeResult malformed = decodeParameters(body, parameters);
        body.skipBytes(body.readableBytes());
        if (malformed != null) return malformed;
        Open open = new Open(version, myAs, holdTime, address(identifier), parameters);
        // RFC 9234 §4.2: "If multiple BGP Role Capabilities are received and not all of them have the same value,
        // then the BGP speaker MUST reject the connection using the Role Mismatch Notification".
        if (open.capabilities().stream().filter(c -> c instanceof BgpRole).distinct().count() > 1) {
            return error(ROLE_MISMATCH, Bytes.EMPTY, "BGP Role capabilities with different values (RFC 9234 §4.2)");
        }
        return new DecodeResult.Decoded(open);
    }

    /**
     * Reads the Optional Parameters Length and the parameters, to the end of {@code body}.
     *
     * <p>RFC 4271 §6.2: "All errors detected while processing the OPEN message MUST be indicated by sending the
     * NOTIFICATION message with the Error Code OPEN Message Error." A length that disagrees with the octets the
     * message holds is such an error (the header's Length was accepted by §6.1, so Bad Message Length does not
     * apply), and no specific subcode names it: Unspecific (0).
     *
     * @return {@code null}, or the NOTIFICATION to send
     */
    private static DecodeResult decodeParameters(ByteBuf body, List<CapabilitiesParameter> out) {
        int nonExtLength = body.readUnsignedByte();
        if (nonExtLength == 0) {
            return body.isReadable()
                    ? unspecific(body.readableBytes() + " octets follow an Optional Parameters Length of 0")
                    : null;
        }
        boolean extended = body.isReadable() && body.getUnsignedByte(body.readerIndex()) == EXTENDED_LENGTH_MARKER;
        int length;
        if (extended) {
            // RFC 9072 §2: when Non-Ext OP Len is non-zero, the octet after it decides the encoding; with 255 there,
            // Non-Ext OP Len "MUST be ignored on receipt" and the 2-octet Extended Opt. Parm. Length follows.
            if (body.readableBytes() < 3) {
                return unspecific("the RFC 9072 Extended Opt. Parm. Length is cut off");
            }
            body.skipBytes(1);
            length = body.readUnsignedShort();
        } else {
            length = nonExtLength;
        }
        if (length != body.readableBytes()) {
            return unspecific("Optional Parameters Length " + length + " but " + body.readableBytes()
                    + " octets follow (RFC 4271 §4.2" + (extended ? ", RFC 9072 §2)" : ")"));
        }
        int lengthOctets = extended ? 2 : 1;
        while (body.isReadable()) {
            if (body.readableBytes() < 1 + lengthOctets) {
                return unspecific("optional parameter of " + body.readableBytes()
                        + " octets lacks its Parameter Length");
            }
            int type = body.readUnsignedByte();
            int paramLength = extended ? body.readUnsignedShort() : body.readUnsignedByte();
            if (paramLength > body.readableBytes()) {
                return unspecific("optional parameter " + type + " of " + paramLength
                        + " octets overruns the Optional Parameters (" + body.readableBytes() + " octets left)");
            }
            ByteBuf value = body.readSlice(paramLength);
            // RFC 4271 §6.2: "If one of the Optional Parameters in the OPEN message is not recognized, then the Error
            // Subcode MUST be set to Unsupported Optional Parameters." RFC 5492 deprecates type 1 (Authentication)
            // and RFC 9072 §3 says a type 255 anywhere but first "MUST be treated as an unrecognized Optional
            // Parameter"; RFC 5492 only relaxes unknown capabilities, not unknown parameters.
            if (type != CapabilitiesParameter.TYPE) {
                return error(UNSUPPORTED_OPTIONAL_PARAMETER, Bytes.EMPTY, "unsupported optional parameter type " + type
                        + " (RFC 4271 §6.2; only type 2, Capabilities, is known)");
            }
            List<Capability> capabilities = new ArrayList<>();
            String error = CapabilityCodec.decode(value, capabilities);
            if (error != null) return unspecific(error);
            out.add(new CapabilitiesParameter(capabilities));
        }
        return null;
    }

    private static Inet4Address address(int bits) {
        byte[] octets = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 octets are always an IPv4 address", e);
        }
    }

    private static DecodeResult unspecific(String reason) {
        return error(UNSPECIFIC, Bytes.EMPTY, reason);
    }

    private static DecodeResult error(int subcode, Bytes data, String reason) {
        return MessageCodec.malformed(Notification.OPEN_MESSAGE_ERROR, subcode, data, reason);
    }

    static void encode(Open message, WireContext ctx, ByteBuf out) {
        out.writeByte(message.version());
        out.writeShort(message.myAutonomousSystem());
        out.writeShort(message.holdTime());
        out.writeBytes(message.bgpIdentifier().getAddress());
        List<CapabilitiesParameter> parameters = message.parameters();
        int classicLength = 0;
        for (CapabilitiesParameter p : parameters) classicLength += 2 + valueLength(p);
        // RFC 9072 §2: the extended encoding "MUST" be used when the Optional Parameters exceed 255 octets, and the
        // base encoding "SHOULD be used without alteration" otherwise.
        boolean extended = classicLength > 255;
        if (extended) {
            out.writeByte(EXTENDED_LENGTH_MARKER); // Non-Ext OP Len: "SHOULD be set to 255"
            out.writeByte(EXTENDED_LENGTH_MARKER); // Non-Ext OP Type: "MUST be set to 255"
            out.writeShort(classicLength + parameters.size());
        } else {
            out.writeByte(classicLength);
        }
        for (CapabilitiesParameter p : parameters) {
            out.writeByte(CapabilitiesParameter.TYPE);
            if (extended) out.writeShort(valueLength(p));
            else out.writeByte(valueLength(p));
            for (Capability c : p.capabilities()) CapabilityCodec.encode(c, out);
        }
    }

    private static int valueLength(CapabilitiesParameter p) {
        int length = 0;
        for (Capability c : p.capabilities()) length += 2 + CapabilityCodec.valueLength(c);
        return length;
    }
}
