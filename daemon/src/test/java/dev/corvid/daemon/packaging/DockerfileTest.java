package dev.corvid.daemon.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docker/Dockerfile: built on a JDK 25, run on a JRE 25 as a non-root user whose java has the two capabilities. */
class DockerfileTest {
    /** One instruction: {@code RUN apt-get ...} is keyword RUN, the rest its arguments (continuation lines joined). */
    record Instruction(String keyword, String arguments) {}

    /** The instructions of each stage, a stage starting at its FROM (Dockerfile reference: "Format", "FROM"). */
    static List<List<Instruction>> stages(String dockerfile) {
        List<List<Instruction>> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : dockerfile.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty() && pending.isEmpty()) continue;
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String whole = (pending + line).strip();
            pending.setLength(0);
            String[] parts = whole.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) stages.add(new ArrayList<>());
            stages.getLast().add(instruction);
        }
        return stages;
    }

    private final List<List<Instruction>> stages = stages(PackagingFiles.read(PackagingFiles.docker("Dockerfile")));
    private final List<Instruction> build = stages.getFirst();
    private final List<Instruction> last = stages.getLast();

    private static List<String> arguments(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    @Test
    void itBuildsWithTheWrapperOnAJdkAndRunsOnAJre() {
        assertThat(stages).hasSize(2);
        assertThat(arguments(build, "FROM")).containsExactly("eclipse-temurin:25-jdk AS build");
        assertThat(arguments(build, "RUN")).anySatisfy(run -> assertThat(run).contains("./mvnw", "-pl daemon -am package"));
        assertThat(arguments(last, "FROM")).containsExactly("eclipse-temurin:25-jre");
    }

    @Test
    void theJarItCopiesIsTheOneTheDaemonModuleBuilds() {
        assertThat(arguments(last, "COPY")).contains("--from=build /src/daemon/target/corvid.jar /opt/corvid/corvid.jar");
        assertThat(PackagingFiles.read(PackagingFiles.root().resolve("daemon/pom.xml"))).contains("<finalName>corvid</finalName>");
    }

    @Test
    void everyFileItCopiesFromTheSourceTreeExists() {
        List<String> sources = arguments(last, "COPY").stream().filter(a -> !a.startsWith("--from")).map(a -> a.split("\\s+")[0]).toList();

        assertThat(sources).isNotEmpty().allSatisfy(source -> assertThat(PackagingFiles.root().resolve(source)).exists());
    }

    @Test
    void theFinalStageRunsAsANonRootUserItCreatesWithAFixedUid() {
        List<String> users = arguments(last, "USER");

        assertThat(users).singleElement().satisfies(user -> assertThat(user.split(":")[0]).isNotIn("root", "0"));
        String name = users.getFirst().split(":")[0];
        assertThat(arguments(last, "RUN")).anySatisfy(run -> assertThat(run).containsPattern("useradd .*--uid \\d+ .*" + name));
        assertThat(last.getLast().keyword()).isIn("CMD", "ENTRYPOINT");
        assertThat(last.indexOf(last.stream().filter(i -> i.keyword().equals("USER")).findFirst().orElseThrow()))
                .as("USER comes after every RUN, which need root")
                .isGreaterThan(last.stream().filter(i -> i.keyword().equals("RUN")).mapToInt(last::indexOf).max().orElseThrow());
    }

    @Test
    void javaGetsTheTwoCapabilitiesAndStillFindsItsLibraries() {
        assertThat(arguments(last, "RUN")).anySatisfy(run -> {
            assertThat(run).contains("setcap cap_net_admin,cap_net_bind_service+ep \"$JAVA_HOME/bin/java\"");
            // secure-execution mode ignores $ORIGIN: without this, java fails to load libjli.so
            assertThat(run).contains("/etc/ld.so.conf.d/", "ldconfig");
        });
    }

    @Test
    void theEntrypointIsTheLauncherAndTheCommandRunsTheMountedConfig() {
        assertThat(arguments(last, "ENTRYPOINT")).containsExactly("[\"corvid\"]");
        assertThat(arguments(last, "CMD")).containsExactly("[\"run\", \"-c\", \"/etc/corvid/corvid.conf\"]");
        assertThat(arguments(last, "COPY")).contains("docker/launcher.sh /usr/local/bin/corvid");
        assertThat(arguments(last, "EXPOSE")).containsExactly("179 9179");
    }

    @Test
    void theLauncherIsAValidShellScript() throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("sh", "-n", PackagingFiles.docker("launcher.sh").toString()).redirectErrorStream(true).start();
        String output = new String(sh.getInputStream().readAllBytes());

        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        assertThat(sh.exitValue()).isZero();
    }

    @Test
    void theBuildContextLeavesOutHistoryAndBuildOutput() {
        assertThat(PackagingFiles.read(PackagingFiles.docker("Dockerfile.dockerignore")).lines())
                .contains(".git", "**/target", "**/target-*");
    }
}
