package dev.corvid.daemon.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker/daemonset.yaml: every document parses, and the DaemonSet runs corvid the way the packaging promises. */
class DaemonSetTest {
    private final JsonNode daemonSet = PackagingFiles.manifest("DaemonSet");
    private final JsonNode pod = daemonSet.path("spec").path("template").path("spec");
    private final JsonNode container = pod.path("containers").get(0);

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private JsonNode env(String name) {
        for (JsonNode e : container.path("env")) if (e.path("name").asText().equals(name)) return e;
        throw new AssertionError("the container has no environment variable " + name);
    }

    private int containerPort(JsonNode probePort) {
        if (probePort.isInt()) return probePort.asInt();
        for (JsonNode p : container.path("ports")) if (p.path("name").asText().equals(probePort.asText())) return p.path("containerPort").asInt();
        throw new AssertionError("no container port named " + probePort.asText());
    }

    @Test
    void everyDocumentIsAKubernetesObjectInOneNamespace() {
        List<JsonNode> documents = PackagingFiles.manifests();

        assertThat(documents).extracting(d -> d.path("kind").asText()).containsExactly("ServiceAccount", "ConfigMap", "DaemonSet");
        assertThat(documents).allSatisfy(d -> {
            assertThat(d.path("apiVersion").asText()).isNotEmpty();
            assertThat(d.path("metadata").path("name").asText()).isNotEmpty();
            assertThat(d.path("metadata").path("namespace").asText()).isEqualTo("kube-system");
        });
    }

    @Test
    void theDaemonSetRunsOnTheHostNetworkOnEveryNodeFirstToStayAndLastToGo() {
        assertThat(pod.path("hostNetwork").asBoolean()).isTrue();
        assertThat(pod.path("dnsPolicy").asText()).isEqualTo("ClusterFirstWithHostNet");
        assertThat(pod.path("priorityClassName").asText()).isEqualTo("system-node-critical");
        assertThat(pod.path("tolerations")).anySatisfy(t -> {
            assertThat(t.path("operator").asText()).isEqualTo("Exists");
            assertThat(t.has("key")).isFalse();
            assertThat(t.has("effect")).isFalse();
        });
        JsonNode update = daemonSet.path("spec").path("updateStrategy");
        assertThat(update.path("type").asText()).isEqualTo("RollingUpdate");
        assertThat(update.path("rollingUpdate").path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(daemonSet.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(daemonSet.path("spec").path("template").path("metadata").path("labels"));
        assertThat(pod.path("serviceAccountName").asText())
                .isEqualTo(PackagingFiles.manifest("ServiceAccount").path("metadata").path("name").asText());
    }

    @Test
    void theContainerRunsAsTheImagesNonRootUserWithOnlyTheTwoCapabilities() {
        JsonNode security = container.path("securityContext");

        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        Matcher uid = Pattern.compile("useradd .*--uid (\\d+)").matcher(PackagingFiles.read(PackagingFiles.docker("Dockerfile")));
        assertThat(uid.find()).isTrue();
        assertThat(security.path("runAsUser").asInt()).isEqualTo(Integer.parseInt(uid.group(1))).isNotZero();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(texts(security.path("capabilities").path("drop"))).containsExactly("ALL");
        assertThat(texts(security.path("capabilities").path("add"))).containsExactlyInAnyOrder("NET_ADMIN", "NET_BIND_SERVICE");
    }

    @Test
    void theNodeAddressComesFromTheDownwardApiAndThePasswordFromASecret() {
        assertThat(env("NODE_IP").path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("status.hostIP");
        JsonNode secret = env("TOR_MD5").path("valueFrom").path("secretKeyRef");
        assertThat(secret.path("name").asText()).isNotEmpty();
        assertThat(secret.path("key").asText()).isNotEmpty();

        String conf = PackagingFiles.daemonSetConfig();
        assertThat(conf).contains("router-id = ${?NODE_IP}", "password = ${?TOR_MD5}");
    }

    @Test
    void theProbesCallHealthzAndReadyzOnTheMetricsPortOfTheConfig() {
        JsonNode liveness = container.path("livenessProbe").path("httpGet");
        JsonNode readiness = container.path("readinessProbe").path("httpGet");

        assertThat(liveness.path("path").asText()).isEqualTo("/healthz");
        assertThat(readiness.path("path").asText()).isEqualTo("/readyz");
        assertThat(containerPort(liveness.path("port"))).isEqualTo(9179);
        assertThat(containerPort(readiness.path("port"))).isEqualTo(9179);
        assertThat(PackagingFiles.daemonSetConfig()).contains("metrics = \"0.0.0.0:9179\"");
    }

    @Test
    void theConfigMapIsMountedWhereTheCommandReadsItAndTheSocketFolderIsShared() {
        List<String> args = texts(container.path("args"));
        assertThat(args).containsExactly("run", "-c", "/etc/corvid/corvid.conf");

        JsonNode configMount = mount("config");
        assertThat(configMount.path("mountPath").asText()).isEqualTo("/etc/corvid");
        assertThat(volume("config").path("configMap").path("name").asText())
                .isEqualTo(PackagingFiles.manifest("ConfigMap").path("metadata").path("name").asText());
        assertThat(mount("run").path("mountPath").asText()).isEqualTo("/run/corvid");
        assertThat(volume("run").has("emptyDir")).isTrue();
    }

    @Test
    void theContainerHasResourcesSoTheSchedulerCanPlaceIt() {
        assertThat(container.path("resources").path("requests").path("memory").asText()).isNotEmpty();
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
    }

    private JsonNode mount(String volume) {
        for (JsonNode m : container.path("volumeMounts")) if (m.path("name").asText().equals(volume)) return m;
        throw new AssertionError("the container does not mount " + volume);
    }

    private JsonNode volume(String name) {
        for (JsonNode v : pod.path("volumes")) if (v.path("name").asText().equals(name)) return v;
        throw new AssertionError("the pod has no volume " + name);
    }
}
