package dev.corvid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.Lab;
import dev.corvid.it.lab.LabExtension;

/**
 * RFC 4271 §6.8: corvid and BIRD open a connection to each other at the same moment and end with one session.
 *
 * <p>The collision is made certain, not left to timing: the bridge drops every frame of BIRD's port, so both
 * sides' SYNs go unanswered; once both have a connection in SYN-SENT both processes are frozen (SIGSTOP) and the
 * port forwards again, so the kernels complete both TCP connections while neither daemon can act; then both
 * continue together and each finds its outbound connection up and an inbound one waiting.
 */
class SimultaneousConnectTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("collision");

    @Test
    void bothSidesConnectingAtTheSameMomentEndInExactlyOneSession() {
        Lab lab = LAB.lab();
        Host c = lab.host("corvid");
        Host b = lab.host("bird");
        lab.pinNeighbours(c, b);
        lab.isolate(b, true);
        Bird bird = Bird.start(lab, b,
                Bird.session("corvid", b.ipv4(), 65002, c.ipv4(), 64512, "connect delay time 1;"));
        CorvidProcess corvid = CorvidProcess.start(lab, c, 64512, List.of(CorvidProcess.peer(b.ipv4(), 65002)));

        Await.condition(Duration.ofSeconds(30), "both sides to have a connection in SYN-SENT, then frozen", () -> {
            if (synSent(c) && synSent(b)) {
                bird.process().freeze();
                corvid.process().freeze();
                if (synSent(c) && synSent(b)) {
                    return true;
                }
                bird.process().thaw();
                corvid.process().thaw();
            }
            return false;
        });
        try {
            lab.isolate(b, false);
            Await.condition(Duration.ofSeconds(20), "the kernels to complete both connections (inbound and outbound)",
                    () -> c.establishedBgpConnections().size() == 2);
        } finally {
            bird.process().thaw();
            corvid.process().thaw();
        }

        Await.condition(Duration.ofSeconds(30), "one session Established on both sides",
                () -> corvid.established(b.ipv4()) && bird.established("corvid")
                        && c.establishedBgpConnections().size() == 1);
        Await.holdsFor(Duration.ofSeconds(4), "exactly one established connection on port 179, the session up",
                () -> c.establishedBgpConnections().size() == 1 && corvid.established(b.ipv4()));
        assertThat(corvid.neighborDetail(b.ipv4()).path("established_transitions").asLong()).isEqualTo(1);
    }

    private static boolean synSent(Host host) {
        return !host.execOk("ss", "-Htn", "state", "syn-sent", "( dport = :179 )").output().isBlank();
    }
}
