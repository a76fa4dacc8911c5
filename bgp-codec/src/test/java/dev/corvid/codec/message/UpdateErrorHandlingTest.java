package dev.corvid.codec.message;

import static dev.corvid.codec.message.UpdateCodecTest.decode;
import static dev.corvid.codec.message.UpdateCodecTest.ip;
import static dev.corvid.codec.message.UpdateCodecTest.nlri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.Severity;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.testing.LeakCheck;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One malformed vector per message-level RFC 7606 rule the UPDATE codec implements, with its outcome. */
@ExtendWith(LeakCheck.class)
class UpdateErrorHandlingTest {
    static final WireContext FOUR = WireContext.FOUR_OCTET_AS;

    @Test
    void resetsSessionWhenWithdrawnRoutesLengthOverrunsTheMessage() {
        // RFC 7606 §3.b: Withdrawn Routes Length + Total Attribute Length + 23 exceeds the message length.
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                0017                              # length 23
                02                                # UPDATE
                0005                              # Withdrawn Routes Length 5, but only 2 octets follow
                0000                              #
                """, FOUR);
        assertMalformed(result, UpdateCodec.MALFORMED_ATTRIBUTE_LIST);
    }

    @Test
    void resetsSessionWhenTotalAttributeLengthOverrunsTheMessage() {
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                0018                              # length 24
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                0005                              # Total Path Attribute Length 5, but 1 octet follows
                00                                #
                """, FOUR);
        assertMalformed(result, UpdateCodec.MALFORMED_ATTRIBUTE_LIST);
        assertThat(((DecodeResult.Malformed) result).reason()).contains("RFC 7606 §3.b");
    }

    @Test
    void resetsSessionOnSyntacticallyIncorrectWithdrawnRoutes() {
        // RFC 7606 §3.i + §5.3: a prefix length beyond 32 in the Withdrawn Routes field; §3.j: session reset.
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                0019                              # length 25
                02                                # UPDATE
                0002                              # Withdrawn Routes Length 2
                21 0a                             # prefix length 33: longer than 32 bits
                0000                              # Total Path Attribute Length 0
                """, FOUR);
        assertMalformed(result, UpdateCodec.INVALID_NETWORK_FIELD);
        assertThat(((DecodeResult.Malformed) result).reason()).contains("Withdrawn Routes");
    }

    @Test
    void resetsSessionWhenTheLastNlriOverrunsTheMessage() {
        // RFC 7606 §5.3: "the length of the last NLRI found exceeds the unconsumed data remaining".
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                0028                              # length 40
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                000e                              # Total Path Attribute Length 14
                40 01 01 00                       # ORIGIN IGP
                40 02 00                          # AS_PATH empty
                40 03 04 0a000001                 # NEXT_HOP 10.0.0.1
                18 0af4                           # /24 needs 3 octets, 2 remain
                """, FOUR);
        assertMalformed(result, UpdateCodec.INVALID_NETWORK_FIELD);
        assertThat(((DecodeResult.Malformed) result).reason()).contains("NLRI");
    }

    @Test
    void treatsMissingAsPathAsWithdraw() {
        // RFC 7606 §3.d: a well-known mandatory attribute is missing from an UPDATE that announces NLRI.
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                0026                              # length 38
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                000b                              # Total Path Attribute Length 11
                40 01 01 00                       # ORIGIN IGP
                40 03 04 0a000001                 # NEXT_HOP 10.0.0.1 (no AS_PATH)
                18 0af401                         # 10.244.1.0/24
                """, FOUR);
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(result.severity()).isEqualTo(Severity.TREAT_AS_WITHDRAW);
        assertThat(((DecodeResult.Decoded) result).errors()).extracting(AttributeError::attributeType)
                .containsExactly(PathAttribute.AS_PATH);
        assertThat(((DecodeResult.Decoded) result).message()).isEqualTo(new Update(List.of(),
                List.of(Origin.IGP, new NextHop(ip("10.0.0.1"))), nlri("10.244.1.0/24")));
    }

    @Test
    void treatsMissingNextHopForIpv4NlriAsWithdraw() {
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                0022                              # length 34
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                0007                              # Total Path Attribute Length 7
                40 01 01 00                       # ORIGIN IGP
                40 02 00                          # AS_PATH empty (no NEXT_HOP)
                18 0af401                         # 10.244.1.0/24
                """, FOUR);
        assertThat(result.severity()).isEqualTo(Severity.TREAT_AS_WITHDRAW);
        assertThat(((DecodeResult.Decoded) result).errors()).extracting(AttributeError::attributeType)
                .containsExactly(PathAttribute.NEXT_HOP);
    }

    @Test
    void doesNotAskForMandatoryAttributesWithoutNlri() {
        // RFC 7606 §3.d applies to UPDATEs that announce: a withdrawal carries no mandatory attributes.
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                001e                              # length 30
                02                                # UPDATE
                0003                              # Withdrawn Routes Length 3
                10 0af4                           # 10.244.0.0/16
                0004                              # Total Path Attribute Length 4
                40 01 01 00                       # ORIGIN IGP (allowed, not required)
                """, FOUR);
        assertThat(result).isEqualTo(new DecodeResult.Decoded(new Update(nlri("10.244.0.0/16"),
                List.of(Origin.IGP), List.of())));
    }

    @Test
    void resetsSessionWhenAnUpdateWithoutReachableNlriHasAWithdrawError() {
        // RFC 7606 §5.2: attributes other than MP_UNREACH_NLRI, no reachable NLRI, and an error stronger than
        // attribute discard (here ORIGIN 5, treat-as-withdraw by §7.1): the NLRI cannot be trusted, reset.
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                001e                              # length 30
                02                                # UPDATE
                0003                              # Withdrawn Routes Length 3
                10 0af4                           # 10.244.0.0/16
                0004                              # Total Path Attribute Length 4
                40 01 01 05                       # ORIGIN 5: undefined value
                """, FOUR);
        assertMalformed(result, UpdateCodec.MALFORMED_ATTRIBUTE_LIST);
        assertThat(((DecodeResult.Malformed) result).reason()).contains("RFC 7606 §5.2");
    }

    @Test
    void keepsAttributeDiscardWithoutReachableNlri() {
        // RFC 7606 §5.2 escalates only errors stronger than attribute discard (ATOMIC_AGGREGATE §7.6 is discard).
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                001e                              # length 30
                02                                # UPDATE
                0003                              # Withdrawn Routes Length 3
                10 0af4                           # 10.244.0.0/16
                0004                              # Total Path Attribute Length 4
                40 06 01 00                       # ATOMIC_AGGREGATE with a 1-octet value: malformed (§7.6)
                """, FOUR);
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(result.severity()).isEqualTo(Severity.ATTRIBUTE_DISCARD);
        assertThat(((DecodeResult.Decoded) result).message()).isEqualTo(new Update(nlri("10.244.0.0/16"), List.of(),
                List.of()));
    }

    @Test
    void appliesTheHarshestOfSeveralErrors() {
        // RFC 7606 §3.h: ATOMIC_AGGREGATE malformed (discard) and ORIGIN malformed (withdraw): withdraw wins.
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                002e                              # length 46
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                0013                              # Total Path Attribute Length 19
                40 01 01 07                       # ORIGIN 7: undefined value (§7.1 treat-as-withdraw)
                40 02 00                          # AS_PATH empty
                40 03 04 0a000001                 # NEXT_HOP 10.0.0.1
                40 06 02 0000                     # ATOMIC_AGGREGATE with a value (§7.6 attribute discard)
                18 0af401                         # 10.244.1.0/24
                """, FOUR);
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(((DecodeResult.Decoded) result).errors()).extracting(AttributeError::action)
                .containsExactlyInAnyOrder(Severity.TREAT_AS_WITHDRAW, Severity.ATTRIBUTE_DISCARD);
        assertThat(result.severity()).isEqualTo(Severity.TREAT_AS_WITHDRAW);
        Update update = (Update) ((DecodeResult.Decoded) result).message();
        assertThat(update.attributes()).containsExactly(AsPath.EMPTY, new NextHop(ip("10.0.0.1")));
    }

    @Test
    void resetsSessionWhenTheAttributeCodecSaysSo() {
        // RFC 7606 §3.g (the attribute codec's rule): MP_UNREACH_NLRI twice; its reset is the UPDATE's outcome.
        DecodeResult result = decode("""
                ffffffffffffffffffffffffffffffff  # marker
                0023                              # length 35
                02                                # UPDATE
                0000                              # Withdrawn Routes Length 0
                000c                              # Total Path Attribute Length 12
                80 0f 03 0002 01                  # MP_UNREACH_NLRI IPv6 unicast
                80 0f 03 0002 01                  # MP_UNREACH_NLRI again
                """, FOUR);
        assertMalformed(result, UpdateCodec.MALFORMED_ATTRIBUTE_LIST);
    }

    private static void assertMalformed(DecodeResult result, int subcode) {
        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
        Notification n = ((DecodeResult.Malformed) result).notification();
        assertThat(n.code()).isEqualTo(Notification.UPDATE_MESSAGE_ERROR);
        assertThat(n.subcode()).isEqualTo(subcode);
        assertThat(result.severity()).isEqualTo(Severity.SESSION_RESET);
    }
}
