package dev.corvid.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.corvid.config.Diagnostics.Location;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One value of the configuration tree with its HOCON path ({@code corvid.peers[0].asn}) and the place it was
 * written. The readers return the value when it has the expected type and range; otherwise they report one error
 * to the {@link Diagnostics} and return empty, so that every problem of a file is found in one pass.
 */
record ConfigNode(ConfigValue value, String path, Location location) {

    private ConfigNode child(ConfigValue v, String childPath, Diagnostics d) {
        return new ConfigNode(v, childPath, d.locate(v.origin(), location));
    }

    /** The fields of an object; unknown keys are reported (with "did you mean"), the known ones returned. */
    Optional<Fields> object(Diagnostics d, KnownKeys known) {
        if (!(value instanceof ConfigObject object)) {
            d.error(this, "expected an object { ... } (" + known.kind() + "), got " + describe());
            return Optional.empty();
        }
        Map<String, ConfigNode> fields = new LinkedHashMap<>();
        for (String key : object.keySet().stream().sorted().toList()) {
            if (object.get(key).valueType() == ConfigValueType.NULL) continue; // HOCON: null unsets a key
            ConfigNode field = child(object.get(key), path + "." + key, d);
            if (known.contains(key)) {
                fields.put(key, field);
            } else {
                d.error(field, known.unknown(key));
            }
        }
        return Optional.of(new Fields(this, fields));
    }

    Optional<List<ConfigNode>> list(Diagnostics d) {
        if (!(value instanceof ConfigList list)) {
            d.error(this, "expected a list [ ... ], got " + describe());
            return Optional.empty();
        }
        List<ConfigNode> elements = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            elements.add(child(list.get(i), path + "[" + i + "]", d));
        }
        return Optional.of(elements);
    }

    /** A string; numbers and booleans are taken as their text, as typesafe-config does. */
    Optional<String> string(Diagnostics d) {
        return switch (value.valueType()) {
            case STRING, NUMBER, BOOLEAN -> Optional.of(String.valueOf(value.unwrapped()));
            default -> {
                d.error(this, "expected a string, got " + describe());
                yield Optional.empty();
            }
        };
    }

    /** A string turned into a value by {@code parse}, whose IllegalArgumentException message becomes the error. */
    <T> Optional<T> text(Diagnostics d, Function<String, T> parse) {
        return string(d).flatMap(s -> {
            try {
                return Optional.of(parse.apply(s));
            } catch (IllegalArgumentException e) {
                d.error(this, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** One of {@code words} (case-insensitive); otherwise "did you mean" the closest, or the list of all. */
    Optional<String> choice(Diagnostics d, String what, List<String> words) {
        return string(d).flatMap(s -> {
            String word = s.trim().toLowerCase(java.util.Locale.ROOT);
            if (words.contains(word)) return Optional.of(word);
            d.error(this, describe() + " is not " + what + KnownKeys.suggestion(word, words)
                    .map(w -> "; did you mean " + w + "?")
                    .orElse("; write one of " + String.join(", ", words)));
            return Optional.empty();
        });
    }

    /** A whole number in {@code min..max}; the message says {@code V is not WHAT (MIN..MAX)}. */
    Optional<Long> number(Diagnostics d, long min, long max, String what) {
        BigDecimal n = numeric();
        if (n == null) {
            d.error(this, describe() + " is not a number; expected " + what + " (" + min + ".." + max + ")");
            return Optional.empty();
        }
        if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0
                || n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            d.error(this, n.toPlainString() + " is not " + what + " (" + min + ".." + max + ")");
            return Optional.empty();
        }
        return Optional.of(n.longValueExact());
    }

    Optional<Boolean> bool(Diagnostics d) {
        if (value.valueType() == ConfigValueType.BOOLEAN) return Optional.of((Boolean) value.unwrapped());
        if (value.valueType() == ConfigValueType.STRING) {
            switch (((String) value.unwrapped()).toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on" -> { return Optional.of(true); }
                case "false", "no", "off" -> { return Optional.of(false); }
                default -> { }
            }
        }
        d.error(this, describe() + " is not a boolean; write true or false");
        return Optional.empty();
    }

    /**
     * A time in whole seconds: a number of seconds ({@code 30}) or a HOCON duration ({@code 30s}, {@code 2m}).
     */
    Optional<Integer> seconds(Diagnostics d, int min, int max, String what) {
        if (value.valueType() == ConfigValueType.NUMBER || numeric() != null) {
            return number(d, min, max, what + " in seconds").map(Long::intValue);
        }
        if (value.valueType() != ConfigValueType.STRING) {
            d.error(this, describe() + " is not a time; write seconds (30) or a duration (30s, 2m)");
            return Optional.empty();
        }
        Duration duration;
        try {
            duration = value.atKey("t").getDuration("t");
        } catch (ConfigException.BadValue e) {
            d.error(this, describe() + " is not a time; write seconds (30) or a duration (30s, 2m)");
            return Optional.empty();
        }
        if (duration.toNanosPart() != 0 || duration.getSeconds() < min || duration.getSeconds() > max) {
            d.error(this, describe() + " is not " + what + " (" + min + ".." + max + " whole seconds)");
            return Optional.empty();
        }
        return Optional.of((int) duration.getSeconds());
    }

    /** The value as a number when it is one, or a string that reads as one (environment variables are strings). */
    private BigDecimal numeric() {
        return switch (value.valueType()) {
            case NUMBER -> new BigDecimal(value.unwrapped().toString());
            case STRING -> {
                try {
                    yield new BigDecimal(((String) value.unwrapped()).trim());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    /** How a value is named in messages: {@code 70000000000}, {@code 'abc'}, {@code a list}. */
    String describe() {
        return switch (value.valueType()) {
            case STRING -> "'" + value.unwrapped() + "'";
            case NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
            case LIST -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }

    /** The known fields of one object, by key. */
    record Fields(ConfigNode node, Map<String, ConfigNode> byKey) {
        Optional<ConfigNode> get(String key) {
            return Optional.ofNullable(byKey.get(key));
        }

        /** The field, or an error at the object's line saying it is missing and how to write it. */
        Optional<ConfigNode> required(Diagnostics d, String key, String example) {
            ConfigNode field = byKey.get(key);
            if (field == null) {
                d.error(node.location(), node.path() + "." + key, "missing; " + example);
            }
            return Optional.ofNullable(field);
        }
    }
}
