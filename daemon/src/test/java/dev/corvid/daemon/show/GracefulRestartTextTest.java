package dev.corvid.daemon.show;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What {@code show neighbors} and {@code show route} print about an RFC 4724 graceful restart. */
class GracefulRestartTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RESTARTING = """
            {"address": "10.0.0.2", "asn": 64512, "role": "mesh", "state": "Idle", "uptime_seconds": 3,
             "prefixes_received": 0, "prefixes_accepted": 0, "prefixes_sent": 0,
             "last_error": "the peer closed the TCP connection", "dynamic": false,
             "state_since": "2025-06-01T11:59:57Z", "hold_time": 0, "established_transitions": 1,
             "graceful_restart": {"negotiated": true, "peer_restart_time": 90, "state": "restarting",
                                  "seconds_left": 87, "stale_paths": 5}}
            """;

    @Test
    void theSummaryLineSaysARetainedPeerIsRestarting() throws Exception {
        String table = ShowNeighborsCommand.table(JSON.readTree("[" + RESTARTING + "]"));
        assertThat(table).contains("Idle (restarting)");
    }

    @Test
    void theDetailSaysHowManyStalePathsAreKeptAndForHowLong() throws Exception {
        String detail = ShowNeighborsCommand.detail(JSON.readTree(RESTARTING));
        assertThat(detail)
                .contains("  state        Idle (restarting) for 00:00:03")
                .contains("  restart      graceful restart negotiated, the peer's restart time 90 s\n")
                .contains("restarting: the peer is away; its 5 stale paths are kept for 87 s more at most\n");
    }

    @Test
    void aPeerBackFromItsRestartWaitsForEndOfRib() throws Exception {
        JsonNode n = JSON.readTree(RESTARTING.replace("\"Idle\"", "\"Established\"")
                .replace("\"restarting\"", "\"waiting-for-end-of-rib\""));
        assertThat(ShowNeighborsCommand.table(JSON.createArrayNode().add(n))).doesNotContain("(restarting)");
        assertThat(ShowNeighborsCommand.detail(n))
                .contains("back from a restart: 5 stale paths left until its End-of-RIB (87 s more at most)");
    }

    @Test
    void withoutGracefulRestartTheDetailSaysSo() throws Exception {
        String detail = ShowNeighborsCommand.detail(JSON.readTree(RESTARTING.replace("\"negotiated\": true",
                "\"negotiated\": false").replace("\"restarting\"", "\"none\"")));
        assertThat(detail).contains("  restart      graceful restart not negotiated\n").doesNotContain("stale");
    }

    @Test
    void showRouteMarksAStalePath() throws Exception {
        JsonNode routes = JSON.readTree("""
                [{"prefix": "10.210.0.0/24", "paths": [
                  {"from": "10.0.0.2", "next_hop": "10.0.0.2", "as_path": [], "origin": "igp", "local_pref": 100,
                   "best": true, "reason": "only path", "stale": true},
                  {"from": "10.0.0.3", "next_hop": "10.0.0.3", "as_path": [], "origin": "igp", "local_pref": 100,
                   "best": false, "reason": "not eligible: next hop unreachable", "stale": false}]}]
                """);
        assertThat(ShowRouteCommand.text(routes)).isEqualTo("""
                10.210.0.0/24
                  * from 10.0.0.2  stale  next-hop 10.0.0.2  as-path (empty)  origin igp  local-pref 100  (only path)
                    from 10.0.0.3  next-hop 10.0.0.3  as-path (empty)  origin igp  local-pref 100  \
                (not eligible: next hop unreachable)
                """);
    }
}
