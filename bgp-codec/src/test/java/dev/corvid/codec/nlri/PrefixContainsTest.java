package dev.corvid.codec.nlri;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** {@link Prefix#contains}: the address's leading {@code length} bits equal the prefix's. */
class PrefixContainsTest {

    private static boolean contains(String prefix, String address) {
        return Prefix.parse(prefix).contains(InetAddress.ofLiteral(address));
    }

    @Test
    void anAddressIsInsideExactlyWhenItsLeadingBitsMatch() {
        assertThat(contains("10.244.1.0/26", "10.244.1.63")).isTrue();
        assertThat(contains("10.244.1.0/26", "10.244.1.64")).isFalse();
        assertThat(contains("10.0.0.0/8", "10.255.255.255")).isTrue();
        assertThat(contains("10.0.0.0/9", "10.128.0.1")).isFalse();
        assertThat(contains("0.0.0.0/0", "192.0.2.1")).isTrue();
        assertThat(contains("192.0.2.1/32", "192.0.2.1")).isTrue();
        assertThat(contains("fd00:77::/64", "fd00:77::9")).isTrue();
        assertThat(contains("fd00:77::/64", "fd00:77:1::9")).isFalse();
    }

    @Test
    void anAddressOfTheOtherFamilyIsNeverInside() {
        assertThat(contains("0.0.0.0/0", "::1")).isFalse();
        assertThat(contains("::/0", "10.0.0.1")).isFalse();
    }
}
