package dev.corvid.codec.message;

import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Nlri;
import java.util.List;

/**
 * PLACEHOLDER: RFC 4271 §4.3 UPDATE. {@code withdrawn} and {@code nlri} are the IPv4 fields of the message;
 * other families travel in MP_REACH_NLRI / MP_UNREACH_NLRI inside {@code attributes}.
 */
public record Update(List<Nlri> withdrawn, List<PathAttribute> attributes, List<Nlri> nlri) implements BgpMessage {
    @Override
    public MessageType type() {
        return MessageType.UPDATE;
    }
}
