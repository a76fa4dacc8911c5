package dev.corvid.rib;

import static dev.corvid.rib.Fixtures.attrs;
import static dev.corvid.rib.Fixtures.med;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

class AttributeInternerTest {
    private final AttributeInterner interner = new AttributeInterner(RibThread.current());

    @Test
    void equalSetsBecomeOneObject() {
        PathAttributes first = interner.intern(attrs("10.0.0.1", med(5)));
        PathAttributes second = interner.intern(attrs("10.0.0.1", med(5)));
        assertThat(second).isSameAs(first);
        assertThat(interner.intern(attrs("10.0.0.1", med(6)))).isNotSameAs(first);
        assertThat(interner.size()).isEqualTo(2);
    }

    @Test
    void aSetNoLongerHeldIsCollected() throws InterruptedException {
        PathAttributes kept = interner.intern(attrs("10.0.0.1", med(1)));
        WeakReference<PathAttributes> dropped = new WeakReference<>(interner.intern(attrs("10.0.0.1", med(2))));
        for (int i = 0; i < 100 && (dropped.get() != null || interner.size() > 1); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(dropped.get()).isNull();
        assertThat(interner.size()).isEqualTo(1);
        assertThat(interner.intern(attrs("10.0.0.1", med(1)))).isSameAs(kept);
    }
}
