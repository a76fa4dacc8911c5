package dev.corvid.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.Command;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;

/**
 * Live reload against BIRD peers (issue 6): corvid starts as a node of a full mesh with two BIRDs; a reload then makes
 * both its route-reflector clients (the mesh → reflector migration of a growing Calico cluster), originates one more
 * block and adds a third BIRD. From BIRD's side: the two sessions were never reset ({@code show protocols} keeps its
 * since-time), each BIRD now gets the other's block reflected, the new block arrives, the new peer comes up. A broken
 * config is refused with its line and changes nothing; removing a peer ends only that session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReloadTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("reload");

    private static final long AS = 64512;
    private static final String C_BLOCK = "10.244.1.0/26", NEW_BLOCK = "10.244.9.0/26";
    private static final Map<String, String> BLOCKS = Map.of("bird1", "10.244.2.0/26", "bird2", "10.244.3.0/26",
            "bird3", "10.244.4.0/26");

    private static Host c;
    private static final List<Host> hosts = new ArrayList<>();
    private static final List<Bird> birds = new ArrayList<>();
    private static CorvidProcess corvid;

    @BeforeAll
    static void startCorvidInAMeshWithTwoBirds() {
        var lab = LAB.lab();
        c = lab.host("corvid");
        for (String name : List.of("bird1", "bird2", "bird3")) {
            Host h = lab.host(name);
            hosts.add(h);
            birds.add(Bird.start(lab, h, "protocol static { ipv4; route " + BLOCKS.get(name) + " blackhole; }\n"
                    + Bird.bgp("corvid", h.ipv4(), AS, c.ipv4(), AS, "direct;", Bird.EXPORT_STATIC)));
        }
        corvid = CorvidProcess.start(lab, c, AS, settings(C_BLOCK), List.of(peer(0, "mesh"), peer(1, "mesh")));
        for (int i = 0; i < 2; i++) {
            Bird b = birds.get(i);
            Await.condition(Duration.ofSeconds(30), "bird" + (i + 1) + " established with corvid",
                    () -> b.established("corvid"));
        }
    }

    private static List<String> settings(String... originate) {
        return List.of("originate = [" + List.of(originate).stream().map(p -> "\"" + p + "\"")
                .collect(Collectors.joining(", ")) + "]", "cluster-id = \"" + c.ipv4() + "\"");
    }

    private static String peer(int i, String role) {
        return CorvidProcess.peer(hosts.get(i).ipv4(), AS, "role = " + role,
                "local-address = \"" + c.ipv4() + "\"");
    }

    /** The prefixes BIRD {@code i} holds from corvid. */
    private static Set<String> received(int i) {
        return birds.get(i).routes("protocol", "corvid").stream().map(Bird.Route::prefix).collect(Collectors.toSet());
    }

    @Test
    @Order(1)
    void inTheMeshEachBirdGetsOnlyCorvidsBlock() {
        for (int i = 0; i < 2; i++) {
            int bird = i;
            Await.condition(Duration.ofSeconds(20), "bird" + (i + 1) + " to hold corvid's block",
                    () -> received(bird).equals(Set.of(C_BLOCK)));
        }
    }

    @Test
    @Order(2)
    void aReloadToReflectorClientsReflectsWithoutResettingASessionAndAddsThePeerAndTheBlock() {
        List<String> since = List.of(birds.get(0).protocol("corvid").since(), birds.get(1).protocol("corvid").since());
        corvid.rewrite(AS, settings(C_BLOCK, NEW_BLOCK),
                List.of(peer(0, "rr-client"), peer(1, "rr-client"), peer(2, "rr-client")));
        Command.Result reload = corvid.reload();
        assertThat(reload.exitCode()).as(reload.output() + reload.errors()).isZero();
        assertThat(reload.output()).contains("peer " + hosts.get(2).ipv4() + " added",
                "peer " + hosts.get(0).ipv4() + ": routing settings changed");

        for (int i = 0; i < 3; i++) {
            int bird = i;
            Set<String> expected = new java.util.HashSet<>(Set.of(C_BLOCK, NEW_BLOCK));
            BLOCKS.forEach((name, block) -> {
                if (!name.equals("bird" + (bird + 1))) expected.add(block);
            });
            Await.condition(Duration.ofSeconds(30), "bird" + (i + 1) + " to hold " + expected,
                    () -> received(bird).equals(expected));
        }
        for (int i = 0; i < 2; i++) {
            Bird.Protocol p = birds.get(i).protocol("corvid");
            assertThat(p.since()).as("bird" + (i + 1) + ": the session was not reset").isEqualTo(since.get(i));
            assertThat(p.established()).isTrue();
        }
    }

    @Test
    @Order(3)
    void aBrokenConfigIsRefusedWithItsLineAndChangesNothing() {
        List<String> since = List.of(birds.get(0).protocol("corvid").since(), birds.get(2).protocol("corvid").since());
        corvid.rewrite("corvid {\n  asn = 64512\n  peers = [ { address = \"10.77.0.300\", asn = 64512 } ]\n}\n");
        Command.Result reload = corvid.reload();
        assertThat(reload.exitCode()).isEqualTo(1);
        assertThat(reload.errors()).contains("not reloaded", corvid.configFile() + ":3: corvid.peers[0].address");
        assertThat(corvid.established(hosts.get(2).ipv4())).isTrue();
        assertThat(List.of(birds.get(0).protocol("corvid").since(), birds.get(2).protocol("corvid").since()))
                .isEqualTo(since);
    }

    @Test
    @Order(4)
    void removingAPeerEndsOnlyThatSession() {
        String since = birds.get(0).protocol("corvid").since();
        corvid.rewrite(AS, settings(C_BLOCK, NEW_BLOCK), List.of(peer(0, "rr-client"), peer(1, "rr-client")));
        Command.Result reload = corvid.reload();
        assertThat(reload.exitCode()).as(reload.errors()).isZero();
        assertThat(reload.output()).contains("peer " + hosts.get(2).ipv4() + " removed");
        Await.condition(Duration.ofSeconds(20), "bird3's session to go down", () -> !birds.get(2).established("corvid"));
        Await.condition(Duration.ofSeconds(20), "bird1 to lose bird3's block",
                () -> !received(0).contains(BLOCKS.get("bird3")));
        assertThat(birds.get(0).protocol("corvid").since()).as("bird1's session untouched").isEqualTo(since);
    }
}
