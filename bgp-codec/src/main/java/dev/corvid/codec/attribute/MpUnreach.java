package dev.corvid.codec.attribute;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.nlri.Nlri;
import java.util.List;

/**
 * RFC 4760 §4 MP_UNREACH_NLRI. Alone in an UPDATE and with no NLRI it is the End-of-RIB marker of its family
 * (RFC 4724 §2).
 *
 * @param otherNlri withdrawn octets of families the codec does not decode, kept as received (otherwise empty)
 */
public record MpUnreach(Family family, List<Nlri> withdrawn, Bytes otherNlri) implements PathAttribute {
    public MpUnreach {
        withdrawn = List.copyOf(withdrawn);
    }

    public MpUnreach(Family family, List<Nlri> withdrawn) {
        this(family, withdrawn, Bytes.EMPTY);
    }

    @Override
    public int typeCode() {
        return MP_UNREACH_NLRI;
    }
}
