package dev.corvid.daemon.kernel;

import java.time.Instant;

/**
 * What the kernel thread has done since the start, for {@code show kernel} and the metrics.
 *
 * @param installed   corvid's routes in the kernel now
 * @param added       routes added
 * @param replaced    routes replaced (next hop, encapsulation or MTU changed)
 * @param removed     routes removed
 * @param failures    requests the kernel refused, and routes corvid could not install (e.g. no tunnel device)
 * @param failing     prefixes that are wanted but not installed now
 * @param lastError   the last failure, or empty
 * @param lastErrorAt when it happened, or null
 */
public record KernelCounters(long installed, long added, long replaced, long removed, long failures, long failing,
                             String lastError, Instant lastErrorAt) {
    static final KernelCounters NONE = new KernelCounters(0, 0, 0, 0, 0, 0, "", null);
}
