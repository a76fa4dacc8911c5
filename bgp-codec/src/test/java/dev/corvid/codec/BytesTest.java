package dev.corvid.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void readsAnnotatedHexIgnoringCommentsSpacesAndColons() {
        Bytes b = Bytes.fromHex("""
                ff ff   # marker
                00:13   # length
                04      # type # with a second hash
                """);
        assertThat(b.hex()).isEqualTo("ffff001304");
        assertThat(b).isEqualTo(Bytes.of(new byte[] {(byte) 0xff, (byte) 0xff, 0, 0x13, 4})).hasSameHashCodeAs(Bytes.fromHex("FFFF001304"));
    }

    @Test
    void rejectsOddDigitsAndNonHex() {
        assertThatThrownBy(() -> Bytes.fromHex("fff")).hasMessageContaining("odd");
        assertThatThrownBy(() -> Bytes.fromHex("0g")).hasMessageContaining("'g' at offset 1");
    }

    @Test
    void copiesSoTheCallerCannotChangeIt() {
        byte[] raw = {1, 2};
        Bytes b = Bytes.of(raw);
        raw[0] = 9;
        b.toArray()[1] = 9;
        assertThat(b.hex()).isEqualTo("0102");
    }
}
