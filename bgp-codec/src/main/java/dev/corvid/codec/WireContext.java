package dev.corvid.codec;

import java.util.Set;

/**
 * What the two speakers negotiated that changes how octets are read and written (holo calls this the
 * decode context). Everything else in the codec is a pure function of the bytes and this record.
 *
 * @param fourOctetAs      RFC 6793: AS numbers in AS_PATH/AGGREGATOR are 4 octets
 * @param addPathReceive   RFC 7911: families whose NLRI we receive carry a Path Identifier
 * @param addPathSend      RFC 7911: families whose NLRI we send carry a Path Identifier
 * @param extendedMessage  RFC 8654: messages up to 65535 octets (otherwise 4096)
 */
public record WireContext(boolean fourOctetAs, Set<Family> addPathReceive, Set<Family> addPathSend,
                          boolean extendedMessage) {

    /** Before OPENs are exchanged (RFC 4271 defaults) and for two-octet-AS peers. */
    public static final WireContext DEFAULT = new WireContext(false, Set.of(), Set.of(), false);
    /** A modern peer: 4-octet AS, no ADD-PATH, 4096-octet messages. */
    public static final WireContext FOUR_OCTET_AS = new WireContext(true, Set.of(), Set.of(), false);

    public static final int MAX_MESSAGE = 4096;
    public static final int MAX_EXTENDED_MESSAGE = 65535;

    public WireContext {
        addPathReceive = Set.copyOf(addPathReceive);
        addPathSend = Set.copyOf(addPathSend);
    }

    public int maxMessageLength() {
        return extendedMessage ? MAX_EXTENDED_MESSAGE : MAX_MESSAGE;
    }

    public boolean addPathReceive(Family family) {
        return addPathReceive.contains(family);
    }

    public boolean addPathSend(Family family) {
        return addPathSend.contains(family);
    }

    /** The context the other side of this session uses: send and receive swapped. */
    public WireContext mirrored() {
        return new WireContext(fourOctetAs, addPathSend, addPathReceive, extendedMessage);
    }

    public WireContext withAddPath(Set<Family> both) {
        return new WireContext(fourOctetAs, both, both, extendedMessage);
    }

    public WireContext withExtendedMessage(boolean on) {
        return new WireContext(fourOctetAs, addPathReceive, addPathSend, on);
    }

    public WireContext withFourOctetAs(boolean on) {
        return new WireContext(on, addPathReceive, addPathSend, extendedMessage);
    }
}
