package dev.corvid.config;

import java.util.List;

/** What loading a configuration gives: the validated configuration, or every problem found in it. */
public sealed interface ConfigResult {

    record Loaded(CorvidConfig config) implements ConfigResult {}

    /** Never empty; in file order as far as the checks can tell. */
    record Invalid(List<ConfigError> errors) implements ConfigResult {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) throw new IllegalArgumentException("an invalid configuration has at least one error");
        }
    }
}
