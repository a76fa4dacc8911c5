package dev.corvid.it.lab;

import java.time.Duration;
import java.util.function.Supplier;

/** Polling with deadlines: the lab waits for conditions, never for a fixed time. */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(250);

    private Await() {
    }

    /** Polls {@code probe} until it returns a non-null value, or fails after {@code timeout} with the last error seen. */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (Hopeless e) {
                throw new AssertionError("gave up waiting for " + what + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("waited " + timeout.toSeconds() + " s for " + what
                        + (last == null ? "" : "; last probe failed: " + last.getMessage()));
                if (last != null) {
                    error.addSuppressed(last);
                }
                throw error;
            }
            pause();
        }
    }

    /** Waits until {@code condition} holds. */
    public static void condition(Duration timeout, String what, Supplier<Boolean> condition) {
        until(timeout, what, () -> condition.get() ? Boolean.TRUE : null);
    }

    /** Asserts that {@code condition} holds at every poll during {@code period}. */
    public static void holdsFor(Duration period, String what, Supplier<Boolean> condition) {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!condition.get()) {
                throw new AssertionError("expected " + what + " for " + period.toSeconds() + " s, but it stopped holding");
            }
            pause();
        } while (System.nanoTime() < end);
    }

    /** Thrown by a probe when waiting longer cannot help (the daemon being waited for has exited). */
    public static final class Hopeless extends RuntimeException {
        public Hopeless(String message) {
            super(message);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
