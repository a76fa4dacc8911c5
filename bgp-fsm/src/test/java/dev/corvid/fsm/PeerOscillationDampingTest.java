package dev.corvid.fsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerOscillationDampingTest {

    @Test
    void doublesFromInitialUpToMax() {
        PeerOscillationDamping d = new PeerOscillationDamping(Duration.ofMillis(500), Duration.ofSeconds(3),
                Duration.ofMinutes(1));

        assertThat(d.idleHoldTime(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(d.idleHoldTime(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.idleHoldTime(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.idleHoldTime(4)).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.idleHoldTime(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void rejectsMaxBelowInitial() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PeerOscillationDamping(Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ZERO));
    }
}
