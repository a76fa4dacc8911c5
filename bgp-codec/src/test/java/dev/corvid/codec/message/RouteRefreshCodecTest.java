package dev.corvid.codec.message;

import static dev.corvid.codec.message.MessageWire.decode;
import static dev.corvid.codec.message.MessageWire.decoded;
import static dev.corvid.codec.message.MessageWire.encode;
import static dev.corvid.codec.message.MessageWire.frame;
import static dev.corvid.codec.message.MessageWire.malformed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteRefreshCodecTest {
    private static final int ROUTE_REFRESH = 5;

    static List<Arguments> vectors() {
        return List.of(
                Arguments.of("""
                        ffffffffffffffffffffffffffffffff  # marker
                        0017                              # length 23
                        05                                # type ROUTE-REFRESH
                        0001                              # AFI IPv4
                        00                                # subtype 0: normal request (RFC 2918 Reserved)
                        01                                # SAFI unicast
                        """, RouteRefresh.request(Family.IPV4_UNICAST)),
                Arguments.of("""
                        ffffffffffffffffffffffffffffffff  # marker
                        0017                              # length 23
                        05                                # type ROUTE-REFRESH
                        0002                              # AFI IPv6
                        01                                # subtype 1: Beginning of Route Refresh (RFC 7313)
                        01                                # SAFI unicast
                        """, new RouteRefresh(Family.IPV6_UNICAST, RouteRefresh.BEGINNING_OF_ROUTE_REFRESH)),
                Arguments.of("""
                        ffffffffffffffffffffffffffffffff  # marker
                        0017                              # length 23
                        05                                # type ROUTE-REFRESH
                        0001                              # AFI IPv4
                        02                                # subtype 2: End of Route Refresh (RFC 7313)
                        80                                # SAFI 128
                        """, new RouteRefresh(new Family(1, 128), RouteRefresh.END_OF_ROUTE_REFRESH)));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesAndEncodesRouteRefreshBorrAndEorr(String hex, RouteRefresh expected) {
        Bytes wire = Bytes.fromHex(hex);
        RouteRefresh decoded = (RouteRefresh) decoded(decode(wire));
        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.mustBeIgnored()).isFalse();
        assertThat(encode(expected)).isEqualTo(wire);
    }

    @Test
    void decodesAnUnknownSubtypeForTheSessionToIgnore() {
        // RFC 7313 §5: "MUST ignore the received ROUTE-REFRESH message" — not reset the session.
        Bytes wire = frame(ROUTE_REFRESH, Bytes.fromHex("0001 07 01  # IPv4, subtype 7, unicast"));
        RouteRefresh rr = (RouteRefresh) decoded(decode(wire));
        assertThat(rr).isEqualTo(new RouteRefresh(Family.IPV4_UNICAST, 7));
        assertThat(rr.mustBeIgnored()).isTrue();
        assertThat(encode(rr)).isEqualTo(wire);
    }

    @Test
    void ignoresAnUnknownSubtypeEvenWhenTheLengthIsWrong() {
        Bytes wire = frame(ROUTE_REFRESH, Bytes.fromHex("0001 80 01 00  # subtype 128 and one octet more"));
        RouteRefresh rr = (RouteRefresh) decoded(decode(wire));
        assertThat(rr.mustBeIgnored()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0001 01 01 00   # BoRR with one octet too many",
            "0001 02 01 0000 # EoRR with two octets too many",
            "0001 00 01 00   # normal request with one octet too many (no ORF is negotiated)",
            "0001 00         # too short to hold a SAFI",
            ""})
    void answersAWrongLengthWithInvalidMessageLengthCarryingTheWholeMessage(String body) {
        // RFC 7313 §5: code 7 subcode 1; "The Data field ... MUST contain the complete ROUTE-REFRESH message."
        Bytes wire = frame(ROUTE_REFRESH, Bytes.fromHex(body));
        assertThat(malformed(decode(wire))).isEqualTo(new Notification(7, 1, wire));
    }
}
