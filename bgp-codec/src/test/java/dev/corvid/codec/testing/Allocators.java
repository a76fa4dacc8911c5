package dev.corvid.codec.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Allocators for property tests. At the paranoid leak-detection level every access to a tracked buffer records a
 * stack trace, which makes thousands of messages take minutes; so loops use untracked buffers (their reference
 * counts are still checked) and hand a tracked one to every {@value #TRACKED_EVERY}th case.
 */
public final class Allocators {
    public static final int TRACKED_EVERY = 50;
    /** Heap buffers the leak detector does not track. */
    public static final ByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(false, true);

    private Allocators() {}

    /** The pooled, leak-tracked allocator for case {@code i} when it is sampled, otherwise {@link #UNTRACKED}. */
    public static ByteBufAllocator sampled(long i) {
        return i % TRACKED_EVERY == 0 ? PooledByteBufAllocator.DEFAULT : UNTRACKED;
    }
}
