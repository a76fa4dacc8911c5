package dev.corvid.codec.testing;

import io.netty.util.ResourceLeakDetector;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Registered through {@code META-INF/services}, so it runs when the JUnit launcher session opens, before any test
 * class (and so before Netty's allocators create their leak detectors): installs {@link LeakRecorder} and makes every
 * buffer tracked, whatever the command line said.
 */
public final class LeakDetectionInstaller implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        LeakRecorder.install();
    }
}
