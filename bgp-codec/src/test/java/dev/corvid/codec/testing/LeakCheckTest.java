package dev.corvid.codec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Proves {@link LeakCheck} catches a leak: runs a class that leaks on purpose and checks that the class failed. */
@ExtendWith(LeakCheck.class)
class LeakCheckTest {
    static final String HINT = "intentional leak from LeakCheckTest.LeakingOnPurpose";

    @Test
    void failsTheTestClassThatLeaksABuffer() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(LeakingOnPurpose.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getTestsSucceededCount()).as("the leaking test itself passes").isEqualTo(1);
        assertThat(summary.getFailures()).hasSize(1);
        Throwable failure = summary.getFailures().getFirst().getException();
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("leaked 1 buffer")
                .hasMessageContaining(HINT);
    }

    @Test
    void reportsNothingForReleasedBuffers() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(16);
        b.writeLong(1);
        b.release();
        LeakRecorder.forceReports();
        assertThat(LeakRecorder.take(leak -> leak.contains("LeakCheckTest.reportsNothing"))).isEmpty();
    }

    /**
     * Run only through the launcher above: surefire does not pick up nested classes, and JUnit runs a static nested
     * class with its outer class only when it is {@code @Nested}.
     */
    @ExtendWith(LeakCheck.class)
    static class LeakingOnPurpose {
        @Test
        void dropsABufferWithoutReleasingIt() {
            allocateAndForget();
        }

        private static void allocateAndForget() {
            ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(16);
            b.touch(HINT);
            b.writeInt(42);
        }
    }
}
