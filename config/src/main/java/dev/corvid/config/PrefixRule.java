package dev.corvid.config;

import dev.corvid.codec.nlri.Prefix;
import java.util.Objects;

/**
 * One rule of a prefix-list policy: it matches a route whose prefix lies within {@link #prefix()} and whose length is
 * in {@code ge..le}. Written {@code { prefix = "10.0.0.0/8", ge = 24, le = 32, action = accept }}; without {@code ge}
 * and {@code le} only the prefix itself matches, {@code ge} alone reaches up to the longest length of the family, and
 * {@code le} alone starts at the prefix's own length (the convention of BIRD, FRR and IOS prefix lists).
 */
public record PrefixRule(Prefix prefix, int ge, int le, boolean accept) {

    public PrefixRule {
        Objects.requireNonNull(prefix, "prefix");
        int max = prefix.afi().addressLength() * 8;
        if (ge < prefix.length() || ge > le || le > max) {
            throw new IllegalArgumentException("prefix rule " + prefix + " ge " + ge + " le " + le
                    + " needs " + prefix.length() + " <= ge <= le <= " + max);
        }
    }
}
