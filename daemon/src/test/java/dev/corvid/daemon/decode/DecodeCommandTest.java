package dev.corvid.daemon.decode;

import static dev.corvid.daemon.CliRun.corvid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.codec.Family;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.attribute.*;
import dev.corvid.codec.message.MessageCodec;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.daemon.CliRun;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodeCommandTest {

    static String hex(Object message, WireContext ctx) {
        ByteBuf buf = MessageCodec.encode((dev.corvid.codec.message.BgpMessage) message, ctx, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }

    static Inet4Address v4(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void printsEveryAttributeAndPrefixOfAnUpdateWithCommunitiesInColonNotation() throws Exception {
        Update update = new Update(List.of(), List.of(
                Origin.IGP,
                AsPath.sequence(64512, 65001, 4200000000L),
                new NextHop(v4("10.0.0.1")),
                new MultiExitDisc(50),
                new LocalPref(200),
                new Communities(List.of((64512 << 16) | 100)),
                new ExtendedCommunities(List.of(0x0002_FC00_0000_0007L)),
                new LargeCommunities(List.of(new LargeCommunity(64512, 1, 2))),
                new OriginatorId(v4("10.0.0.9")),
                new ClusterList(List.of(v4("10.0.0.254")))),
                List.of(Nlri.parse("10.244.1.0/26"), Nlri.parse("10.244.2.0/26")));

        CliRun run = corvid("decode", hex(update, WireContext.FOUR_OCTET_AS));

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode j = run.json();
        assertThat(j.get("type").asText()).isEqualTo("UPDATE");
        assertThat(j.get("severity").asText()).isEqualTo("none");
        JsonNode a = j.get("attributes");
        assertThat(a.get("origin").asText()).isEqualTo("igp");
        assertThat(a.get("as_path").toString()).isEqualTo("[64512,65001,4200000000]");
        assertThat(a.get("next_hop").asText()).isEqualTo("10.0.0.1");
        assertThat(a.get("med").asLong()).isEqualTo(50);
        assertThat(a.get("local_pref").asLong()).isEqualTo(200);
        assertThat(a.get("communities").toString()).isEqualTo("[\"64512:100\"]");
        assertThat(a.get("extended_communities").toString()).isEqualTo("[\"rt:64512:7\"]");
        assertThat(a.get("large_communities").toString()).isEqualTo("[\"64512:1:2\"]");
        assertThat(a.get("originator_id").asText()).isEqualTo("10.0.0.9");
        assertThat(a.get("cluster_list").toString()).isEqualTo("[\"10.0.0.254\"]");
        assertThat(j.get("nlri").toString()).isEqualTo("[\"10.244.1.0/26\",\"10.244.2.0/26\"]");
    }

    @Test
    void decodesTwoOctetAsAndAddPathWhenAsked() throws Exception {
        WireContext ctx = new WireContext(false, java.util.Set.of(Family.IPV4_UNICAST), java.util.Set.of(Family.IPV4_UNICAST), false);
        Update update = new Update(List.of(), List.of(Origin.IGP, AsPath.sequence(65001), new NextHop(v4("10.0.0.1"))),
                List.of(new Nlri(dev.corvid.codec.nlri.Prefix.parse("10.1.0.0/16"), 7)));

        CliRun run = corvid("decode", "--two-octet-as", "--add-path", "ipv4", hex(update, ctx));

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode j = run.json();
        assertThat(j.get("attributes").get("as_path").toString()).isEqualTo("[65001]");
        assertThat(j.get("nlri").get(0).get("prefix").asText()).isEqualTo("10.1.0.0/16");
        assertThat(j.get("nlri").get(0).get("path_id").asLong()).isEqualTo(7);
    }

    @Test
    void readsSeveralMessagesFromStandardInputAsAnArray() throws Exception {
        String keepalive = "ffffffffffffffffffffffffffffffff 0013 04";
        var in = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(("# two keepalives\n" + keepalive + "\n" + keepalive + "\n").getBytes()));
            CliRun run = corvid("decode", "-");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.json().isArray()).isTrue();
            assertThat(run.json().size()).isEqualTo(2);
            assertThat(run.json().get(1).get("type").asText()).isEqualTo("KEEPALIVE");
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void printsTheNotificationToSendForAMalformedMessage() throws Exception {
        // RFC 4271 §6.1: a KEEPALIVE longer than 19 octets is a Bad Message Length; data = the length field.
        CliRun run = corvid("decode", "ffffffffffffffffffffffffffffffff001404ff");

        assertThat(run.exit()).isZero();
        JsonNode j = run.json();
        assertThat(j.get("severity").asText()).isEqualTo("session-reset");
        assertThat(j.get("notification_to_send").get("code").asInt()).isEqualTo(1);
        assertThat(j.get("notification_to_send").get("subcode").asInt()).isEqualTo(2);
        assertThat(j.get("notification_to_send").get("data").asText()).isEqualTo("0014");
    }

    @Test
    void showsTheShutdownCommunicationOfACease() throws Exception {
        CliRun run = corvid("decode", hex(Notification.shutdown(2, "maintenance"), WireContext.DEFAULT));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().get("description").asText()).contains("Administrative Shutdown");
        assertThat(run.json().get("shutdown_communication").asText()).isEqualTo("maintenance");
    }

    @Test
    void exitsOneWithOneLineWhenTheInputCannotBeFramed() {
        CliRun truncated = corvid("decode", "ffffffffffffffffffffffffffffffff002d02");
        assertThat(truncated.exit()).isEqualTo(1);
        assertThat(truncated.err().strip()).contains("45").contains("truncated").doesNotContain("\n");

        CliRun odd = corvid("decode", "fff");
        assertThat(odd.exit()).isEqualTo(1);
        assertThat(odd.err().strip()).startsWith("corvid decode: not hex").doesNotContain("\n");
    }

    @Test
    void rejectsAnUnknownAddPathFamilyAsAUsageError() {
        CliRun run = corvid("decode", "--add-path", "vpnv4", "ffffffffffffffffffffffffffffffff001304");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("vpnv4");
    }

}
