package dev.corvid.codec.message;

import static dev.corvid.codec.message.MessageWire.decode;
import static dev.corvid.codec.message.MessageWire.decoded;
import static dev.corvid.codec.message.MessageWire.encode;
import static dev.corvid.codec.message.MessageWire.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationCodecTest {
    private static final int NOTIFICATION = 3;

    @Test
    void decodesAndEncodesAShutdownCommunication() {
        Bytes wire = Bytes.fromHex("""
                ffffffffffffffffffffffffffffffff  # marker
                0021                              # length 33
                03                                # type NOTIFICATION
                06                                # Cease
                02                                # Administrative Shutdown
                0b                                # Shutdown Communication Length 11
                6d61696e74656e616e6365            # "maintenance"
                """);
        Notification n = (Notification) decoded(decode(wire));
        assertThat(n).isEqualTo(Notification.shutdown(Notification.ADMINISTRATIVE_SHUTDOWN, "maintenance"));
        assertThat(n.shutdownCommunication()).contains("maintenance");
        assertThat(n.description()).isEqualTo("Cease / Administrative Shutdown");
        assertThat(encode(n)).isEqualTo(wire);
    }

    @Test
    void decodesAndEncodesANotificationWithoutData() {
        Bytes wire = Bytes.fromHex("""
                ffffffffffffffffffffffffffffffff  # marker
                0015                              # length 21
                03                                # type NOTIFICATION
                04                                # Hold Timer Expired
                00                                # no subcode
                """);
        Notification n = (Notification) decoded(decode(wire));
        assertThat(n).isEqualTo(new Notification(Notification.HOLD_TIMER_EXPIRED, 0));
        assertThat(n.description()).isEqualTo("Hold Timer Expired");
        assertThat(n.shutdownCommunication()).isEmpty();
        assertThat(encode(n)).isEqualTo(wire);
    }

    @Test
    void decodesAndEncodesAnOpenErrorWithData() {
        Bytes wire = Bytes.fromHex("""
                ffffffffffffffffffffffffffffffff  # marker
                0017                              # length 23
                03                                # type NOTIFICATION
                02                                # OPEN Message Error
                01                                # Unsupported Version Number
                0004                              # data: version 4
                """);
        Notification n = (Notification) decoded(decode(wire));
        assertThat(n).isEqualTo(new Notification(2, 1, Bytes.fromHex("0004")));
        assertThat(n.description()).isEqualTo("OPEN Message Error / Unsupported Version Number");
        assertThat(encode(n)).isEqualTo(wire);
    }

    @Test
    void encodesMultiByteUtf8ShutdownText() {
        Notification n = Notification.shutdown(Notification.ADMINISTRATIVE_RESET, "ü→🐦");
        assertThat(n.data()).isEqualTo(Bytes.fromHex("""
                09          # length 9
                c3bc        # ü (2 octets)
                e28692      # → (3 octets)
                f09f90a6    # 🐦 (4 octets)
                """));
        Notification back = (Notification) decoded(decode(encode(n)));
        assertThat(back.shutdownCommunication()).contains("ü→🐦");
        assertThat(back.description()).isEqualTo("Cease / Administrative Reset");
    }

    @Test
    void truncatesShutdownTextTo255OctetsWithoutSplittingACharacter() {
        assertThat(Notification.shutdown(2, "a".repeat(300)).shutdownCommunication()).contains("a".repeat(255));
        // é needs 2 octets and only 1 is left: it is dropped whole.
        Notification cut = Notification.shutdown(2, "a".repeat(254) + "é");
        assertThat(cut.data().length()).isEqualTo(1 + 254);
        assertThat(cut.data().get(0)).isEqualTo((byte) 254);
        assertThat(cut.shutdownCommunication()).contains("a".repeat(254));
        // A surrogate pair (🐦, 4 octets) is one character too.
        assertThat(Notification.shutdown(2, "a".repeat(253) + "🐦").shutdownCommunication())
                .contains("a".repeat(253));
        // Exactly 255 octets fit.
        Notification full = Notification.shutdown(2, "a".repeat(253) + "é");
        assertThat(full.data().get(0)).isEqualTo((byte) 255);
        assertThat(full.shutdownCommunication()).contains("a".repeat(253) + "é");
        Notification roundTrip = (Notification) decoded(decode(encode(full)));
        assertThat(roundTrip).isEqualTo(full);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "05 6162      # length 5 but 2 octets follow",
            "02 c328      # not UTF-8",
            "00           # zero length: no text",
            ""})
    void keepsMalformedShutdownDataRawWithoutAnsweringIt(String data) {
        // RFC 4271 §6.4 / RFC 9003 §2: a received NOTIFICATION is never answered; bad text is only not shown.
        Bytes wire = frame(NOTIFICATION, Bytes.fromHex("06 02 " + data));
        Notification n = (Notification) decoded(decode(wire));
        assertThat(n.data()).isEqualTo(Bytes.fromHex(data));
        assertThat(n.shutdownCommunication()).isEmpty();
        assertThat(encode(n)).isEqualTo(wire);
    }

    @Test
    void ignoresOctetsAfterTheShutdownCommunication() {
        Notification n = new Notification(6, 2, Bytes.fromHex("02 6869 ff  # \"hi\" and one more octet"));
        assertThat(n.shutdownCommunication()).contains("hi");
    }

    @Test
    void readsAShutdownCommunicationOnlyForAdministrativeShutdownAndReset() {
        Bytes text = Bytes.fromHex("02 6869");
        assertThat(new Notification(6, 3, text).shutdownCommunication()).isEmpty();
        assertThat(new Notification(2, 2, text).shutdownCommunication()).isEmpty();
        assertThat(new Notification(6, 4, text).shutdownCommunication()).contains("hi");
        assertThatThrownBy(() -> Notification.shutdown(3, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesUnknownCodesAndSubcodes() {
        Bytes wire = frame(NOTIFICATION, Bytes.fromHex("63 07 01  # code 99, subcode 7, data 01"));
        Notification n = (Notification) decoded(decode(wire));
        assertThat(n).isEqualTo(new Notification(99, 7, Bytes.of((byte) 1)));
        assertThat(n.description()).isEqualTo("code 99 / subcode 7");
        assertThat(encode(n)).isEqualTo(wire);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1 | 0  | Message Header Error / Unspecific
            1 | 1  | Message Header Error / Connection Not Synchronized
            1 | 2  | Message Header Error / Bad Message Length
            1 | 3  | Message Header Error / Bad Message Type
            1 | 4  | Message Header Error / subcode 4
            2 | 0  | OPEN Message Error / Unspecific
            2 | 2  | OPEN Message Error / Bad Peer AS
            2 | 3  | OPEN Message Error / Bad BGP Identifier
            2 | 4  | OPEN Message Error / Unsupported Optional Parameter
            2 | 6  | OPEN Message Error / Unacceptable Hold Time
            2 | 7  | OPEN Message Error / Unsupported Capability
            2 | 11 | OPEN Message Error / Role Mismatch
            3 | 1  | UPDATE Message Error / Malformed Attribute List
            3 | 2  | UPDATE Message Error / Unrecognized Well-known Attribute
            3 | 3  | UPDATE Message Error / Missing Well-known Attribute
            3 | 4  | UPDATE Message Error / Attribute Flags Error
            3 | 5  | UPDATE Message Error / Attribute Length Error
            3 | 6  | UPDATE Message Error / Invalid ORIGIN Attribute
            3 | 8  | UPDATE Message Error / Invalid NEXT_HOP Attribute
            3 | 9  | UPDATE Message Error / Optional Attribute Error
            3 | 10 | UPDATE Message Error / Invalid Network Field
            3 | 11 | UPDATE Message Error / Malformed AS_PATH
            4 | 0  | Hold Timer Expired
            5 | 0  | Finite State Machine Error / Unspecified Error
            5 | 1  | Finite State Machine Error / Receive Unexpected Message in OpenSent State
            5 | 2  | Finite State Machine Error / Receive Unexpected Message in OpenConfirm State
            5 | 3  | Finite State Machine Error / Receive Unexpected Message in Established State
            6 | 0  | Cease
            6 | 1  | Cease / Maximum Number of Prefixes Reached
            6 | 2  | Cease / Administrative Shutdown
            6 | 3  | Cease / Peer De-configured
            6 | 4  | Cease / Administrative Reset
            6 | 5  | Cease / Connection Rejected
            6 | 6  | Cease / Other Configuration Change
            6 | 7  | Cease / Connection Collision Resolution
            6 | 8  | Cease / Out of Resources
            6 | 9  | Cease / Hard Reset
            6 | 10 | Cease / BFD Down
            6 | 11 | Cease / subcode 11
            7 | 1  | ROUTE-REFRESH Message Error / Invalid Message Length
            8 | 0  | Send Hold Timer Expired
            0 | 0  | code 0
            """)
    void namesEveryCodeAndSubcode(int code, int subcode, String description) {
        assertThat(new Notification(code, subcode).description()).isEqualTo(description);
    }

    @Test
    void shutdownTextIsUtf8() {
        Notification n = Notification.shutdown(2, "Knoten für Wartung");
        byte[] text = "Knoten für Wartung".getBytes(StandardCharsets.UTF_8);
        assertThat(n.data().length()).isEqualTo(1 + text.length);
        assertThat(n.data().get(0)).isEqualTo((byte) text.length);
    }
}
