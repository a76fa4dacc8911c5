package dev.corvid.daemon.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.LocalPref;
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
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdjRibOutTest {
    private static final WireContext CTX = WireContext.FOUR_OCTET_AS;
    private static final PathAttributes V4 = Origination.attributes(dev.corvid.codec.Afi.IPV4)
            .withNextHop(InetAddress.ofLiteral("127.0.0.2")).with(new LocalPref(100));
    private static final PathAttributes V6 = Origination.attributes(dev.corvid.codec.Afi.IPV6)
            .withNextHop(InetAddress.ofLiteral("2001:db8::2")).with(new LocalPref(100));

    @Test
    void sendsNothingWhenThePeerAlreadyHasTheRouteOrNeverHadIt() {
        AdjRibOut out = new AdjRibOut();
        Prefix p = Prefix.parse("10.244.1.0/26");
        out.advertise(p, V4, PathSource.LOCAL, false);
        assertThat(out.flush(CTX)).hasSize(1);
        out.advertise(p, V4, PathSource.LOCAL, false);
        out.withdraw(Prefix.parse("10.244.9.0/26"));
        assertThat(out.flush(CTX)).isEmpty();
        out.advertise(p, V4, PathSource.LOCAL, true);
        assertThat(out.flush(CTX)).as("a route refresh re-sends").hasSize(1);
    }

    @Test
    void theLastChangeOfAPrefixBeforeAFlushWins() {
        AdjRibOut out = new AdjRibOut();
        Prefix p = Prefix.parse("10.244.1.0/26");
        out.advertise(p, V4, PathSource.LOCAL, false);
        out.flush(CTX);
        out.withdraw(p);
        out.advertise(p, V4.with(new LocalPref(200)), PathSource.LOCAL, false);
        List<Update> sent = out.flush(CTX);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().withdrawn()).isEmpty();
        assertThat(sent.getFirst().attribute(LocalPref.class)).contains(new LocalPref(200));
        assertThat(out.size()).isEqualTo(1);
    }

    @Test
    void packsThousandsOfPrefixesOfOneAttributeSetIntoFullMessagesOfBothFamilies() {
        AdjRibOut out = new AdjRibOut();
        for (int i = 0; i < 3000; i++) {
            out.advertise(new Ipv4Prefix(0x0A000000 | i << 6, 26), V4, PathSource.LOCAL, false);
            out.advertise(Prefix.parse("2001:db8:" + Integer.toHexString(i) + "::/48"), V6, PathSource.LOCAL, false);
        }
        List<Update> sent = out.flush(CTX);
        int v4 = 0, v6 = 0;
        for (Update u : sent) {
            ByteBuf encoded = MessageCodec.encode(u, CTX, ByteBufAllocator.DEFAULT);
            try {
                assertThat(encoded.readableBytes()).isLessThanOrEqualTo(WireContext.MAX_MESSAGE);
            } finally {
                encoded.release();
            }
            v4 += u.allReachable(Family.IPV4_UNICAST).size();
            v6 += u.allReachable(Family.IPV6_UNICAST).size();
        }
        assertThat(v4).isEqualTo(3000);
        assertThat(v6).isEqualTo(3000);
        // 3000 × 4 octets of IPv4 NLRI need 3 messages; 3000 × 7 octets of IPv6 NLRI need 6.
        assertThat(sent).hasSizeBetween(9, 10);
    }

    @Test
    void withdrawsIpv4InTheWithdrawnRoutesFieldAndIpv6InMpUnreach() {
        AdjRibOut out = new AdjRibOut();
        List<Prefix> prefixes = new ArrayList<>(List.of(Prefix.parse("10.244.1.0/26"), Prefix.parse("2001:db8::/48")));
        prefixes.forEach(p -> out.advertise(p, p.afi() == dev.corvid.codec.Afi.IPV4 ? V4 : V6, PathSource.LOCAL, false));
        out.flush(CTX);
        prefixes.forEach(out::withdraw);
        List<Update> sent = out.flush(CTX);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).withdrawn()).containsExactly(Nlri.parse("10.244.1.0/26"));
        assertThat(sent.get(1).allWithdrawn(Family.IPV6_UNICAST)).containsExactly(Nlri.parse("2001:db8::/48"));
        assertThat(out.size()).isZero();
    }
}
