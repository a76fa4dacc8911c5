package dev.corvid.config;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every {@link ConfigError} of one load, and turns typesafe-config origins into the file and line a user
 * can open. A value that did not come from a file the user wrote (an environment variable, reference.conf) is
 * placed where the nearest enclosing value of the user's file is.
 */
final class Diagnostics {
    private final String originName;
    private final List<ConfigError> errors = new ArrayList<>();

    /** @param originName the name of the user's file as it should appear in messages */
    Diagnostics(String originName) {
        this.originName = originName;
    }

    String originName() {
        return originName;
    }

    void error(Location at, String path, String message) {
        errors.add(new ConfigError(at.file(), at.line(), path, message));
    }

    void error(ConfigNode at, String message) {
        error(at.location(), at.path(), message);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The errors in file order: files as they first appear, lines ascending, one line's errors as found. */
    List<ConfigError> errors() {
        List<String> files = errors.stream().map(ConfigError::file).distinct().toList();
        return errors.stream()
                .sorted(Comparator.comparingInt((ConfigError e) -> files.indexOf(e.file())).thenComparingInt(ConfigError::line))
                .toList();
    }

    /** Where {@code origin} is in the user's files, or {@code fallback} when it is not in one. */
    Location locate(ConfigOrigin origin, Location fallback) {
        if (origin == null || origin.lineNumber() <= 0 || origin.resource() != null) return fallback;
        if (origin.filename() != null) return new Location(origin.filename(), origin.lineNumber());
        if (origin.url() == null && origin.description().startsWith(originName + ":")) {
            return new Location(originName, origin.lineNumber());
        }
        return fallback;
    }

    /** A file and a 1-based line; line 0 when only the file is known. */
    record Location(String file, int line) {}
}
