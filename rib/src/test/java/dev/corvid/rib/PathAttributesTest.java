package dev.corvid.rib;

import static dev.corvid.rib.Fixtures.asPath;
import static dev.corvid.rib.Fixtures.ip;
import static dev.corvid.rib.Fixtures.ip4;
import static dev.corvid.rib.Fixtures.lp;
import static dev.corvid.rib.Fixtures.med;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.attribute.As4Path;
import dev.corvid.codec.attribute.Communities;
import dev.corvid.codec.attribute.MpReach;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.attribute.UnknownAttribute;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathAttributesTest {
    private final UnknownAttribute unknown = new UnknownAttribute(0xC0, 99, Bytes.of((byte) 1));

    @Test
    void holdsAttributesSortedByTypeCodeWithoutNextHopAndNlriCarriers() {
        PathAttributes p = PathAttributes.of(List.of(unknown, med(5), new NextHop(ip4("10.0.0.1")), asPath(65001),
                Origin.IGP, new As4Path(List.of())), ip("10.0.0.1"), Optional.empty());
        assertThat(p.toList(false)).extracting(PathAttribute::typeCode).containsExactly(1, 2, 4, 99);
        assertThat(p.toList(true)).extracting(PathAttribute::typeCode).containsExactly(1, 2, 3, 4, 99);
        assertThat(p.toList(true)).contains(new NextHop(ip4("10.0.0.1")));
        assertThat(p.med()).hasValue(5);
        assertThat(p.localPref()).isEmpty();
        assertThat(p.unknown()).containsExactly(unknown);
    }

    @Test
    void keepsTheFirstOfRepeatedTypeCodes() {
        PathAttributes p = PathAttributes.of(List.of(med(1), med(2)), ip("10.0.0.1"), Optional.empty());
        assertThat(p.med()).hasValue(1);
    }

    @Test
    void withAndWithoutReturnNewSetsAndLeaveTheOriginal() {
        PathAttributes p = PathAttributes.of(List.of(Origin.IGP), ip("10.0.0.1"), Optional.empty());
        PathAttributes q = p.with(lp(200)).with(new Communities(List.of(1))).without(PathAttribute.ORIGIN);
        assertThat(p.localPref()).isEmpty();
        assertThat(q.localPref()).hasValue(200);
        assertThat(q.communities()).containsExactly(1);
        assertThat(q.find(PathAttribute.ORIGIN)).isEmpty();
        assertThat(q.with(lp(200))).isSameAs(q);
        assertThat(q.with(new NextHop(ip4("10.0.0.9"))).nextHop()).isEqualTo(ip("10.0.0.9"));
        assertThatThrownBy(() -> p.with(new MpReach(Family.IPV6_UNICAST, Bytes.EMPTY, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesTheNextHopFromTheUpdateOfEachFamily() {
        Update v4 = new Update(List.of(), List.of(Origin.IGP, asPath(), new NextHop(ip4("192.0.2.1"))),
                List.of(Nlri.parse("10.0.0.0/8")));
        assertThat(PathAttributes.fromUpdate(v4, Family.IPV4_UNICAST).nextHop()).isEqualTo(ip("192.0.2.1"));

        byte[] both = new byte[32];
        System.arraycopy(ip("2001:db8::1").getAddress(), 0, both, 0, 16);
        System.arraycopy(ip("fe80::1").getAddress(), 0, both, 16, 16);
        Update v6 = new Update(List.of(), List.of(Origin.IGP, asPath(),
                new MpReach(Family.IPV6_UNICAST, Bytes.of(both), List.of(Nlri.parse("2001:db8:1::/48")))), List.of());
        PathAttributes p = PathAttributes.fromUpdate(v6, Family.IPV6_UNICAST);
        assertThat(p.nextHop()).isEqualTo(ip("2001:db8::1"));
        assertThat(p.linkLocalNextHop()).contains(ip("fe80::1"));
        assertThat(p.mpNextHop()).isEqualTo(Bytes.of(both));
        assertThat(p.toList(true)).extracting(PathAttribute::typeCode).containsExactly(1, 2);
        assertThatThrownBy(() -> PathAttributes.fromUpdate(v4, Family.IPV6_UNICAST))
                .hasMessageContaining("no next hop for ipv6-unicast");
    }

    @Test
    void equalSetsAreEqualWhateverTheInputOrder() {
        PathAttributes x = PathAttributes.of(List.of(Origin.IGP, med(1), asPath(1)), ip("10.0.0.1"), Optional.empty());
        PathAttributes y = PathAttributes.of(List.of(asPath(1), med(1), Origin.IGP), ip("10.0.0.1"), Optional.empty());
        assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
        assertThat(x).isNotEqualTo(y.withNextHop(ip("10.0.0.2")));
    }
}
