package dev.corvid.it.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * ECMP into the kernel, IPv4 and IPv6: two BIRDs (iBGP, segment A) announce the same IPv4 /24 over IPv4 sessions and
 * the same IPv6 /64 over IPv6 sessions, with equal attributes; corvid with {@code maximum-paths = 2} installs each
 * as one multipath route through both (RFC 4271 §9.1.2.2 leaves the tie; corvid keeps up to maximum-paths of the
 * tied paths). When one BIRD stops announcing, the route shrinks to the other next hop in place.
 */
class KernelEcmpTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("kecmp");

    private static final long AS = 64512;
    private static final String V4 = "10.240.0.0/24";
    private static final String V6 = "fd10:1::/64";

    private static Host c;
    private static Host b1;
    private static Host b2;
    private static Bird bird1;
    private static Bird bird2;

    @BeforeAll
    static void startCorvidAndTwoBirdsAnnouncingTheSamePrefixes() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        b1 = lab.host("bird1");
        b2 = lab.host("bird2");
        bird1 = Bird.start(lab, b1, birdConfig(b1));
        bird2 = Bird.start(lab, b2, birdConfig(b2));
        String v4 = "local-address = \"" + c.ipv4() + "\"";
        String v6 = "local-address = \"" + c.ipv6() + "\"";
        CorvidProcess.start(lab, c, AS, List.of("maximum-paths = 2"), List.of(
                CorvidProcess.peer(b1.ipv4(), AS, v4), CorvidProcess.peer(b2.ipv4(), AS, v4),
                CorvidProcess.peer(b1.ipv6(), AS, v6), CorvidProcess.peer(b2.ipv6(), AS, v6)));
    }

    private static String birdConfig(Host self) {
        StringBuilder config = new StringBuilder("""
                protocol static static4 { ipv4; route %s blackhole; }
                protocol static static6 { ipv6; route %s blackhole; }
                """.formatted(V4, V6));
        for (String[] family : List.of(new String[] {"ipv4", self.ipv4(), c.ipv4(), "static4"},
                new String[] {"ipv6", self.ipv6(), c.ipv6(), "static6"})) {
            config.append(Bird.bgp("corvid_" + family[0], family[1], AS, family[2], AS, "direct;",
                    family[0] + " { import none; export where proto = \"" + family[3] + "\"; };"));
        }
        return config.toString();
    }

    /** {@code ip [-6] route show proto 201 PREFIX} in corvid's namespace, whitespace squeezed. */
    private static String route(String family, String prefix) {
        return c.execOk("ip", family, "route", "show", "proto", Integer.toString(KernelTable.CORVID), prefix)
                .output().replaceAll("\\s+", " ").strip();
    }

    @Test
    void eachPrefixIsOneMultipathRouteThroughBothBirdsAndShrinksWhenOneLeaves() {
        for (String[] f : List.of(new String[] {"-4", V4, b1.ipv4(), b2.ipv4()},
                new String[] {"-6", V6, b1.ipv6(), b2.ipv6()})) {
            Await.condition(Duration.ofSeconds(30), f[1] + " through both BIRDs in corvid's kernel", () -> {
                String r = route(f[0], f[1]);
                return r.contains("nexthop via " + f[2] + " ") && r.contains("nexthop via " + f[3] + " ");
            });
            assertThat(route(f[0], f[1])).as(f[1]).contains("metric 32");
        }

        bird2.birdc("disable", "corvid_ipv4").orThrow();
        bird2.birdc("disable", "corvid_ipv6").orThrow();
        for (String[] f : List.of(new String[] {"-4", V4, b1.ipv4(), b2.ipv4()},
                new String[] {"-6", V6, b1.ipv6(), b2.ipv6()})) {
            Await.condition(Duration.ofSeconds(30), f[1] + " only through bird1", () -> {
                String r = route(f[0], f[1]);
                return r.startsWith(f[1] + " via " + f[2] + " ") && !r.contains(f[3]);
            });
        }
        assertThat(bird1.established("corvid_ipv4")).isTrue();
    }
}
