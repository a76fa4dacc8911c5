package dev.corvid.codec.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(LeakCheck.class)}: fails the test class when Netty reports a buffer that was never released.
 * Leaks reported before the class starts (by classes without this extension) are printed, not blamed on it.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!LeakRecorder.recordsByteBufLeaks()) {
            throw new IllegalStateException("Netty's leak detector was created before LeakDetectionInstaller ran;"
                    + " is META-INF/services/org.junit.platform.launcher.LauncherSessionListener on the test classpath?");
        }
        LeakRecorder.forceReports();
        List<String> earlier = LeakRecorder.takeAll();
        if (!earlier.isEmpty()) {
            System.err.println("LeakCheck: " + earlier.size() + " buffer leak(s) reported before "
                    + context.getDisplayName() + " started:\n" + String.join("\n", earlier));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LeakRecorder.forceReports();
        List<String> leaks = LeakRecorder.takeAll();
        if (!leaks.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " leaked " + leaks.size()
                    + " buffer(s); Netty's records:\n" + String.join("\n", leaks));
        }
    }
}
