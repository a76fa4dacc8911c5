package dev.corvid.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.corvid.it.lab.Await;
import dev.corvid.it.lab.Bird;
import dev.corvid.it.lab.Command;
import dev.corvid.it.lab.CorvidProcess;
import dev.corvid.it.lab.Host;
import dev.corvid.it.lab.LabExtension;
import dev.corvid.it.lab.LabRequirements;

/**
 * The metrics of a running corvid, scraped over HTTP inside its namespace (curl) and parsed from the Prometheus text
 * format: a BIRD peer's session state, its prefixes and UPDATEs, the Loc-RIB and the kernel routes; {@code /healthz}
 * and {@code /readyz} answer 200 once the routes are in.
 */
class MetricsTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("metrics");

    private static final long AS = 64512;
    private static Host c;
    private static Host b;
    private static Bird bird;

    @BeforeAll
    static void startCorvidWithMetricsAndABirdPeer() {
        LabRequirements.requireTool("/usr/bin/curl", "curl");
        var lab = LAB.lab();
        c = lab.host("corvid");
        b = lab.host("bird");
        bird = Bird.start(lab, b, """
                protocol static { ipv4; route 10.244.2.0/26 blackhole; route 10.244.3.0/26 blackhole; }
                """ + Bird.bgp("corvid", b.ipv4(), AS, c.ipv4(), AS, "direct;", Bird.EXPORT_STATIC));
        CorvidProcess.start(lab, c, AS, List.of("metrics = \"" + c.ipv4() + ":9179\"",
                "originate = [\"10.244.1.0/26\"]"), List.of(CorvidProcess.peer(b.ipv4(), AS,
                "local-address = \"" + c.ipv4() + "\"")));
        Await.condition(Duration.ofSeconds(30), "BIRD established with corvid", () -> bird.established("corvid"));
    }

    private static Command.Result get(String path) {
        return c.exec("curl", "-s", "-w", "\n%{http_code}", "--max-time", "5", "http://" + c.ipv4() + ":9179" + path);
    }

    /** {@code name{labels} value} lines of the text format, keyed by {@code name{labels}}. */
    private static Map<String, Double> scrape() {
        Map<String, Double> samples = new HashMap<>();
        Pattern line = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");
        for (String l : get("/metrics").output().lines().toList()) {
            Matcher m = line.matcher(l);
            if (!l.startsWith("#") && m.matches()) samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return samples;
    }

    @Test
    void aScrapeShowsThePeersSessionAndRoutesAndTheProbesAreGreen() {
        String peer = "peer=\"" + b.ipv4() + "\"";
        Await.condition(Duration.ofSeconds(30), "the metrics to show BIRD's two prefixes and both in the kernel", () -> {
            Map<String, Double> s = scrape();
            return s.getOrDefault("corvid_peer_prefixes_received{" + peer + "}", 0.0) == 2
                    && s.getOrDefault("corvid_kernel_routes_installed", 0.0) == 2;
        });
        Map<String, Double> s = scrape();
        assertThat(s).containsEntry("corvid_peer_state{" + peer + ",state=\"Established\"}", 1.0)
                .containsEntry("corvid_peer_state{" + peer + ",state=\"Idle\"}", 0.0)
                .containsEntry("corvid_rib_loc_routes{family=\"ipv4-unicast\"}", 3.0)
                .containsEntry("corvid_peer_prefixes_sent{" + peer + "}", 1.0);
        assertThat(s.get("corvid_peer_updates_received_total{" + peer + "}")).isGreaterThanOrEqualTo(1.0);
        assertThat(s.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));

        Command.Result health = get("/healthz");
        assertThat(health.output().strip()).endsWith("200");
        Command.Result ready = get("/readyz");
        assertThat(ready.output().strip()).as(ready.output()).endsWith("200");
    }
}
