package dev.corvid.daemon.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.message.BgpMessage;
import dev.corvid.codec.message.DecodeResult;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.reflector.Origination;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupOutTest {
    private static final WireContext CTX = WireContext.FOUR_OCTET_AS;
    private static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);
    private static final PathAttributes V4 = Origination.attributes(Afi.IPV4)
            .withNextHop(InetAddress.ofLiteral("127.0.0.2")).with(new LocalPref(100));
    private static final PathAttributes V6 = Origination.attributes(Afi.IPV6)
            .withNextHop(InetAddress.ofLiteral("2001:db8::2")).with(new LocalPref(100));
    private static final InetAddress A = InetAddress.ofLiteral("127.0.0.3"), B = InetAddress.ofLiteral("127.0.0.4"),
            C = InetAddress.ofLiteral("127.0.0.5");
    private static final Set<InetAddress> MEMBERS = new LinkedHashSet<>(List.of(A, B, C));
    private static final GroupOut.Entry LOCAL_V4 = new GroupOut.Entry(V4, PathSource.LOCAL);

    /** Decodes what each member was sent, checking the buffers and the UPDATE count. */
    private static final class Recorder implements Outbox {
        final Map<InetAddress, List<Update>> sent = new HashMap<>();
        final Map<InetAddress, List<ByteBuf>> raw = new HashMap<>();

        @Override
        public void send(InetAddress peer, BgpMessage message) {
            sent.computeIfAbsent(peer, _ -> new ArrayList<>()).add((Update) message);
        }

        @Override
        public void sendEncoded(InetAddress peer, List<ByteBuf> chunks, int updates) {
            List<Update> got = sent.computeIfAbsent(peer, _ -> new ArrayList<>());
            int before = got.size();
            for (ByteBuf chunk : chunks) {
                raw.computeIfAbsent(peer, _ -> new ArrayList<>()).add(chunk);
                ByteBuf view = chunk.duplicate();
                while (view.isReadable()) {
                    int length = view.getUnsignedShort(view.readerIndex() + 16);
                    assertThat(length).isLessThanOrEqualTo(WireContext.MAX_MESSAGE);
                    DecodeResult r = MessageCodec.decode(view.readSlice(length), CTX);
                    got.add((Update) ((DecodeResult.Decoded) r).message());
                }
            }
            assertThat(got.size() - before).as("the UPDATE count handed over").isEqualTo(updates);
        }

        List<Update> of(InetAddress peer) {
            return sent.getOrDefault(peer, List.of());
        }

        void releaseAll() {
            raw.values().forEach(l -> l.forEach(ByteBuf::release));
        }

        @Override
        public void stop(InetAddress peer, int ceaseSubcode, Bytes data, String reason) {}

        @Override
        public void resumeReading(InetAddress peer) {}
    }

    private static GroupOut.Entry from(InetAddress peer, PathAttributes attributes) {
        return new GroupOut.Entry(attributes, new PathSource.Peer(peer, 64512,
                (Inet4Address) InetAddress.ofLiteral("10.0.0." + (peer.getAddress()[3])), true, true));
    }

    @Test
    void sendsNothingWhenTheMembersAlreadyHaveTheRouteOrNeverHadIt() {
        GroupOut out = new GroupOut(CTX);
        Nlri p = Nlri.parse("10.244.1.0/26");
        Recorder r = new Recorder();
        out.set(p, LOCAL_V4);
        out.flush(MEMBERS, ALLOC, r);
        assertThat(r.of(A)).hasSize(1);
        out.set(p, new GroupOut.Entry(V4, PathSource.LOCAL));
        out.set(Nlri.parse("10.244.9.0/26"), null);
        out.set(Nlri.parse("10.244.2.0/26"), LOCAL_V4);
        out.set(Nlri.parse("10.244.2.0/26"), null);
        Recorder second = new Recorder();
        out.flush(MEMBERS, ALLOC, second);
        assertThat(second.sent).isEmpty();
        r.releaseAll();
    }

    @Test
    void theLastChangeOfAPrefixBeforeAFlushWins() {
        GroupOut out = new GroupOut(CTX);
        Nlri p = Nlri.parse("10.244.1.0/26");
        Recorder r = new Recorder();
        out.set(p, LOCAL_V4);
        out.flush(MEMBERS, ALLOC, r);
        out.set(p, null);
        out.set(p, new GroupOut.Entry(V4.with(new LocalPref(200)), PathSource.LOCAL));
        Recorder second = new Recorder();
        out.flush(MEMBERS, ALLOC, second);
        for (InetAddress m : MEMBERS) {
            assertThat(second.of(m)).hasSize(1);
            assertThat(second.of(m).getFirst().withdrawn()).isEmpty();
            assertThat(second.of(m).getFirst().attribute(LocalPref.class)).contains(new LocalPref(200));
        }
        assertThat(out.size(A)).isEqualTo(1);
        r.releaseAll();
        second.releaseAll();
    }

    @Test
    void encodesOnceAndHandsEveryMemberASliceOfTheSameBuffer() {
        GroupOut out = new GroupOut(CTX);
        Recorder r = new Recorder();
        for (int i = 0; i < 100; i++) out.set(Nlri.of(new Ipv4Prefix(0x0A000000 | i << 8, 24)), LOCAL_V4);
        out.flush(MEMBERS, ALLOC, r);
        ByteBuf a = r.raw.get(A).getFirst(), b = r.raw.get(B).getFirst();
        assertThat(a.hasMemoryAddress()).isTrue();
        assertThat(a.memoryAddress()).as("the same memory").isEqualTo(b.memoryAddress());
        assertThat(r.of(A)).isEqualTo(r.of(B)).isEqualTo(r.of(C));
        r.releaseAll();
        assertThat(a.refCnt()).as("every slice released frees the buffer").isZero();
    }

    @Test
    void packsThousandsOfPrefixesOfOneAttributeSetIntoFullMessagesOfBothFamilies() {
        GroupOut out = new GroupOut(CTX);
        for (int i = 0; i < 3000; i++) {
            out.set(Nlri.of(new Ipv4Prefix(0x0A000000 | i << 6, 26)), LOCAL_V4);
            out.set(Nlri.parse("2001:db8:" + Integer.toHexString(i) + "::/48"), new GroupOut.Entry(V6, PathSource.LOCAL));
        }
        Recorder r = new Recorder();
        out.flush(Set.of(A), ALLOC, r);
        List<Update> sent = r.of(A);
        int v4 = 0, v6 = 0;
        for (Update u : sent) {
            v4 += u.allReachable(Family.IPV4_UNICAST).size();
            v6 += u.allReachable(Family.IPV6_UNICAST).size();
        }
        assertThat(v4).isEqualTo(3000);
        assertThat(v6).isEqualTo(3000);
        // 3000 × 4 octets of IPv4 NLRI need 3 messages; 3000 × 7 octets of IPv6 NLRI need 6.
        assertThat(sent).hasSizeBetween(9, 10);
        r.releaseAll();
    }

    @Test
    void withdrawsIpv4InTheWithdrawnRoutesFieldAndIpv6InMpUnreach() {
        GroupOut out = new GroupOut(CTX);
        out.set(Nlri.parse("10.244.1.0/26"), LOCAL_V4);
        out.set(Nlri.parse("2001:db8::/48"), new GroupOut.Entry(V6, PathSource.LOCAL));
        Recorder first = new Recorder();
        out.flush(Set.of(A), ALLOC, first);
        out.set(Nlri.parse("10.244.1.0/26"), null);
        out.set(Nlri.parse("2001:db8::/48"), null);
        Recorder r = new Recorder();
        out.flush(Set.of(A), ALLOC, r);
        List<Update> sent = r.of(A);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).withdrawn()).containsExactly(Nlri.parse("10.244.1.0/26"));
        assertThat(sent.get(1).allWithdrawn(Family.IPV6_UNICAST)).containsExactly(Nlri.parse("2001:db8::/48"));
        assertThat(out.size(A)).isZero();
        first.releaseAll();
        r.releaseAll();
    }

    @Test
    void splitHorizonKeepsAPathFromTheMemberItCameFromAndWithdrawsItWhenThatMemberBecomesTheSource() {
        GroupOut out = new GroupOut(CTX);
        Nlri p = Nlri.parse("10.244.1.0/26"), q = Nlri.parse("10.244.2.0/26");
        out.set(p, from(A, V4));
        out.set(q, LOCAL_V4);
        Recorder r = new Recorder();
        out.flush(MEMBERS, ALLOC, r);
        assertThat(reachable(r.of(A))).containsExactly(q);
        assertThat(reachable(r.of(B))).containsExactlyInAnyOrder(p, q);
        assertThat(out.size(A)).isEqualTo(1);
        assertThat(out.size(B)).isEqualTo(2);

        // B now supplies the best path of p: B must lose p, A (which never had it) gets it, C gets the new path.
        PathAttributes fromB = V4.withNextHop(InetAddress.ofLiteral("127.0.0.4"));
        out.set(p, from(B, fromB));
        Recorder second = new Recorder();
        out.flush(MEMBERS, ALLOC, second);
        assertThat(reachable(second.of(A))).containsExactly(p);
        assertThat(reachable(second.of(C))).containsExactly(p);
        assertThat(second.of(B)).hasSize(1);
        assertThat(second.of(B).getFirst().withdrawn()).containsExactly(p);
        assertThat(out.size(B)).isEqualTo(1);
        r.releaseAll();
        second.releaseAll();
    }

    @Test
    void addPathEntriesOfAPrefixAreReplacedTogether() {
        GroupOut out = new GroupOut(WireContext.FOUR_OCTET_AS.withAddPath(Set.of(Family.IPV4_UNICAST)));
        Prefix p = Prefix.parse("10.244.1.0/26");
        out.replace(p, Map.of(1, from(A, V4), 2, from(B, V4.withNextHop(InetAddress.ofLiteral("127.0.0.4")))));
        assertThat(held(out)).containsExactlyInAnyOrder(new Nlri(p, 1), new Nlri(p, 2));
        out.replace(p, Map.of(2, from(B, V4.withNextHop(InetAddress.ofLiteral("127.0.0.4")))));
        assertThat(held(out)).containsExactly(new Nlri(p, 2));
        out.replace(p, Map.of());
        assertThat(held(out)).isEmpty();
    }

    @Test
    void aWalkResumesAcrossTurnsAndSkipsWhatWentMeanwhile() {
        GroupOut out = new GroupOut(CTX);
        for (int i = 0; i < 10; i++) out.set(Nlri.of(new Ipv4Prefix(0x0A000000 | i << 8, 24)), LOCAL_V4);
        GroupOut.Walk walk = out.walk();
        List<Nlri> seen = new ArrayList<>();
        assertThat(out.advance(walk, 4, (n, e) -> seen.add(n))).isFalse();
        assertThat(seen).hasSize(4);
        Nlri gone = List.of(Nlri.parse("10.0.0.0/24"), Nlri.parse("10.0.1.0/24"), Nlri.parse("10.0.9.0/24")).stream()
                .filter(n -> !seen.contains(n)).findFirst().orElseThrow();
        out.set(gone, null);
        while (!out.advance(walk, 4, (n, e) -> seen.add(n))) { }
        assertThat(seen).hasSize(9).doesNotContain(gone);
    }

    private static List<Nlri> held(GroupOut out) {
        List<Nlri> all = new ArrayList<>();
        out.advance(out.walk(), Integer.MAX_VALUE, (n, e) -> all.add(n));
        return all;
    }

    private static List<Nlri> reachable(List<Update> updates) {
        List<Nlri> all = new ArrayList<>();
        for (Update u : updates) all.addAll(u.allReachable(Family.IPV4_UNICAST));
        return all;
    }
}
