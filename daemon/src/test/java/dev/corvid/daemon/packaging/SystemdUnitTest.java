package dev.corvid.daemon.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docker/corvid.service: the daemon runs as user corvid with two capabilities, restarts, reloads, and stops cleanly. */
class SystemdUnitTest {
    private static final String SERVICE = "Service";
    private final String text = PackagingFiles.read(PackagingFiles.docker("corvid.service"));
    private final SystemdUnit unit = SystemdUnit.parse(text);

    @Test
    void theUnitHasTheThreeSectionsOfAService() {
        assertThat(unit.sections()).containsOnlyKeys("Unit", SERVICE, "Install");
        assertThat(unit.values("Install", "WantedBy")).containsExactly("multi-user.target");
        assertThat(unit.values("Unit", "After")).contains("network-online.target");
    }

    @Test
    void itChecksTheConfigThenRunsTheInstalledLauncherOnIt() {
        assertThat(unit.value(SERVICE, "ExecStartPre")).isEqualTo("/usr/local/bin/corvid check -c /etc/corvid/corvid.conf");
        assertThat(unit.value(SERVICE, "ExecStart")).isEqualTo("/usr/local/bin/corvid run -c /etc/corvid/corvid.conf");
        // The launcher the unit runs is the one its install steps put there.
        assertThat(text).contains("install -m 755 docker/launcher.sh /usr/local/bin/corvid");
        assertThat(PackagingFiles.docker("launcher.sh")).isExecutable();
    }

    @Test
    void reloadSendsSighupAndStopSendsSigterm() {
        assertThat(unit.value(SERVICE, "ExecReload")).isEqualTo("/bin/kill -HUP $MAINPID");
        assertThat(unit.value(SERVICE, "KillSignal")).isEqualTo("SIGTERM");
        assertThat(unit.value(SERVICE, "TimeoutStopSec")).isNotEmpty();
    }

    @Test
    void itRestartsAfterAFailureAfterAPause() {
        assertThat(unit.value(SERVICE, "Restart")).isEqualTo("on-failure");
        assertThat(unit.value(SERVICE, "RestartSec")).isNotEmpty();
    }

    @Test
    void itRunsAsCorvidWithOnlyNetAdminAndNetBindService() {
        assertThat(unit.value(SERVICE, "User")).isEqualTo("corvid");
        assertThat(unit.words(SERVICE, "AmbientCapabilities")).containsExactlyInAnyOrder("CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE");
        assertThat(unit.words(SERVICE, "CapabilityBoundingSet")).containsExactlyInAnyOrderElementsOf(unit.words(SERVICE, "AmbientCapabilities"));
        assertThat(unit.value(SERVICE, "NoNewPrivileges")).isEqualTo("yes");
    }

    @Test
    void theRuntimeDirectoryHoldsTheDefaultControlSocket() {
        Path socket = ConfigLoader.defaults().controlSocket();

        assertThat(Path.of("/run", unit.value(SERVICE, "RuntimeDirectory"))).isEqualTo(socket.getParent());
    }

    @Test
    void theHardeningLeavesNetlinkAndTheHostNetworkAlone() {
        assertThat(unit.words(SERVICE, "RestrictAddressFamilies"))
                .containsExactlyInAnyOrder("AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK");
        assertThat(unit.values(SERVICE, "PrivateNetwork")).isEmpty();
        // The JIT compiler writes executable code.
        assertThat(unit.values(SERVICE, "MemoryDenyWriteExecute")).isEmpty();
        assertThat(unit.value(SERVICE, "ProtectSystem")).isEqualTo("strict");
        assertThat(unit.value(SERVICE, "ProtectHome")).isEqualTo("yes");
        assertThat(unit.value(SERVICE, "PrivateTmp")).isEqualTo("yes");
    }

    @Test
    void theReaderRefusesALineOutsideASection() {
        assertThatThrownBy(() -> SystemdUnit.parse("User=corvid\n[Service]\n"))
                .hasMessage("line 1: 'User=corvid' is not Key=Value inside a section");
    }
}
