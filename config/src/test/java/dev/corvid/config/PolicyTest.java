package dev.corvid.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.codec.nlri.Prefix;
import org.junit.jupiter.api.Test;

/** Which routes a policy lets through is tested with the reflector's policies; here only what can be configured. */
class PolicyTest {
    @Test
    void aRuleWithGeBelowItsPrefixLengthCannotBeMade() {
        assertThatThrownBy(() -> new PrefixRule(Prefix.parse("10.0.0.0/16"), 8, 32, true))
                .hasMessage("prefix rule 10.0.0.0/16 ge 8 le 32 needs 16 <= ge <= le <= 32");
    }
}
