package dev.corvid.netlink;

import java.util.List;

/**
 * What came of a batch of route requests.
 *
 * @param failures the requests the kernel refused, in request order; every other request took effect unless
 *                 {@code overrun}
 * @param overrun  ENOBUFS on corvid's socket: some replies were lost, so the outcome of some requests is unknown; the
 *                 caller must re-dump the routes ({@link RtNetlink#routes}) to learn what the kernel holds
 */
public record BatchOutcome(List<Failure> failures, boolean overrun) {
    public BatchOutcome {
        failures = List.copyOf(failures);
    }
}
