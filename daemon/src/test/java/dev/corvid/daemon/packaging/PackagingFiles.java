package dev.corvid.daemon.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds {@code docker/} and reads its files. */
final class PackagingFiles {
    private PackagingFiles() {}

    /** The top of the source tree: the first folder upwards from the working directory that holds {@code mvnw}. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docker"))) return dir;
        }
        throw new IllegalStateException("no folder holding mvnw and docker/ above " + Path.of("").toAbsolutePath());
    }

    static Path docker(String name) {
        return root().resolve("docker").resolve(name);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of {@code docker/daemonset.yaml}, in order. */
    static List<JsonNode> manifests() {
        try (var documents = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(docker("daemonset.yaml").toFile())) {
            List<JsonNode> all = new ArrayList<>();
            documents.forEachRemaining(all::add);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one document of that kind. */
    static JsonNode manifest(String kind) {
        List<JsonNode> matching = manifests().stream().filter(m -> m.path("kind").asText().equals(kind)).toList();
        if (matching.size() != 1) throw new AssertionError("daemonset.yaml has " + matching.size() + " documents of kind " + kind);
        return matching.getFirst();
    }

    /** corvid.conf of the DaemonSet's ConfigMap. */
    static String daemonSetConfig() {
        return manifest("ConfigMap").path("data").path("corvid.conf").asText();
    }
}
