package dev.corvid.config;

import com.typesafe.config.ConfigValueType;
import dev.corvid.codec.nlri.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an {@code import} or {@code export} policy: {@code accept}, {@code reject}, {@code originated}, or a list
 * of prefix rules {@code [{ prefix = "10.0.0.0/8", ge = 24, le = 32, action = accept }, ...]}.
 */
final class PolicyReader {
    static final KnownKeys RULE = new KnownKeys("a prefix rule", List.of("prefix", "ge", "le", "action"));
    private static final List<String> WORDS = List.of("accept", "reject", "originated");

    private PolicyReader() {}

    static Optional<Policy> read(ConfigNode node, Diagnostics d) {
        if (node.value().valueType() == ConfigValueType.LIST) {
            return node.list(d).flatMap(elements -> {
                List<PrefixRule> rules = new ArrayList<>();
                boolean complete = true;
                for (ConfigNode element : elements) {
                    Optional<PrefixRule> rule = rule(element, d);
                    rule.ifPresent(rules::add);
                    complete &= rule.isPresent();
                }
                return complete ? Optional.of(new Policy.PrefixList(rules)) : Optional.empty();
            });
        }
        if (node.value().valueType() != ConfigValueType.STRING) {
            d.error(node, "expected accept, reject, originated or a list of prefix rules, got " + node.describe());
            return Optional.empty();
        }
        return node.choice(d, "a policy", WORDS).map(word -> switch (word) {
            case "accept" -> new Policy.Accept();
            case "reject" -> new Policy.Reject();
            default -> new Policy.Originated();
        });
    }

    private static Optional<PrefixRule> rule(ConfigNode element, Diagnostics d) {
        return element.object(d, RULE).flatMap(f -> {
            Optional<Prefix> prefix = f.required(d, "prefix", "write prefix = \"10.0.0.0/8\"")
                    .flatMap(n -> n.text(d, AddressText::prefix));
            Optional<Boolean> accept = f.required(d, "action", "write action = accept or action = reject")
                    .flatMap(n -> n.choice(d, "an action", List.of("accept", "reject")))
                    .map("accept"::equals);
            Optional<ConfigNode> geNode = f.get("ge");
            Optional<ConfigNode> leNode = f.get("le");
            Optional<Long> ge = geNode.flatMap(n -> n.number(d, 0, 128, "a prefix length"));
            Optional<Long> le = leNode.flatMap(n -> n.number(d, 0, 128, "a prefix length"));
            if (prefix.isEmpty() || accept.isEmpty() || geNode.isPresent() && ge.isEmpty()
                    || leNode.isPresent() && le.isEmpty()) {
                return Optional.empty();
            }
            Prefix p = prefix.get();
            int max = p.afi().addressLength() * 8;
            // The prefix-list convention: no ge/le = the prefix itself; ge alone = up to the longest length.
            int from = ge.map(Long::intValue).orElse(p.length());
            int to = le.map(Long::intValue).orElse(ge.isPresent() ? max : p.length());
            if (from < p.length() || from > max) {
                d.error(geNode.orElseThrow(), "ge " + from + " must be between the length of " + p + " and " + max
                        + " (" + p.length() + ".." + max + ")");
                return Optional.empty();
            }
            if (to < from || to > max) {
                d.error(leNode.orElseThrow(), "le " + to + " must be between ge and " + max + " (" + from + ".." + max + ")");
                return Optional.empty();
            }
            return Optional.of(new PrefixRule(p, from, to, accept.get()));
        });
    }
}
