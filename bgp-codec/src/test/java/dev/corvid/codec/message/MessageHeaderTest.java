package dev.corvid.codec.message;

import static dev.corvid.codec.message.MessageWire.decode;
import static dev.corvid.codec.message.MessageWire.decoded;
import static dev.corvid.codec.message.MessageWire.encode;
import static dev.corvid.codec.message.MessageWire.frame;
import static dev.corvid.codec.message.MessageWire.malformed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.WireContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4271 §6.1 Message Header Error handling of {@link MessageCodec}, and the KEEPALIVE. */
class MessageHeaderTest {
    private static final Bytes KEEPALIVE = Bytes.fromHex("""
            ffffffffffffffffffffffffffffffff  # marker
            0013                              # length 19
            04                                # type KEEPALIVE
            """);

    @Test
    void decodesAndEncodesAKeepalive() {
        assertThat(decoded(decode(KEEPALIVE))).isEqualTo(Keepalive.INSTANCE);
        assertThat(encode(Keepalive.INSTANCE)).isEqualTo(KEEPALIVE);
    }

    @Test
    void answersAMarkerThatIsNotAllOnesWithConnectionNotSynchronized() {
        Bytes wire = Bytes.fromHex("""
                ffffffffffffffffffffffffffff7fff  # marker with one bit clear
                0013                              # length 19
                04                                # type KEEPALIVE
                """);
        assertThat(malformed(decode(wire))).isEqualTo(new Notification(1, 1));
    }

    @Test
    void answersALengthFieldThatDisagreesWithTheFrameWithBadMessageLength() {
        Bytes wire = Bytes.fromHex("""
                ffffffffffffffffffffffffffffffff  # marker
                0012                              # length 18: less than the header
                04                                # type KEEPALIVE
                """);
        // RFC 4271 §6.1: "the Data field MUST contain the erroneous Length field".
        assertThat(malformed(decode(wire))).isEqualTo(new Notification(1, 2, Bytes.fromHex("0012")));
    }

    @Test
    void answersAFrameShorterThanTheHeaderWithBadMessageLength() {
        Bytes wire = Bytes.fromHex("ffffffffffffffffffffffffffffffff 00  # 17 octets");
        assertThat(malformed(decode(wire))).isEqualTo(new Notification(1, 2, Bytes.fromHex("0011")));
    }

    @Test
    void answersAMessageLongerThan4096WithBadMessageLengthUnlessExtendedMessagesWereNegotiated() {
        Bytes notification = frame(3, Bytes.of(new byte[4097 - 19]));
        assertThat(notification.length()).isEqualTo(4097);
        assertThat(malformed(decode(notification, WireContext.FOUR_OCTET_AS)))
                .isEqualTo(new Notification(1, 2, Bytes.fromHex("1001")));
        // RFC 8654 §4: with Extended Message negotiated a message may be up to 65535 octets.
        BgpMessage m = decoded(decode(notification, WireContext.FOUR_OCTET_AS.withExtendedMessage(true)));
        assertThat(m).isEqualTo(new Notification(0, 0, Bytes.of(new byte[4097 - 21])));
    }

    @Test
    void answersAnUnknownTypeWithBadMessageTypeCarryingTheType() {
        Bytes wire = Bytes.fromHex("""
                ffffffffffffffffffffffffffffffff  # marker
                0013                              # length 19
                06                                # type 6: not defined
                """);
        assertThat(malformed(decode(wire))).isEqualTo(new Notification(1, 3, Bytes.fromHex("06")));
    }

    @ParameterizedTest
    @CsvSource({
            "4, 1,  KEEPALIVE of 20 octets",
            "1, 9,  OPEN of 28 octets (minimum 29)",
            "2, 3,  UPDATE of 22 octets (minimum 23)",
            "3, 1,  NOTIFICATION of 20 octets (minimum 21)"})
    void answersAMessageTooShortForItsTypeWithBadMessageLength(int type, int bodyLength, String what) {
        Bytes wire = frame(type, Bytes.of(new byte[bodyLength]));
        int length = 19 + bodyLength;
        assertThat(malformed(decode(wire))).as(what)
                .isEqualTo(new Notification(1, 2, Bytes.of((byte) (length >>> 8), (byte) length)));
    }

    @Test
    void reportsTheFrameLengthOnceAHeaderIsThere() {
        ByteBuf partial = Unpooled.wrappedBuffer(Bytes.fromHex("ffffffffffffffffffffffffffffffff 00").toArray());
        ByteBuf whole = Unpooled.wrappedBuffer(KEEPALIVE.toArray());
        try {
            assertThat(MessageCodec.frameLength(partial)).isEqualTo(-1);
            assertThat(MessageCodec.frameLength(whole)).isEqualTo(19);
            assertThat(whole.readerIndex()).isZero();
        } finally {
            partial.release();
            whole.release();
        }
    }

    @Test
    void refusesToEncodeAMessageLongerThanTheNegotiatedMaximum() {
        Notification big = new Notification(6, 0, Bytes.of(new byte[4096]));
        ByteBuf out = Unpooled.buffer();
        try {
            out.writeByte(0x2a);
            assertThatThrownBy(() -> MessageCodec.encode(big, WireContext.DEFAULT, out))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(out.writerIndex()).isEqualTo(1);
        } finally {
            out.release();
        }
        assertThat(encode(big, WireContext.DEFAULT.withExtendedMessage(true)).length()).isEqualTo(19 + 2 + 4096);
    }

    @Test
    void keepsOpenAtFourThousandNinetySixOctetsEvenWithExtendedMessages() {
        // RFC 8654 §4: the capability "applies to all messages except for OPEN and KEEPALIVE messages".
        WireContext extended = WireContext.FOUR_OCTET_AS.withExtendedMessage(true);
        byte[] wire = new byte[4097];
        java.util.Arrays.fill(wire, 0, 16, (byte) 0xFF);
        wire[16] = 0x10;
        wire[17] = 0x01;
        wire[18] = 1;
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        DecodeResult result = MessageCodec.decode(buf, extended);
        buf.release();
        assertThat(result).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.notification()).isEqualTo(new Notification(1, 2, Bytes.fromHex("1001"))));
    }
}
