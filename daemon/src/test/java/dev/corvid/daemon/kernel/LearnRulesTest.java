package dev.corvid.daemon.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.nlri.Prefix;
import dev.corvid.config.KernelLearnRule;
import dev.corvid.netlink.KernelRoute;
import dev.corvid.netlink.NextHop;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Which kernel routes {@code kernel.learn} announces: every condition of one rule, any rule, never corvid's own. */
class LearnRulesTest {
    private static final int CORVID = 201;
    private static final KernelLearnRule ANY = new KernelLearnRule(Optional.empty(), OptionalInt.empty(),
            OptionalInt.empty(), Optional.empty());

    private static KernelRoute blackhole(String prefix, int protocol, int table) {
        return KernelRoute.discard(Prefix.parse(prefix), KernelRoute.BLACKHOLE, table, protocol, 0);
    }

    private static KernelRoute unicast(String prefix, int protocol) {
        return KernelRoute.unicast(Prefix.parse(prefix), List.of(NextHop.via(InetAddress.ofLiteral("10.0.0.2"))),
                254, protocol, 0, 0);
    }

    private static LearnRules rules(KernelLearnRule... rules) {
        return new LearnRules(List.of(rules), CORVID);
    }

    private static KernelLearnRule type(String type) {
        return new KernelLearnRule(Optional.of(type), OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }

    private static KernelLearnRule within(String prefix) {
        return new KernelLearnRule(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                Optional.of(Prefix.parse(prefix)));
    }

    @Test
    void withoutRulesNothingIsLearned() {
        LearnRules none = rules();
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.matches(blackhole("10.244.5.0/26", 80, 254))).isFalse();
    }

    @Test
    void aTypeConditionMatchesTheTypeAsIpRouteNamesIt() {
        LearnRules rules = rules(type("blackhole"));
        assertThat(rules.isEmpty()).isFalse();
        assertThat(rules.matches(blackhole("10.244.5.0/26", 80, 254))).isTrue();
        assertThat(rules.matches(unicast("10.244.5.0/26", 80))).isFalse();
        assertThat(rules.matches(KernelRoute.discard(Prefix.parse("10.244.5.0/26"), KernelRoute.UNREACHABLE, 254, 80, 0)))
                .isFalse();
    }

    @Test
    void aProtocolConditionMatchesOnlyThatProtocol() {
        LearnRules rules = rules(new KernelLearnRule(Optional.empty(), OptionalInt.of(80), OptionalInt.empty(),
                Optional.empty()));
        assertThat(rules.matches(blackhole("10.244.5.0/26", 80, 254))).isTrue();
        assertThat(rules.matches(blackhole("10.244.5.0/26", 3, 254))).isFalse();
    }

    @Test
    void aTableConditionMatchesOnlyThatTable() {
        LearnRules rules = rules(new KernelLearnRule(Optional.empty(), OptionalInt.empty(), OptionalInt.of(100),
                Optional.empty()));
        assertThat(rules.matches(blackhole("10.244.5.0/26", 80, 100))).isTrue();
        assertThat(rules.matches(blackhole("10.244.5.0/26", 80, 254))).isFalse();
    }

    @Test
    void withinMatchesTheRangeAndLongerPrefixesButNotAShorterOneNorAnotherFamily() {
        LearnRules rules = rules(within("10.244.0.0/16"));
        assertThat(rules.matches(blackhole("10.244.5.0/26", 80, 254))).isTrue();
        assertThat(rules.matches(blackhole("10.244.0.0/16", 80, 254))).as("the range itself").isTrue();
        assertThat(rules.matches(blackhole("10.244.0.0/15", 80, 254))).as("shorter: it covers more than the range")
                .isFalse();
        assertThat(rules.matches(blackhole("10.245.0.0/26", 80, 254))).isFalse();
        assertThat(rules.matches(KernelRoute.discard(Prefix.parse("::/0"), KernelRoute.BLACKHOLE, 254, 80, 1024)))
                .isFalse();
    }

    @Test
    void aRuleMatchesOnlyWhenEveryConditionOfItHolds() {
        LearnRules rules = rules(new KernelLearnRule(Optional.of("blackhole"), OptionalInt.of(80), OptionalInt.of(254),
                Optional.of(Prefix.parse("10.244.0.0/16"))));
        assertThat(rules.matches(blackhole("10.244.5.0/26", 80, 254))).isTrue();
        assertThat(rules.matches(blackhole("10.244.5.0/26", 3, 254))).isFalse();
        assertThat(rules.matches(blackhole("10.244.5.0/26", 80, 100))).isFalse();
        assertThat(rules.matches(blackhole("10.9.5.0/26", 80, 254))).isFalse();
        assertThat(rules.matches(unicast("10.244.5.0/26", 80))).isFalse();
    }

    @Test
    void aRouteIsLearnedWhenAnyRuleMatchesIt() {
        LearnRules rules = rules(type("blackhole"), within("192.168.0.0/16"));
        assertThat(rules.matches(blackhole("10.244.5.0/26", 80, 254))).isTrue();
        assertThat(rules.matches(unicast("192.168.3.0/24", 3))).isTrue();
        assertThat(rules.matches(unicast("10.244.5.0/26", 3))).isFalse();
    }

    @Test
    void corvidsOwnRoutesAreNeverLearnedEvenByARuleThatNamesItsProtocol() {
        assertThat(rules(ANY).matches(unicast("10.244.5.0/26", 3))).isTrue();
        assertThat(rules(ANY).matches(unicast("10.244.5.0/26", CORVID))).isFalse();
        LearnRules naming = rules(new KernelLearnRule(Optional.empty(), OptionalInt.of(CORVID), OptionalInt.empty(),
                Optional.empty()));
        assertThat(naming.matches(unicast("10.244.5.0/26", CORVID))).isFalse();
    }
}
