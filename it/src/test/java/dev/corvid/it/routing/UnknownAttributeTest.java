package dev.corvid.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.NextHop;
import dev.corvid.codec.attribute.Origin;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.attribute.UnknownAttribute;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.Capture;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Frr;
import dev.corvid.it.lab.GoBgp;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;
import dev.corvid.it.lab.RawSpeaker;

/**
 * The unknown-attribute part of the fidelity scenario: a route carrying an optional transitive attribute none of the
 * four implementations knows (type {@value #TYPE}, flags 0xC0) is reflected by corvid to FRR, GoBGP and BIRD with its
 * value intact and the Partial bit set. RFC 4271 §5: "If a path with an unrecognized transitive optional attribute
 * is accepted and passed to other BGP peers, then the unrecognized transitive optional attribute of that path MUST
 * be passed, along with the path, to other BGP peers with the Partial bit in the Flags octet set to 1."
 *
 * <p>None of the daemons can originate such an attribute (BIRD 2.0.12 has no filter for it, GoBGP's CLI neither), so
 * a {@link RawSpeaker} in its own host sends the UPDATE, as an rr-client of corvid. GoBGP shows unknown attributes
 * with their flags in {@code gobgp -j global rib}; BIRD shows the value and the Transitive bit only; FRR 8.4 shows
 * nothing of them ({@code show bgp ipv4 unicast PREFIX}, with or without {@code json}), so what reached FRR is read
 * from a tcpdump capture in FRR's namespace, decoded with {@code dev.corvid.codec}.
 */
class UnknownAttributeTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("unknown-attribute");

    private static final long AS = 64512;
    private static final String PROBE_BLOCK = "10.244.9.0/26";
    /** A type code that corvid, BIRD 2.0.12, FRR 8.4 and GoBGP 3.10 all treat as unknown. */
    private static final int TYPE = 0xF0;
    private static final int OPTIONAL_TRANSITIVE = PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE;
    private static final String VALUE = "c0ffee0102030405";
    private static final Pattern BIRD_UNKNOWN = Pattern.compile("^\\tBGP\\.f0 \\[t\\]: (.*)$", Pattern.MULTILINE);
    private static final HexFormat HEX = HexFormat.of();

    private static Host c;
    private static Host p;
    private static Host f;
    private static Host g;
    private static Host b;
    private static CorvidProcess corvid;
    private static Frr frr;
    private static GoBgp gobgp;
    private static Bird bird;
    private static Capture atFrr;
    private static RawSpeaker probe;

    @BeforeAll
    static void startTheReflectorItsClientsAndTheProbe() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        p = lab.host("probe");
        f = lab.host("frr");
        g = lab.host("gobgp");
        b = lab.host("bird");
        frr = Frr.start(lab, f, """
                router bgp %d
                 bgp router-id %s
                 no bgp default ipv4-unicast
                %s !
                 address-family ipv4 unicast
                  neighbor %s activate
                 exit-address-family
                """.formatted(AS, f.ipv4(), Frr.neighbor(c.ipv4(), AS), c.ipv4()), true);
        atFrr = Capture.start(lab, f);
        gobgp = GoBgp.start(lab, g, AS, GoBgp.neighbor(c.ipv4(), AS, g.ipv4(), ""));
        bird = Bird.start(lab, b, """
                protocol bgp reflector {
                  local %s as %d;
                  neighbor %s as %d;
                  direct;
                  hold time 3;
                  keepalive time 1;
                  connect retry time 2;
                  error wait time 1,5;
                  ipv4 { import all; export none; };
                }
                """.formatted(b.ipv4(), AS, c.ipv4(), AS));
        String local = "local-address = \"" + c.ipv4() + "\"";
        corvid = CorvidProcess.start(lab, c, AS, List.of(), List.of(
                CorvidProcess.peer(p.ipv4(), AS, local, "role = rr-client", "passive = true"),
                CorvidProcess.peer(f.ipv4(), AS, local, "role = rr-client"),
                CorvidProcess.peer(g.ipv4(), AS, local, "role = rr-client"),
                CorvidProcess.peer(b.ipv4(), AS, local, "role = rr-client")));
        probe = RawSpeaker.connect(p, p.ipv4(), c.ipv4(), AS).awaitEstablished(Duration.ofSeconds(30));
        probe.send(new Update(List.of(), List.of(Origin.IGP, AsPath.EMPTY, new NextHop(ipv4(p.ipv4())),
                new LocalPref(100), new UnknownAttribute(OPTIONAL_TRANSITIVE, TYPE, Bytes.fromHex(VALUE))),
                List.of(Nlri.parse(PROBE_BLOCK))));
    }

    @AfterAll
    static void closeTheProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void corvidShowsTheUnknownAttributeOfTheRouteItHolds() {
        JsonNode path = Await.until(Duration.ofSeconds(30), "corvid to hold " + PROBE_BLOCK,
                () -> corvid.paths(PROBE_BLOCK).stream().findFirst().orElse(null));
        JsonNode unknown = path.path("unknown").path(0);
        assertThat(unknown.path("type_code").asInt()).isEqualTo(TYPE);
        assertThat(unknown.path("value").asText()).isEqualTo(VALUE);
    }

    @Test
    void goBgpHoldsTheUnknownAttributeWithItsValueAndThePartialBit() {
        JsonNode path = Await.until(Duration.ofSeconds(30), "GoBGP to hold " + PROBE_BLOCK, () -> {
            JsonNode first = gobgp.rib("ipv4").path(PROBE_BLOCK).path(0);
            return first.isMissingNode() ? null : first;
        });
        JsonNode unknown = GoBgp.attribute(path, TYPE);
        assertThat(unknown.path("flags").asInt(-1)).as("flags of attribute " + TYPE + " at GoBGP (0xC0 + Partial)")
                .isEqualTo(OPTIONAL_TRANSITIVE | PathAttribute.FLAG_PARTIAL);
        assertThat(HEX.formatHex(Base64.getDecoder().decode(unknown.path("value").asText()))).as("its value at GoBGP")
                .isEqualTo(VALUE);
        assertThat(GoBgp.attribute(path, PathAttribute.ORIGINATOR_ID).path("value").asText())
                .as("ORIGINATOR_ID at GoBGP").isEqualTo(p.ipv4());
    }

    @Test
    void frrReceivesTheUnknownAttributeWithItsValueAndThePartialBit() {
        Update update = Await.until(Duration.ofSeconds(30), "corvid's UPDATE for " + PROBE_BLOCK + " in FRR's capture",
                () -> atFrr.messages(c.ipv4(), f.ipv4()).stream()
                        .filter(m -> m instanceof Update u && u.nlri().contains(Nlri.parse(PROBE_BLOCK)))
                        .map(Update.class::cast).findFirst().orElse(null));
        assertThat(update.attribute(UnknownAttribute.class)).as("the unknown attribute of the UPDATE FRR received")
                .contains(new UnknownAttribute(OPTIONAL_TRANSITIVE | PathAttribute.FLAG_PARTIAL, TYPE,
                        Bytes.fromHex(VALUE)));
        JsonNode atFrr = Await.until(Duration.ofSeconds(30), "FRR to hold " + PROBE_BLOCK, () -> {
            JsonNode first = frr.paths(PROBE_BLOCK).path(0);
            return first.isMissingNode() ? null : first;
        });
        assertThat(atFrr.path("valid").asBoolean()).as("FRR's path for " + PROBE_BLOCK + " is valid").isTrue();
        assertThat(atFrr.path("originatorId").asText()).as("ORIGINATOR_ID at FRR").isEqualTo(p.ipv4());
    }

    /** BIRD shows an unknown attribute as {@code BGP.f0 [t]: c0 ff ...} ([t]: transitive; it shows no Partial bit). */
    @Test
    void birdHoldsTheUnknownAttributeWithItsValue() {
        String shown = Await.until(Duration.ofSeconds(30), "BIRD to show attribute " + TYPE + " of " + PROBE_BLOCK,
                () -> {
                    Matcher m = BIRD_UNKNOWN.matcher(bird.birdc("show", "route", "all", PROBE_BLOCK).output());
                    return m.find() ? m.group(1).strip() : null;
                });
        assertThat(shown.replace(" ", "")).as("the value BIRD shows").isEqualTo(VALUE);
    }

    private static Inet4Address ipv4(String address) {
        try {
            return (Inet4Address) InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
