package dev.corvid.reflector;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Ipv6Prefix;
import dev.corvid.codec.nlri.Prefix;
import java.util.Objects;

/**
 * One rule of a prefix list: it matches a prefix that lies within {@link #prefix()} and whose length is in
 * {@code ge..le} (the convention of BIRD, FRR and IOS prefix lists: {@link #exact} matches the prefix itself,
 * {@code ge} alone reaches to the longest length of the family, {@code le} alone starts at the prefix's length).
 */
public record PrefixRule(Prefix prefix, int ge, int le, Action action) {

    public enum Action { ACCEPT, REJECT }

    public PrefixRule {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(action, "action");
        int max = prefix.afi().addressLength() * 8;
        if (ge < prefix.length() || ge > le || le > max) {
            throw new IllegalArgumentException("prefix rule " + prefix + " ge " + ge + " le " + le
                    + " needs " + prefix.length() + " <= ge <= le <= " + max);
        }
    }

    /** Matches {@code prefix} only. */
    public static PrefixRule exact(Prefix prefix, Action action) {
        return new PrefixRule(prefix, prefix.length(), prefix.length(), action);
    }

    /** True when {@code candidate} lies within {@link #prefix()} and its length is in {@code ge..le}. */
    public boolean matches(Prefix candidate) {
        if (candidate.length() < ge || candidate.length() > le) return false;
        return switch (prefix) {
            case Ipv4Prefix net when candidate instanceof Ipv4Prefix c ->
                    net.bits() == new Ipv4Prefix(c.bits(), net.length()).bits();
            case Ipv6Prefix net when candidate instanceof Ipv6Prefix c -> {
                Ipv6Prefix truncated = new Ipv6Prefix(c.high(), c.low(), net.length());
                yield net.high() == truncated.high() && net.low() == truncated.low();
            }
            default -> false; // another family never matches
        };
    }
}
