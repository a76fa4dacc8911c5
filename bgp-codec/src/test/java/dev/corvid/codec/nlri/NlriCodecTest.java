package dev.corvid.codec.nlri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4271 §4.3 NLRI encoding, RFC 4760 §5 for IPv6, RFC 7911 §3 path identifiers. */
class NlriCodecTest {

    static List<Nlri> decode(String hex, Afi afi, boolean addPath) {
        ByteBuf buf = Unpooled.wrappedBuffer(Bytes.fromHex(hex).toArray());
        List<Nlri> out = new ArrayList<>();
        String error = NlriCodec.decode(buf, afi, addPath, out);
        buf.release();
        assertThat(error).isNull();
        return out;
    }

    static String encode(List<Nlri> nlri, boolean addPath) {
        ByteBuf buf = Unpooled.buffer();
        NlriCodec.encodeAll(nlri, addPath, buf);
        String hex = io.netty.buffer.ByteBufUtil.hexDump(buf);
        buf.release();
        return hex;
    }

    static String error(String hex, Afi afi, boolean addPath) {
        ByteBuf buf = Unpooled.wrappedBuffer(Bytes.fromHex(hex).toArray());
        String error = NlriCodec.decode(buf, afi, addPath, new ArrayList<>());
        buf.release();
        return error;
    }

    @Test
    void ipv4PrefixesTakeTheFewestOctetsThatHoldTheirLength() {
        String hex = """
                00             # 0.0.0.0/0: no address octets
                08 0a          # 10.0.0.0/8
                12 0a f4 40    # 10.244.64.0/18: 3 octets
                1a 0a f4 01 40 # 10.244.1.64/26
                20 c0 00 02 01 # 192.0.2.1/32
                """;
        List<Nlri> nlri = List.of(Nlri.parse("0.0.0.0/0"), Nlri.parse("10.0.0.0/8"), Nlri.parse("10.244.64.0/18"),
                Nlri.parse("10.244.1.64/26"), Nlri.parse("192.0.2.1/32"));

        assertThat(decode(hex, Afi.IPV4, false)).isEqualTo(nlri);
        assertThat(encode(nlri, false)).isEqualTo(Bytes.fromHex(hex).hex());
    }

    @Test
    void ipv6PrefixesUpToOneHundredTwentyEightBits() {
        String hex = """
                30 20 01 0d b8 00 01                                 # 2001:db8:1::/48
                40 fd 00 00 99 00 00 00 00                           # fd00:99::/64
                80 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   # 2001:db8::1/128
                """;
        List<Nlri> nlri = List.of(Nlri.parse("2001:db8:1::/48"), Nlri.parse("fd00:99::/64"), Nlri.parse("2001:db8::1/128"));

        assertThat(decode(hex, Afi.IPV6, false)).isEqualTo(nlri);
        assertThat(encode(nlri, false)).isEqualTo(Bytes.fromHex(hex).hex());
    }

    @Test
    void addPathEntriesStartWithAFourOctetPathIdentifier() {
        String hex = """
                00 00 00 01  18 0a 00 01   # path 1: 10.0.1.0/24
                ff ff ff ff  18 0a 00 01   # path 4294967295: same prefix
                """;
        List<Nlri> nlri = List.of(new Nlri(Prefix.parse("10.0.1.0/24"), 1), new Nlri(Prefix.parse("10.0.1.0/24"), -1));

        assertThat(decode(hex, Afi.IPV4, true)).isEqualTo(nlri);
        assertThat(encode(nlri, true)).isEqualTo(Bytes.fromHex(hex).hex());
        assertThat(nlri.get(1).toString()).isEqualTo("10.0.1.0/24 path-id 4294967295");
    }

    @Test
    void trailingBitsBeyondTheLengthAreIgnored() {
        // RFC 4271 §4.3: "the value of trailing bits is irrelevant".
        assertThat(decode("18 0a 00 01", Afi.IPV4, false)).containsExactly(Nlri.parse("10.0.1.0/24"));
        assertThat(decode("17 0a 00 01", Afi.IPV4, false)).containsExactly(Nlri.parse("10.0.0.0/23"));
    }

    @Test
    void reportsALengthBeyondTheFamilyMaximum() {
        assertThat(error("21 0a 00 00 00 00", Afi.IPV4, false)).contains("33").contains("32");
        assertThat(error("81" + "00".repeat(17), Afi.IPV6, false)).contains("129");
    }

    @Test
    void reportsAnEntryThatOverrunsTheField() {
        assertThat(error("18 0a 00", Afi.IPV4, false)).contains("needs 3 octets but 2 remain");
        assertThat(error("00 00 00", Afi.IPV4, true)).contains("too short");
    }

    @Test
    void parsesPrefixTextAndRejectsHostBits() {
        assertThat(Prefix.parse("10.244.1.0/26").toString()).isEqualTo("10.244.1.0/26");
        assertThat(Prefix.parse("2001:DB8:0:0::/32").toString()).isEqualTo("2001:db8::/32");
        assertThatThrownBy(() -> Prefix.parse("10.244.1.1/26")).hasMessageContaining("did you mean 10.244.1.0/26");
        assertThatThrownBy(() -> Prefix.parse("10.0.0.0/33")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> Prefix.parse("example.com/8")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> Prefix.parse("10.0.0.0")).hasMessageContaining("ADDRESS/LENGTH");
    }

    @Test
    void ordersPrefixesByFamilyAddressThenLength() {
        List<Prefix> sorted = new ArrayList<>(List.of(Prefix.parse("2001:db8::/32"), Prefix.parse("192.0.2.0/24"),
                Prefix.parse("10.0.0.0/16"), Prefix.parse("10.0.0.0/8")));
        java.util.Collections.sort(sorted);
        assertThat(sorted).extracting(Prefix::toString)
                .containsExactly("10.0.0.0/8", "10.0.0.0/16", "192.0.2.0/24", "2001:db8::/32");
    }

    @Test
    void formatsIpv6TextPerRfc5952() {
        assertThat(Ipv6Text.format(Bytes.fromHex("20010db8000000000000000000000001").toArray())).isEqualTo("2001:db8::1");
        // RFC 5952 §4.2.2: a single zero group is not shortened.
        assertThat(Ipv6Text.format(Bytes.fromHex("20010db8000000010001000100010001").toArray())).isEqualTo("2001:db8:0:1:1:1:1:1");
        // §4.2.3: the first of two equally long runs.
        assertThat(Ipv6Text.format(Bytes.fromHex("20010db8000000000001000000000001").toArray())).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Ipv6Text.format(new byte[16])).isEqualTo("::");
        assertThat(Ipv6Text.format(Bytes.fromHex("fe800000000000000000000000000001").toArray())).isEqualTo("fe80::1");
    }
}
