package dev.corvid.daemon.run;

import java.util.logging.LogManager;

/**
 * A {@link LogManager} whose {@link #reset()} is ignored once corvid has configured logging. JUL resets itself in a
 * JVM shutdown hook that runs at the same time as the daemon's own; without this, the lines written while the
 * daemon stops (the Cease to every peer, the removal of the control socket) would be lost. Installed through the
 * {@code java.util.logging.manager} system property before anything logs.
 */
public final class CorvidLogManager extends LogManager {
    private volatile boolean frozen;

    public CorvidLogManager() {
        super();
    }

    void freeze() {
        frozen = true;
    }

    void thaw() {
        frozen = false;
    }

    @Override
    public void reset() {
        if (!frozen) super.reset();
    }
}
