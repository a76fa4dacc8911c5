package dev.corvid.codec.message;

import static dev.corvid.codec.message.MessageWire.decode;
import static dev.corvid.codec.message.MessageWire.decoded;
import static dev.corvid.codec.message.MessageWire.encode;
import static dev.corvid.codec.message.MessageWire.frame;
import static dev.corvid.codec.message.MessageWire.ip;
import static dev.corvid.codec.message.MessageWire.malformed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.capability.AddPath;
import dev.corvid.codec.capability.BgpRole;
import dev.corvid.codec.capability.CapabilitiesParameter;
import dev.corvid.codec.capability.CiscoRouteRefresh;
import dev.corvid.codec.capability.EnhancedRouteRefresh;
import dev.corvid.codec.capability.ExtendedMessage;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.Fqdn;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.capability.LongLivedGracefulRestart;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.capability.RouteRefreshCapability;
import dev.corvid.codec.capability.UnknownCapability;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenCodecTest {
    private static final int OPEN = 1;

    /** BIRD 2 puts every capability in one Capabilities parameter. */
    private static final Bytes BIRD_LIKE = Bytes.fromHex("""
            ffffffffffffffffffffffffffffffff  # marker
            0041                              # length 65
            01                                # type OPEN
            04                                # version 4
            fde9                              # My Autonomous System 65001
            00f0                              # hold time 240 s
            0a000001                          # BGP Identifier 10.0.0.1
            24                                # Optional Parameters Length 36
            02 22                             # Capabilities parameter, 34 octets:
            01 04 0001 00 01                  #   Multiprotocol IPv4 unicast
            01 04 0002 00 01                  #   Multiprotocol IPv6 unicast
            02 00                             #   Route Refresh
            46 00                             #   Enhanced Route Refresh
            40 02 0078                        #   Graceful Restart, no flags, restart time 120 s
            41 04 0000fde9                    #   4-octet AS 65001
            45 04 0001 01 03                  #   ADD-PATH IPv4 unicast send+receive
            06 00                             #   Extended Message
            """);

    private static final Open BIRD_OPEN = new Open(4, 65001, 240, ip("10.0.0.1"), List.of(CapabilitiesParameter.of(
            new Multiprotocol(Family.IPV4_UNICAST),
            new Multiprotocol(Family.IPV6_UNICAST),
            new RouteRefreshCapability(),
            new EnhancedRouteRefresh(),
            new GracefulRestart(0, 120, List.of()),
            new FourOctetAs(65001),
            new AddPath(List.of(new AddPath.Tuple(Family.IPV4_UNICAST, AddPath.Tuple.BOTH))),
            new ExtendedMessage())));

    /** FRR and GoBGP send one capability per Capabilities parameter. */
    private static final Bytes FRR_LIKE = Bytes.fromHex("""
            ffffffffffffffffffffffffffffffff  # marker
            005d                              # length 93
            01                                # type OPEN
            04                                # version 4
            fdea                              # My Autonomous System 65002
            00b4                              # hold time 180 s
            0a000002                          # BGP Identifier 10.0.0.2
            40                                # Optional Parameters Length 64
            02 06 01 04 0001 00 01            # Capabilities: Multiprotocol IPv4 unicast
            02 02 80 00                       # Capabilities: Route Refresh (Cisco)
            02 02 02 00                       # Capabilities: Route Refresh
            02 02 46 00                       # Capabilities: Enhanced Route Refresh
            02 06 41 04 0000fdea              # Capabilities: 4-octet AS 65002
            02 06 45 04 0001 01 01            # Capabilities: ADD-PATH IPv4 unicast receive
            02 09 49 07 05 6672722d31 00      # Capabilities: FQDN hostname "frr-1", no domain
            02 04 40 02 c0 78                 # Capabilities: Graceful Restart R+N, 120 s
            02 09 47 07 0001 01 00 000e10     # Capabilities: LLGR IPv4 unicast, stale time 3600 s
            """);

    private static final Open FRR_OPEN = new Open(4, 65002, 180, ip("10.0.0.2"), List.of(
            CapabilitiesParameter.of(new Multiprotocol(Family.IPV4_UNICAST)),
            CapabilitiesParameter.of(new CiscoRouteRefresh()),
            CapabilitiesParameter.of(new RouteRefreshCapability()),
            CapabilitiesParameter.of(new EnhancedRouteRefresh()),
            CapabilitiesParameter.of(new FourOctetAs(65002)),
            CapabilitiesParameter.of(new AddPath(
                    List.of(new AddPath.Tuple(Family.IPV4_UNICAST, AddPath.Tuple.RECEIVE)))),
            CapabilitiesParameter.of(new Fqdn("frr-1", "")),
            CapabilitiesParameter.of(new GracefulRestart(0xC, 120, List.of())),
            CapabilitiesParameter.of(new LongLivedGracefulRestart(
                    List.of(new LongLivedGracefulRestart.Tuple(Family.IPV4_UNICAST, 0, 3600))))));

    /** RFC 9072: 264 octets of parameters do not fit the 1-octet length, so the extended encoding is used. */
    private static final Bytes EXTENDED = Bytes.fromHex("""
            ffffffffffffffffffffffffffffffff  # marker
            0128                              # length 296
            01                                # type OPEN
            04                                # version 4
            5ba0                              # My Autonomous System AS_TRANS (23456)
            005a                              # hold time 90 s
            c0000201                          # BGP Identifier 192.0.2.1
            ff                                # Non-Ext OP Len (ignored on receipt)
            ff                                # Non-Ext OP Type 255: extended encoding
            0108                              # Extended Opt. Parm. Length 264
            02 0006                           # Capabilities, 2-octet Parameter Length 6
            41 04 fa56ea01                    #   4-octet AS 4200000001
            02 00fc                           # Capabilities, Parameter Length 252
            f0 fa                             #   capability 240, 250 octets
            %s                                #   its value
            """.formatted("ab".repeat(250)));

    private static final Open EXTENDED_OPEN = new Open(4, Open.AS_TRANS, 90, ip("192.0.2.1"), List.of(
            CapabilitiesParameter.of(new FourOctetAs(4_200_000_001L)),
            CapabilitiesParameter.of(new UnknownCapability(240, Bytes.fromHex("ab".repeat(250))))));

    @Test
    void decodesAndEncodesABirdLikeOpenWithAllCapabilitiesInOneParameter() {
        assertThat(decoded(decode(BIRD_LIKE))).isEqualTo(BIRD_OPEN);
        assertThat(encode(BIRD_OPEN)).isEqualTo(BIRD_LIKE);
    }

    @Test
    void decodesAndEncodesAnFrrLikeOpenWithOneCapabilityPerParameter() {
        assertThat(decoded(decode(FRR_LIKE))).isEqualTo(FRR_OPEN);
        assertThat(encode(FRR_OPEN)).isEqualTo(FRR_LIKE);
    }

    @Test
    void decodesAndEncodesAnRfc9072ExtendedParametersOpen() {
        assertThat(decoded(decode(EXTENDED))).isEqualTo(EXTENDED_OPEN);
        assertThat(encode(EXTENDED_OPEN)).isEqualTo(EXTENDED);
    }

    @Test
    void acceptsTheExtendedEncodingForShortParametersAndAnswersWithTheClassicOne() {
        // RFC 9072 §2: "an implementation MUST accept an OPEN message that uses the encoding of this specification
        // even if the length of the Optional Parameters is 255 or less"; §2 also says to send the base encoding then.
        Bytes extended = frame(OPEN, Bytes.fromHex("""
                04 fde9 00b4 0a000001   # version, AS 65001, hold 180, id 10.0.0.1
                ff ff 0009              # Non-Ext OP Len, Non-Ext OP Type 255, Extended Opt. Parm. Length 9
                02 0006 41 04 0000fde9  # Capabilities: 4-octet AS 65001
                """));
        Bytes classic = frame(OPEN, Bytes.fromHex("""
                04 fde9 00b4 0a000001   # version, AS 65001, hold 180, id 10.0.0.1
                08                      # Optional Parameters Length 8
                02 06 41 04 0000fde9    # Capabilities: 4-octet AS 65001
                """));
        Open open = new Open(4, 65001, 180, ip("10.0.0.1"), List.of(CapabilitiesParameter.of(new FourOctetAs(65001))));
        assertThat(decoded(decode(extended))).isEqualTo(open);
        assertThat(decoded(decode(classic))).isEqualTo(open);
        assertThat(encode(open)).isEqualTo(classic);
    }

    @Test
    void usesTheExtendedEncodingWhenNonExtOpTypeIs255WhateverNonExtOpLenSays() {
        // RFC 9072 §3: an OPEN "whose (non-extended) Optional Parameters Length value is not 255 and whose first
        // Optional Parameter type code is 255" is not an error: "the encoding of this specification MUST be used".
        Bytes wire = frame(OPEN, Bytes.fromHex("""
                04 fde9 00b4 0a000001   # version, AS 65001, hold 180, id 10.0.0.1
                0c ff 0005              # Non-Ext OP Len 12 (ignored), Non-Ext OP Type 255, length 5
                02 0002 02 00           # Capabilities, 2 octets: Route Refresh
                """));
        assertThat(decoded(decode(wire))).isEqualTo(new Open(4, 65001, 180, ip("10.0.0.1"),
                List.of(CapabilitiesParameter.of(new RouteRefreshCapability()))));
    }

    @Test
    void decodesAndEncodesAnOpenWithoutParametersAndAnEmptyCapabilitiesParameter() {
        Bytes bare = frame(OPEN, Bytes.fromHex("04 fde9 0000 0a000001 00  # hold time 0, no parameters"));
        Open none = new Open(4, 65001, 0, ip("10.0.0.1"), List.of());
        assertThat(decoded(decode(bare))).isEqualTo(none);
        assertThat(encode(none)).isEqualTo(bare);

        Bytes empty = frame(OPEN, Bytes.fromHex("04 fde9 0003 0a000001 02 02 00  # hold 3, one empty parameter"));
        Open emptyParameter = new Open(4, 65001, 3, ip("10.0.0.1"), List.of(CapabilitiesParameter.of()));
        assertThat(decoded(decode(empty))).isEqualTo(emptyParameter);
        assertThat(encode(emptyParameter)).isEqualTo(empty);
    }

    @Test
    void flattensCapabilitiesAndTakesTheAsFromTheFourOctetCapability() {
        assertThat(FRR_OPEN.capabilities()).hasSize(9).startsWith(new Multiprotocol(Family.IPV4_UNICAST));
        assertThat(BIRD_OPEN.asn()).isEqualTo(65001);
        assertThat(EXTENDED_OPEN.asn()).isEqualTo(4_200_000_001L);
        assertThat(new Open(4, 65010, 90, ip("10.0.0.1"), List.of()).asn()).isEqualTo(65010);

        Open big = Open.of(4_200_000_001L, 90, ip("10.0.0.9"), List.of(new FourOctetAs(4_200_000_001L)));
        assertThat(big.myAutonomousSystem()).isEqualTo(Open.AS_TRANS);
        assertThat(big.parameters()).hasSize(1);
        assertThat(Open.of(65001, 90, ip("10.0.0.9"), List.of()).myAutonomousSystem()).isEqualTo(65001);
    }

    // ---- RFC 4271 §6.2 OPEN Message Errors ----

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5, 255})
    void answersAnotherVersionWithUnsupportedVersionNumberAndVersion4(int version) {
        Bytes wire = frame(OPEN, Bytes.fromHex("%02x fde9 00b4 0a000001 00".formatted(version)));
        Notification n = malformed(decode(wire));
        assertThat(n).isEqualTo(new Notification(2, 1, Bytes.fromHex("0004  # largest supported version")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void rejectsAHoldTimeOfOneOrTwoSeconds(int holdTime) {
        Bytes wire = frame(OPEN, Bytes.fromHex("04 fde9 %04x 0a000001 00".formatted(holdTime)));
        assertThat(malformed(decode(wire))).isEqualTo(new Notification(2, 6));
    }

    @Test
    void rejectsABgpIdentifierOfZero() {
        Bytes wire = frame(OPEN, Bytes.fromHex("04 fde9 00b4 00000000 00"));
        assertThat(malformed(decode(wire))).isEqualTo(new Notification(2, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "04 01 02 aaaa        # Authentication Information (type 1, deprecated by RFC 5492)",
            "06 02 00 ff 02 0000  # empty Capabilities, then 255 where it is not the Non-Ext OP Type (RFC 9072 §3)",
            "03 80 01 00          # type 128"})
    void answersAnUnknownOptionalParameterWithUnsupportedOptionalParameter(String parameters) {
        Bytes wire = frame(OPEN, Bytes.fromHex("04 fde9 00b4 0a000001 " + parameters));
        assertThat(malformed(decode(wire))).isEqualTo(new Notification(2, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "05 02 00             # Optional Parameters Length 5 overruns the message",
            "01 02 00             # Optional Parameters Length 1 leaves octets after the parameters",
            "00 02 00             # Optional Parameters Length 0 followed by octets",
            "04 02 05 02 00       # parameter of 5 octets overruns the Optional Parameters",
            "01 02                # parameter without its Parameter Length",
            "ff ff 00             # Extended Opt. Parm. Length cut off",
            "ff ff 0005 02 0000   # Extended Opt. Parm. Length 5 but 3 octets follow",
            "ff ff 0002 02 00     # extended parameter without its 2-octet Parameter Length",
            "04 02 02 41 04       # capability overruns its parameter",
            "05 02 03 41 01 00    # 4-octet AS capability of 1 octet",
            "04 02 02 02 01       # Route Refresh capability claiming 1 octet it does not have"})
    void answersMalformedParameterLengthsWithOpenMessageErrorUnspecific(String parameters) {
        Bytes wire = frame(OPEN, Bytes.fromHex("04 fde9 00b4 0a000001 " + parameters));
        assertThat(malformed(decode(wire))).isEqualTo(new Notification(2, 0));
    }

    @Test
    void answersDifferentBgpRolesWithRoleMismatch() {
        Bytes wire = frame(OPEN, Bytes.fromHex("""
                04 fde9 00b4 0a000001   # version, AS, hold, id
                08                      # Optional Parameters Length 8
                02 06                   # Capabilities, 6 octets
                09 01 00                #   BGP Role provider
                09 01 03                #   BGP Role customer
                """));
        assertThat(malformed(decode(wire))).isEqualTo(new Notification(2, 11));
    }

    @Test
    void acceptsTheSameBgpRoleTwice() {
        Bytes wire = frame(OPEN, Bytes.fromHex("04 fde9 00b4 0a000001 0a 02 03 09 01 04 02 03 09 01 04"));
        Open open = (Open) decoded(decode(wire));
        assertThat(open.capabilities()).containsExactly(BgpRole.of(BgpRole.Role.PEER), BgpRole.of(BgpRole.Role.PEER));
    }

    @Test
    void keepsUnknownCapabilitiesInsteadOfRejectingThem() {
        // RFC 5492 §3: an unrecognized capability "MUST" be ignored, not answered with a NOTIFICATION.
        Bytes wire = frame(OPEN, Bytes.fromHex("04 fde9 00b4 0a000001 05 02 03 fe 01 2a  # capability 254 = 0x2a"));
        Open open = (Open) decoded(decode(wire));
        assertThat(open.capabilities()).containsExactly(new UnknownCapability(254, Bytes.of((byte) 0x2a)));
        assertThat(encode(open)).isEqualTo(wire);
    }
}
