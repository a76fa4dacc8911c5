package dev.corvid.codec.attribute;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.nlri.Nlri;
import java.util.List;

/**
 * RFC 4760 §3 MP_REACH_NLRI.
 *
 * @param family    AFI/SAFI
 * @param nextHop   the Network Address of Next Hop octets as received: 4 (IPv4), 16 (IPv6 global), 32 (IPv6
 *                  global + link-local, RFC 2545 §3) or, for IPv4 NLRI, 16/32 (RFC 8950)
 * @param nlri      the NLRI, for {@link Family#isKnownUnicast() known unicast} families
 * @param otherNlri the NLRI octets of families the codec does not decode, kept as received (otherwise empty)
 */
public record MpReach(Family family, Bytes nextHop, List<Nlri> nlri, Bytes otherNlri) implements PathAttribute {
    public MpReach {
        nlri = List.copyOf(nlri);
    }

    public MpReach(Family family, Bytes nextHop, List<Nlri> nlri) {
        this(family, nextHop, nlri, Bytes.EMPTY);
    }

    @Override
    public int typeCode() {
        return MP_REACH_NLRI;
    }
}
