package dev.corvid.codec.attribute;

import java.net.Inet4Address;

/** RFC 4271 §5.1.3 NEXT_HOP (IPv4 only; other families carry theirs in MP_REACH_NLRI). */
public record NextHop(Inet4Address address) implements PathAttribute {
    @Override
    public int typeCode() {
        return NEXT_HOP;
    }
}
