package dev.corvid.daemon.metrics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * DOC: the answers of {@code /healthz} (liveness: the RIB thread makes progress) and {@code /readyz} (readiness:
 * the configuration is loaded, the speaker listens, the first kernel reconcile is done). Each is a status and one
 * line saying why. The server exists only once a configuration is loaded, so that condition holds by construction.
 */
final class Health {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** An HTTP status and the one line of text that goes with it. */
    record Answer(int status, String text) {
        static Answer ok(String text) {
            return new Answer(200, text);
        }

        static Answer unavailable(String text) {
            return new Answer(503, text);
        }
    }

    private final HealthSources sources;
    /** The first reconcile happens once: after it, the kernel thread is not asked again. */
    private final AtomicBoolean kernelSynced = new AtomicBoolean();

    Health(HealthSources sources) {
        this.sources = sources;
    }

    Answer live() {
        long start = System.nanoTime();
        return switch (await(sources.ribProbe().get())) {
            case Outcome.Answered _ -> Answer.ok("ok: the RIB thread answered in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
            case Outcome.Late _ -> Answer.unavailable("unhealthy: the RIB thread did not answer within "
                    + TIMEOUT.toSeconds() + " s (stuck, or far behind on queued UPDATEs); routes are not being"
                    + " processed");
            case Outcome.Failed f -> Answer.unavailable("unhealthy: the RIB thread failed to answer: " + f.why());
        };
    }

    Answer ready() {
        if (!sources.listening().getAsBoolean()) {
            return Answer.unavailable("not ready: the speaker is not listening (corvid is stopping)");
        }
        if (sources.kernelSynced().isPresent() && !kernelSynced.get()) {
            switch (await(sources.kernelSynced().get().get())) {
                case Outcome.Answered a when Boolean.TRUE.equals(a.value()) -> kernelSynced.set(true);
                case Outcome.Answered _ -> {
                    return Answer.unavailable("not ready: the first reconcile of the kernel routes is not done yet"
                            + " (waiting for the sessions' initial routes)");
                }
                case Outcome.Late _ -> {
                    return Answer.unavailable("not ready: the kernel thread did not answer within "
                            + TIMEOUT.toSeconds() + " s");
                }
                case Outcome.Failed f -> {
                    return Answer.unavailable("not ready: the kernel thread failed to answer: " + f.why());
                }
            }
        }
        return Answer.ok("ready: configuration loaded, listening"
                + (sources.kernelSynced().isPresent() ? ", kernel routes reconciled" : ""));
    }

    private sealed interface Outcome {
        record Answered(Object value) implements Outcome {}

        record Late() implements Outcome {}

        record Failed(String why) implements Outcome {}
    }

    private static Outcome await(CompletableFuture<?> answer) {
        try {
            return new Outcome.Answered(answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new Outcome.Late();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome.Failed(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted");
        }
    }
}
