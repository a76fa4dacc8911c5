package dev.corvid.config;

import dev.corvid.codec.nlri.Prefix;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code kernel.learn} rule: a kernel route is announced when it matches every condition that is present.
 *
 * @param type      the route type ({@code unicast}, {@code blackhole}, {@code unreachable}, ...)
 * @param protocol  the route's rtm_protocol
 * @param table     the routing table the route is in
 * @param within    the route's prefix lies within (or equals) this prefix
 */
public record KernelLearnRule(Optional<String> type, OptionalInt protocol, OptionalInt table, Optional<Prefix> within) {

    public KernelLearnRule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(within, "within");
    }
}
