package dev.corvid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.nlri.Prefix;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {
    private static Prefix p(String text) {
        return Prefix.parse(text);
    }

    @Test
    void aRuleMatchesPrefixesWithinItsPrefixWhoseLengthIsBetweenGeAndLe() {
        PrefixRule rule = new PrefixRule(p("10.0.0.0/8"), 24, 26, true);

        assertThat(rule.matches(p("10.1.2.0/24"))).isTrue();
        assertThat(rule.matches(p("10.255.255.192/26"))).isTrue();
        assertThat(rule.matches(p("10.1.0.0/16"))).as("too short").isFalse();
        assertThat(rule.matches(p("10.1.2.0/27"))).as("too long").isFalse();
        assertThat(rule.matches(p("11.1.2.0/24"))).as("outside").isFalse();
        assertThat(rule.matches(p("2001:db8::/32"))).as("other family").isFalse();
    }

    @Test
    void aRuleComparesPartialOctetsOfItsPrefix() {
        PrefixRule rule = new PrefixRule(p("10.244.1.0/26"), 26, 32, true);

        assertThat(rule.matches(p("10.244.1.32/27"))).isTrue();
        assertThat(rule.matches(p("10.244.1.64/27"))).isFalse();
        assertThat(new PrefixRule(p("2001:db8:8000::/33"), 33, 64, true).matches(p("2001:db8::/48"))).isFalse();
    }

    @Test
    void thePrefixListsFirstMatchingRuleDecidesAndNoMatchRejects() {
        Policy policy = new Policy.PrefixList(List.of(
                new PrefixRule(p("10.244.1.0/24"), 24, 32, false),
                new PrefixRule(p("10.244.0.0/16"), 16, 32, true)));

        assertThat(policy.permits(p("10.244.1.0/26"), false)).isFalse();
        assertThat(policy.permits(p("10.244.2.0/26"), false)).isTrue();
        assertThat(policy.permits(p("192.168.0.0/24"), true)).isFalse();
    }

    @Test
    void originatedPermitsOnlyThisNodesOwnRoutes() {
        assertThat(new Policy.Originated().permits(p("10.244.1.0/26"), true)).isTrue();
        assertThat(new Policy.Originated().permits(p("10.244.1.0/26"), false)).isFalse();
        assertThat(new Policy.Accept().permits(p("10.0.0.0/8"), false)).isTrue();
        assertThat(new Policy.Reject().permits(p("10.0.0.0/8"), true)).isFalse();
    }

    @Test
    void aRuleWithGeBelowItsPrefixLengthCannotBeMade() {
        assertThatThrownBy(() -> new PrefixRule(p("10.0.0.0/16"), 8, 32, true))
                .hasMessage("prefix rule 10.0.0.0/16 ge 8 le 32 needs 16 <= ge <= le <= 32");
    }
}
