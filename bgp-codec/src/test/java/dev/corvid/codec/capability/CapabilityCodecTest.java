package dev.corvid.codec.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CapabilityCodecTest {

    static List<Arguments> vectors() {
        return List.of(
                Arguments.of("""
                        01          # Multiprotocol (RFC 4760 §8)
                        04          # length
                        0002        # AFI IPv6
                        00          # reserved
                        01          # SAFI unicast
                        """, new Multiprotocol(Family.IPV6_UNICAST)),
                Arguments.of("""
                        01 04       # Multiprotocol, length 4
                        0001 00 80  # AFI IPv4, reserved, SAFI 128 (MPLS-labeled VPN)
                        """, new Multiprotocol(new Family(1, 128))),
                Arguments.of("02 00       # Route Refresh (RFC 2918), no value", new RouteRefreshCapability()),
                Arguments.of("80 00       # Route Refresh (Cisco, pre-standard)", new CiscoRouteRefresh()),
                Arguments.of("46 00       # Enhanced Route Refresh (RFC 7313)", new EnhancedRouteRefresh()),
                Arguments.of("06 00       # Extended Message (RFC 8654)", new ExtendedMessage()),
                Arguments.of("""
                        41 04       # 4-octet AS (RFC 6793), length 4
                        fa56ea01    # AS 4200000001
                        """, new FourOctetAs(4_200_000_001L)),
                Arguments.of("""
                        40 0a       # Graceful Restart (RFC 4724), length 10
                        c078        # flags R+N (0xc), restart time 120 s
                        0001 01 80  # IPv4 unicast, forwarding state preserved
                        0002 01 00  # IPv6 unicast, not preserved
                        """, new GracefulRestart(0xC, 120, List.of(
                        new GracefulRestart.Tuple(Family.IPV4_UNICAST, 0x80),
                        new GracefulRestart.Tuple(Family.IPV6_UNICAST, 0)))),
                Arguments.of("""
                        40 02       # Graceful Restart, length 2: restart-aware only
                        0fff        # no flags, restart time 4095 s
                        """, new GracefulRestart(0, 4095, List.of())),
                Arguments.of("""
                        47 0e       # Long-Lived Graceful Restart (RFC 9494), length 14
                        0001 01 80  # IPv4 unicast, F bit
                        000e10      # stale time 3600 s
                        0002 01 00  # IPv6 unicast, no flags
                        ffffff      # stale time 16777215 s
                        """, new LongLivedGracefulRestart(List.of(
                        new LongLivedGracefulRestart.Tuple(Family.IPV4_UNICAST, 0x80, 3600),
                        new LongLivedGracefulRestart.Tuple(Family.IPV6_UNICAST, 0, 0xFFFFFF)))),
                Arguments.of("""
                        45 08       # ADD-PATH (RFC 7911), length 8
                        0001 01 03  # IPv4 unicast, send and receive
                        0002 01 01  # IPv6 unicast, receive
                        """, new AddPath(List.of(
                        new AddPath.Tuple(Family.IPV4_UNICAST, AddPath.Tuple.BOTH),
                        new AddPath.Tuple(Family.IPV6_UNICAST, AddPath.Tuple.RECEIVE)))),
                Arguments.of("""
                        05 0c       # Extended Next Hop (RFC 8950), length 12
                        0001 0001   # NLRI AFI IPv4, NLRI SAFI unicast (2 octets)
                        0002        # next hop AFI IPv6
                        0001 0080   # NLRI IPv4 / SAFI 128
                        0002        # next hop AFI IPv6
                        """, new ExtendedNextHop(List.of(
                        new ExtendedNextHop.Tuple(Family.IPV4_UNICAST, 2),
                        new ExtendedNextHop.Tuple(new Family(1, 128), 2)))),
                Arguments.of("""
                        09 01       # BGP Role (RFC 9234), length 1
                        03          # customer
                        """, BgpRole.of(BgpRole.Role.CUSTOMER)),
                Arguments.of("""
                        49 0f             # FQDN (draft-walton-bgp-hostname), length 15
                        06 6e6f64652d31   # hostname "node-1"
                        07 6578616d706c65 # domain name "example"
                        """, new Fqdn("node-1", "example")),
                Arguments.of("""
                        49 08             # FQDN, length 8
                        06 6ec593756421   # hostname "nœud!" (œ is 2 octets of UTF-8)
                        00                # no domain name
                        """, new Fqdn("nœud!", "")),
                Arguments.of("""
                        83 03       # capability 131, unknown to corvid
                        010203      # value kept as is
                        """, new UnknownCapability(131, Bytes.of((byte) 1, (byte) 2, (byte) 3))));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesAndEncodesEveryCapability(String hex, Capability expected) {
        Bytes wire = Bytes.fromHex(hex);
        assertThat(decodeAll(wire)).containsExactly(expected);
        assertThat(encode(expected)).isEqualTo(wire);
        assertThat(CapabilityCodec.valueLength(expected)).isEqualTo(wire.length() - 2);
    }

    @Test
    void ignoresTheReservedOctetOfMultiprotocol() {
        // RFC 4760 §8: Reserved "SHOULD be set to 0 by the sender and ignored by the receiver".
        assertThat(decodeAll(Bytes.fromHex("01 04 0001 7f 01  # reserved 0x7f")))
                .containsExactly(new Multiprotocol(Family.IPV4_UNICAST));
    }

    @Test
    void decodesSeveralCapabilitiesInOneParameterInOrder() {
        Bytes wire = Bytes.fromHex("""
                02 00       # Route Refresh
                41 04 0000fde9  # 4-octet AS 65001
                83 00       # unknown 131, empty
                """);
        assertThat(decodeAll(wire)).containsExactly(new RouteRefreshCapability(), new FourOctetAs(65001),
                new UnknownCapability(131, Bytes.EMPTY));
    }

    @Test
    void namesFlagBitsAndRoles() {
        GracefulRestart gr = new GracefulRestart(GracefulRestart.RESTART_STATE, 90,
                List.of(new GracefulRestart.Tuple(Family.IPV4_UNICAST, GracefulRestart.Tuple.FORWARDING_STATE)));
        assertThat(gr.restartState()).isTrue();
        assertThat(gr.notification()).isFalse();
        assertThat(gr.families().getFirst().forwardingState()).isTrue();
        assertThat(new GracefulRestart(GracefulRestart.NOTIFICATION, 0, List.of()).notification()).isTrue();
        assertThat(new LongLivedGracefulRestart.Tuple(Family.IPV4_UNICAST, 0x80, 1).forwardingState()).isTrue();
        AddPath.Tuple send = new AddPath.Tuple(Family.IPV4_UNICAST, AddPath.Tuple.SEND);
        assertThat(send.send()).isTrue();
        assertThat(send.receive()).isFalse();
        // RFC 7911 §4: another value "SHOULD be treated as not understood and ignored".
        AddPath.Tuple odd = new AddPath.Tuple(Family.IPV4_UNICAST, 7);
        assertThat(odd.send() || odd.receive()).isFalse();
        assertThat(new BgpRole(0).role()).contains(BgpRole.Role.PROVIDER);
        assertThat(new BgpRole(1).role().map(BgpRole.Role::label)).contains("rs");
        assertThat(new BgpRole(2).role().map(BgpRole.Role::label)).contains("rs-client");
        assertThat(new BgpRole(4).role()).contains(BgpRole.Role.PEER);
    }

    @Test
    void keepsAnUndefinedRoleValueAsSent() {
        Bytes wire = Bytes.fromHex("09 01 05  # BGP Role 5, not defined by RFC 9234");
        assertThat(decodeAll(wire)).containsExactly(new BgpRole(5));
        assertThat(new BgpRole(5).role()).isEmpty();
        assertThat(encode(new BgpRole(5))).isEqualTo(wire);
    }

    @Test
    void keepsAnExtendedNextHopWithASafiAbove255Raw() {
        Bytes wire = Bytes.fromHex("""
                05 06       # Extended Next Hop, length 6
                0001 0100   # NLRI SAFI 256 does not fit a Family
                0002        # next hop AFI IPv6
                """);
        assertThat(decodeAll(wire)).containsExactly(new UnknownCapability(5, Bytes.fromHex("0001 0100 0002")));
        assertThat(encode(new UnknownCapability(5, Bytes.fromHex("0001 0100 0002")))).isEqualTo(wire);
    }

    @Test
    void keepsAnFqdnThatIsNotUtf8Raw() {
        Bytes wire = Bytes.fromHex("""
                49 04       # FQDN, length 4
                02 61ff     # hostname "a" + 0xff, not UTF-8
                00          # no domain
                """);
        assertThat(decodeAll(wire)).containsExactly(new UnknownCapability(73, Bytes.fromHex("02 61ff 00")));
    }

    static List<Arguments> malformed() {
        return List.of(
                Arguments.of("01 03 0001 00       # Multiprotocol of 3 octets", "Multiprotocol"),
                Arguments.of("01 05 0001 00 01 00 # Multiprotocol of 5 octets", "Multiprotocol"),
                Arguments.of("41 02 fde9          # 4-octet AS of 2 octets", "4-octet AS"),
                Arguments.of("02 01 00            # Route Refresh with a value", "capability 2"),
                Arguments.of("80 01 00            # Cisco Route Refresh with a value", "capability 128"),
                Arguments.of("46 02 0000          # Enhanced Route Refresh with a value", "capability 70"),
                Arguments.of("06 01 00            # Extended Message with a value", "capability 6"),
                Arguments.of("09 00               # BGP Role without its octet", "BGP Role"),
                Arguments.of("09 02 0000          # BGP Role of 2 octets", "BGP Role"),
                Arguments.of("40 00               # Graceful Restart without flags/time", "Graceful Restart"),
                Arguments.of("40 05 0078 0001 01  # Graceful Restart with 3 octets of a family", "Graceful Restart"),
                Arguments.of("45 03 0001 01       # ADD-PATH of 3 octets", "ADD-PATH"),
                Arguments.of("47 06 0001 01 00 0000 # LLGR of 6 octets", "Long-Lived GR"),
                Arguments.of("05 04 0001 0001     # Extended Next Hop of 4 octets", "Extended Next Hop"),
                Arguments.of("49 00               # FQDN without a hostname length", "FQDN"),
                Arguments.of("49 03 05 6162       # FQDN hostname of 5 in 2 octets", "FQDN"),
                Arguments.of("49 02 01 61         # FQDN without the domain name length", "FQDN"),
                Arguments.of("49 04 01 61 00 00   # FQDN with an octet after the domain", "FQDN"),
                Arguments.of("41 04 0000          # capability overruns its parameter", "overruns"),
                Arguments.of("41                  # code without a length", "lacks its Capability Length"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsAKnownCapabilityOfTheWrongLengthOrOneThatOverrunsItsParameter(String hex, String reason) {
        ByteBuf buf = Unpooled.wrappedBuffer(Bytes.fromHex(hex).toArray());
        try {
            assertThat(CapabilityCodec.decode(buf, new ArrayList<>())).contains(reason);
        } finally {
            buf.release();
        }
    }

    @Test
    void refusesToEncodeACapabilityLongerThan255Octets() {
        List<GracefulRestart.Tuple> families =
                Collections.nCopies(64, new GracefulRestart.Tuple(Family.IPV4_UNICAST, 0));
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> CapabilityCodec.encode(new GracefulRestart(0, 0, families), out))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(out.writerIndex()).isZero();
        } finally {
            out.release();
        }
        assertThatThrownBy(() -> new Fqdn("h".repeat(200), "d".repeat(60)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnknownCapability(1, Bytes.of(new byte[256])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<Capability> decodeAll(Bytes wire) {
        ByteBuf buf = Unpooled.wrappedBuffer(wire.toArray());
        try {
            List<Capability> out = new ArrayList<>();
            assertThat(CapabilityCodec.decode(buf, out)).isNull();
            assertThat(buf.isReadable()).isFalse();
            return out;
        } finally {
            buf.release();
        }
    }

    static Bytes encode(Capability c) {
        ByteBuf out = Unpooled.buffer();
        try {
            CapabilityCodec.encode(c, out);
            return Bytes.read(out, out.readableBytes());
        } finally {
            out.release();
        }
    }
}
