package dev.corvid.config;

import java.util.Objects;

/**
 * One problem in a configuration file, as users see it: {@code corvid.conf:12: corvid.peers[0].asn: 70000000000 is
 * not a valid AS number (1..4294967295)}.
 *
 * @param file     the file the problem is in, as it was named (an included file names itself)
 * @param line     the 1-based line, or 0 when no line applies (an unreadable file)
 * @param path     the HOCON path of the offending key, e.g. {@code corvid.peers[0].asn}; empty for syntax errors
 * @param message  a sentence saying what is wrong and, where it helps, what to write instead
 */
public record ConfigError(String file, int line, String path, String message) {

    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code FILE:LINE: path: message}; the line is left out when it is 0 and the path when it is empty. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
