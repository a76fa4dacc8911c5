package dev.corvid.daemon.routing;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.UpdatePacker;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.rib.PathAttributes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DOC: UPDATEs for one update group, encoded once and back to back into one buffer, each batch marked with the member
 * it must not reach (split horizon). {@link #partFor} gives a member slices of the buffer around the batches it is
 * excluded from, so a thousand members cost a thousand slices, not a thousand encodings. Prefixes of one attribute
 * set are packed into as few messages as fit the session's size ({@link UpdatePacker}: IPv4 unicast in the NLRI /
 * Withdrawn Routes fields, IPv6 in MP_REACH_NLRI / MP_UNREACH_NLRI, one kind per UPDATE as RFC 7606 §5.1 asks).
 */
final class Encoded {
    /** What one member is sent: slices of the buffer, and how many UPDATEs they hold. */
    record Part(List<ByteBuf> chunks, int updates) {}

    /** Octets [start, end) of the buffer, {@code updates} messages, that one member is not sent. */
    private record Exclusion(int start, int end, int updates) {}

    private final ByteBufAllocator alloc;
    private final WireContext wire;
    private ByteBuf buffer;
    private int updates;
    /** Per member, the batches it is excluded from, in buffer order. */
    private final Map<InetAddress, List<Exclusion>> exclusions = new HashMap<>();

    Encoded(ByteBufAllocator alloc, WireContext wire) {
        this.alloc = alloc;
        this.wire = wire;
    }

    /** Announces {@code nlri} with {@code attributes} to every member but {@code excluded} (null: every member). */
    void announce(PathAttributes attributes, List<Nlri> nlri, InetAddress excluded) {
        batch(excluded, () -> {
            for (Afi afi : Afi.values()) {
                List<Nlri> of = ofAfi(nlri, afi);
                if (of.isEmpty()) continue;
                Family family = family(afi);
                boolean mp = !family.equals(Family.IPV4_UNICAST);
                updates += UpdatePacker.announceInto(family, attributes.toList(!mp),
                        mp ? attributes.mpNextHop() : null, of, wire, alloc, buffer());
            }
        });
    }

    /** Appends {@code message}, one UPDATE encoded for this wire context, for every member but {@code excluded}. */
    void announceEncoded(byte[] message, InetAddress excluded) {
        batch(excluded, () -> {
            buffer().writeBytes(message);
            updates++;
        });
    }

    /** The one UPDATE that announces {@code nlri} with {@code attributes} on {@code wire}. */
    static byte[] alone(WireContext wire, PathAttributes attributes, Nlri nlri) {
        ByteBuf one = Unpooled.buffer(128);
        Family family = family(nlri.prefix().afi());
        boolean mp = !family.equals(Family.IPV4_UNICAST);
        UpdatePacker.announceInto(family, attributes.toList(!mp), mp ? attributes.mpNextHop() : null, List.of(nlri),
                wire, UnpooledByteBufAllocator.DEFAULT, one);
        byte[] bytes = ByteBufUtil.getBytes(one);
        one.release();
        return bytes;
    }

    /** Withdraws {@code nlri} from every member but {@code excluded} (null: every member). */
    void withdraw(List<Nlri> nlri, InetAddress excluded) {
        batch(excluded, () -> {
            for (Afi afi : Afi.values()) {
                List<Nlri> of = ofAfi(nlri, afi);
                if (!of.isEmpty()) updates += UpdatePacker.withdrawInto(family(afi), of, wire, buffer());
            }
        });
    }

    private void batch(InetAddress excluded, Runnable encode) {
        int start = length(), before = updates;
        encode.run();
        if (excluded != null && updates > before) {
            exclusions.computeIfAbsent(excluded, _ -> new ArrayList<>())
                    .add(new Exclusion(start, length(), updates - before));
        }
    }

    private ByteBuf buffer() {
        if (buffer == null) buffer = alloc.directBuffer(64 * 1024);
        return buffer;
    }

    private int length() {
        return buffer == null ? 0 : buffer.writerIndex();
    }

    int updates() {
        return updates;
    }

    /** {@code member}'s slices (retained: each belongs to whoever sends it). */
    Part partFor(InetAddress member) {
        List<ByteBuf> chunks = new ArrayList<>(2);
        int from = 0, count = updates;
        for (Exclusion e : exclusions.getOrDefault(member, List.of())) {
            if (e.start() > from) chunks.add(buffer.retainedSlice(from, e.start() - from));
            from = e.end();
            count -= e.updates();
        }
        if (length() > from) chunks.add(buffer.retainedSlice(from, length() - from));
        return new Part(chunks, count);
    }

    /** Releases this holder's reference; slices handed out keep the buffer alive until they are written. */
    void release() {
        if (buffer != null) buffer.release();
        buffer = null;
    }

    private static List<Nlri> ofAfi(List<Nlri> nlri, Afi afi) {
        boolean all = true;
        for (Nlri n : nlri) {
            if (n.prefix().afi() != afi) {
                all = false;
                break;
            }
        }
        if (all) return nlri;
        List<Nlri> of = new ArrayList<>();
        for (Nlri n : nlri) if (n.prefix().afi() == afi) of.add(n);
        return of;
    }

    static Family family(Afi afi) {
        return afi == Afi.IPV4 ? Family.IPV4_UNICAST : Family.IPV6_UNICAST;
    }
}
