package dev.corvid.reflector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.reflector.PrefixRule.Action;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prefix lists: a rule matches prefixes within its prefix whose length is in ge..le; the first match wins. */
class PolicyTest {

    @ParameterizedTest(name = "{0} ge {1} le {2} matches {3}: {4}")
    @CsvSource({
            "10.244.0.0/16, 16, 16, 10.244.0.0/16,   true",
            "10.244.0.0/16, 16, 16, 10.244.1.0/24,   false",
            "10.244.0.0/16, 24, 32, 10.244.1.0/24,   true",
            "10.244.0.0/16, 24, 32, 10.244.1.64/26,  true",
            "10.244.0.0/16, 24, 32, 10.244.0.0/16,   false",
            "10.244.0.0/16, 24, 32, 10.245.1.0/24,   false",
            "10.244.0.0/16, 26, 26, 10.244.3.192/26, true",
            "10.244.0.0/16, 26, 26, 10.244.3.0/25,   false",
            "10.244.0.0/14, 14, 32, 10.247.255.0/24, true",
            "10.244.0.0/14, 14, 32, 10.248.0.0/24,   false",
            "0.0.0.0/0,     0,  0,  0.0.0.0/0,       true",
            "0.0.0.0/0,     0,  0,  10.0.0.0/8,      false",
            "0.0.0.0/0,     0,  32, 10.0.0.0/8,      true",
            "0.0.0.0/0,     0,  32, 2001:db8::/32,   false",
            "2001:db8::/32, 48, 64, 2001:db8:5::/48, true",
            "2001:db8::/32, 48, 64, 2001:db9::/48,   false",
            "2001:db8::/32, 48, 64, 2001:db8::/32,   false",
            "2001:db8::/32, 32, 128, 2001:db8:0:0:8000::/65, true",
            "::/0,          0,  0,  0.0.0.0/0,       false",
    })
    void matchesPrefixesWithinTheRuleAndItsLengthRange(String rule, int ge, int le, String candidate, boolean matches) {
        var r = new PrefixRule(Prefix.parse(rule), ge, le, Action.ACCEPT);

        assertThat(r.matches(Prefix.parse(candidate))).isEqualTo(matches);
    }

    @Test
    void firstMatchingRuleWinsAndNoMatchRejects() {
        // Reject the more specific pod blocks of one node, accept the rest of the pod range.
        var policy = new Policy.PrefixList(List.of(
                new PrefixRule(Prefix.parse("10.244.7.0/24"), 24, 32, Action.REJECT),
                new PrefixRule(Prefix.parse("10.244.0.0/16"), 16, 32, Action.ACCEPT),
                new PrefixRule(Prefix.parse("10.244.8.0/24"), 24, 32, Action.REJECT)));

        assertThat(policy.permits(Prefix.parse("10.244.7.64/26"), false)).isFalse();
        assertThat(policy.permits(Prefix.parse("10.244.8.64/26"), false)).isTrue(); // the later reject never runs
        assertThat(policy.permits(Prefix.parse("10.244.0.0/16"), false)).isTrue();
        assertThat(policy.permits(Prefix.parse("10.96.0.0/12"), false)).isFalse();
        assertThat(new Policy.PrefixList(List.of()).permits(Prefix.parse("10.0.0.0/8"), true)).isFalse();
    }

    @Test
    void acceptRejectAndOriginatedDecideByKindAlone() {
        Prefix p = Prefix.parse("10.244.1.0/26");

        assertThat(new Policy.Accept().permits(p, false)).isTrue();
        assertThat(new Policy.Reject().permits(p, true)).isFalse();
        assertThat(new Policy.Originated().permits(p, true)).isTrue();
        assertThat(new Policy.Originated().permits(p, false)).isFalse();
    }

    @Test
    void appliesRfc8212DefaultsByRole() {
        // RFC 8212 §3: eBGP sessions need explicit policies; iBGP sessions are not affected.
        assertThat(Policy.rfc8212Default(PeerRole.EBGP)).isEqualTo(new Policy.Reject());
        for (PeerRole internal : List.of(PeerRole.MESH, PeerRole.RR_CLIENT, PeerRole.NON_CLIENT)) {
            assertThat(Policy.rfc8212Default(internal)).isEqualTo(new Policy.Accept());
        }
    }

    @Test
    void refusesALengthRangeOutsideThePrefix() {
        assertThatThrownBy(() -> new PrefixRule(Prefix.parse("10.244.0.0/16"), 8, 24, Action.ACCEPT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 <= ge <= le <= 32");
        assertThatThrownBy(() -> new PrefixRule(Prefix.parse("10.244.0.0/16"), 24, 33, Action.ACCEPT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
