package dev.corvid.it.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;

/**
 * What the lab needs from the machine: root (network namespaces), the daemons' packages and the corvid jar of this
 * build. Missing anything, the tests are skipped with the command that installs it; under {@code CI=true} a missing
 * requirement is a failure instead, so CI never goes green by skipping the interop tests.
 */
public final class LabRequirements {

    /** Executable → the Debian package that provides it. */
    private static final Map<String, String> TOOLS = Map.of(
            "/usr/sbin/ip", "iproute2",
            "/usr/sbin/bridge", "iproute2",
            "/usr/bin/ss", "iproute2",
            "/usr/sbin/bird", "bird2",
            "/usr/sbin/birdc", "bird2",
            "/usr/lib/frr/bgpd", "frr",
            "/usr/lib/frr/zebra", "frr",
            "/usr/bin/vtysh", "frr",
            "/usr/bin/gobgpd", "gobgpd",
            "/usr/bin/gobgp", "gobgpd");

    private LabRequirements() {
    }

    /** Skips the calling test class (fails it under CI=true) when the lab cannot run here. */
    public static void check() {
        List<String> problems = missing();
        if (problems.isEmpty()) {
            return;
        }
        String message = String.join("; ", problems);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("the interop lab cannot run (CI=true makes this a failure): " + message);
        }
        Assumptions.abort(message);
    }

    /**
     * Skips the calling test (fails it under {@code CI=true}) when a tool only some tests use (tcpdump) is missing.
     */
    public static void requireTool(String executable, String debianPackage) {
        if (Files.isExecutable(Path.of(executable))) {
            return;
        }
        String message = "this test needs " + executable + ": run 'sudo apt-get install " + debianPackage
                + "', or bash .ci/run";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true makes this a failure)");
        }
        Assumptions.abort(message);
    }

    static List<String> missing() {
        List<String> problems = new ArrayList<>();
        Set<String> packages = new LinkedHashSet<>();
        for (var tool : TOOLS.entrySet()) {
            if (!Files.isExecutable(Path.of(tool.getKey()))) {
                packages.add(tool.getValue());
            }
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !packages.isEmpty()) {
            String what = (root ? "" : "root") + (!root && !packages.isEmpty() ? " and " : "") + String.join(" ", packages);
            problems.add("the interop tests need " + what + ": run 'sudo apt-get install bird2 frr gobgpd iproute2' "
                    + "and the tests as root, or bash .ci/run");
        }
        String jar = System.getProperty("corvid.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            problems.add("the corvid jar " + (jar == null ? "(system property corvid.jar)" : jar) + " does not exist: "
                    + "build it first with ./mvnw -B -pl it -am verify");
        }
        return problems;
    }

    static Path corvidJar() {
        return Path.of(System.getProperty("corvid.jar")).toAbsolutePath().normalize();
    }
}
