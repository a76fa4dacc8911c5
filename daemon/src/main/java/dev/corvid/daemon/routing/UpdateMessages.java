package dev.corvid.daemon.routing;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AttributeCodec;
import dev.corvid.codec.attribute.MpReach;
import dev.corvid.codec.attribute.MpUnreach;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.NlriCodec;
import dev.corvid.rib.PathAttributes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * DOC: the UPDATE records that announce many prefixes with one attribute set, or withdraw many, each within the
 * session's message size. {@code BgpSpeaker.send} takes messages, not encoded bytes, so this builds {@link Update}
 * records (each member's event loop encodes them) rather than using {@code UpdatePacker}, which writes bytes; the
 * split points are the packer's: IPv4 unicast in the NLRI / Withdrawn Routes fields, IPv6 in MP_REACH_NLRI /
 * MP_UNREACH_NLRI (RFC 4760), one kind per UPDATE (RFC 7606 §5.1).
 */
final class UpdateMessages {
    /** Header, Withdrawn Routes Length, Total Path Attribute Length (RFC 4271 §4.3). */
    private static final int UPDATE_FIXED = MessageCodec.HEADER_LENGTH + 4;
    /** Attribute header with extended length, AFI, SAFI, next hop length, reserved (RFC 4760 §3). */
    private static final int MP_REACH_FIXED = 4 + 5;
    /** Attribute header with extended length, AFI, SAFI (RFC 4760 §4). */
    private static final int MP_UNREACH_FIXED = 4 + 3;

    private UpdateMessages() {}

    /** UPDATEs announcing {@code nlri} (all of {@code family}) with {@code attributes}. */
    static List<Update> announce(Family family, PathAttributes attributes, List<Nlri> nlri, WireContext ctx) {
        boolean mp = !family.equals(Family.IPV4_UNICAST);
        List<PathAttribute> block = attributes.toList(!mp);
        int fixed = UPDATE_FIXED + encodedLength(block, ctx) + (mp ? MP_REACH_FIXED + attributes.mpNextHop().length() : 0);
        List<Update> out = new ArrayList<>();
        for (List<Nlri> chunk : split(nlri, ctx.maxMessageLength() - fixed, ctx.addPathSend(family))) {
            if (mp) {
                List<PathAttribute> all = new ArrayList<>(block.size() + 1);
                all.add(new MpReach(family, attributes.mpNextHop(), chunk)); // first, as RFC 7606 §5.1 asks
                all.addAll(block);
                out.add(new Update(List.of(), all, List.of()));
            } else {
                out.add(new Update(List.of(), block, chunk));
            }
        }
        return out;
    }

    /** UPDATEs withdrawing {@code nlri} (all of {@code family}). */
    static List<Update> withdraw(Family family, List<Nlri> nlri, WireContext ctx) {
        boolean mp = !family.equals(Family.IPV4_UNICAST);
        int fixed = UPDATE_FIXED + (mp ? MP_UNREACH_FIXED : 0);
        List<Update> out = new ArrayList<>();
        for (List<Nlri> chunk : split(nlri, ctx.maxMessageLength() - fixed, ctx.addPathSend(family))) {
            out.add(mp ? new Update(List.of(), List.of(new MpUnreach(family, chunk)), List.of())
                    : new Update(chunk, List.of(), List.of()));
        }
        return out;
    }

    static Family family(Afi afi) {
        return afi == Afi.IPV4 ? Family.IPV4_UNICAST : Family.IPV6_UNICAST;
    }

    private static List<List<Nlri>> split(List<Nlri> nlri, int budget, boolean addPath) {
        List<List<Nlri>> chunks = new ArrayList<>();
        int from = 0, used = 0;
        for (int i = 0; i < nlri.size(); i++) {
            int length = NlriCodec.encodedLength(nlri.get(i), addPath);
            if (used + length > budget && i > from) {
                chunks.add(List.copyOf(nlri.subList(from, i)));
                from = i;
                used = 0;
            }
            used += length;
        }
        if (from < nlri.size()) chunks.add(List.copyOf(nlri.subList(from, nlri.size())));
        return chunks;
    }

    private static int encodedLength(List<PathAttribute> attributes, WireContext ctx) {
        ByteBuf buf = Unpooled.buffer(128);
        try {
            AttributeCodec.encode(attributes, ctx, buf);
            return buf.readableBytes();
        } finally {
            buf.release();
        }
    }
}
