package dev.corvid.daemon.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read as systemd reads it ({@code man 5 systemd.syntax}): {@code [Section]} headers,
 * {@code Key=Value} lines, comments starting with {@code #} or {@code ;}; a key may repeat (its values in order).
 *
 * @param sections section name to key to values
 */
record SystemdUnit(Map<String, Map<String, List<String>>> sections) {

    static SystemdUnit parse(String text) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), s -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0 || line.endsWith("\\")) {
                throw new IllegalArgumentException("line " + number + ": '" + raw + "' is not Key=Value inside a section");
            }
            current.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
        return new SystemdUnit(sections);
    }

    /** Every value of {@code key} in {@code section}, in order; empty when it is not set. */
    List<String> values(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** The value of a key that is set once. */
    String value(String section, String key) {
        List<String> values = values(section, key);
        if (values.size() != 1) throw new AssertionError("[" + section + "] " + key + " is set " + values.size() + " times");
        return values.getFirst();
    }

    /** The space-separated words of a key set once, e.g. the capabilities of AmbientCapabilities. */
    List<String> words(String section, String key) {
        return List.of(value(section, key).split("\\s+"));
    }
}
