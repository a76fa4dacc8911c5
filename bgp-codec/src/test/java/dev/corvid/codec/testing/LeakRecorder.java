package dev.corvid.codec.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Collects what Netty's {@link ResourceLeakDetector} reports, so that a test can fail on it instead of a line in the
 * log nobody reads. {@link LeakDetectionInstaller} installs the factory before the first buffer class loads; the
 * detectors still log as Netty's do.
 */
public final class LeakRecorder {
    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();
    private static volatile Detector<ByteBuf> byteBufDetector;

    private LeakRecorder() {}

    /** Installs the recording factory; idempotent. Must run before {@code AbstractByteBufAllocator} is loaded. */
    static void install() {
        if (!(ResourceLeakDetectorFactory.instance() instanceof Factory)) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new Factory());
        }
    }

    /** True once Netty's ByteBuf allocators track their buffers through a recording detector. */
    public static boolean recordsByteBufLeaks() {
        Unpooled.buffer(1).release(); // loads the allocator, which creates its detector
        return byteBufDetector != null;
    }

    /**
     * Runs the garbage collector until the references of unreachable tracked buffers have been processed, then makes
     * the detector drain its queue (it does so on every tracked allocation; here forcibly).
     */
    public static void forceReports() {
        for (int round = 0; round < 3; round++) {
            awaitCollection();
            Detector<ByteBuf> detector = byteBufDetector;
            if (detector != null) {
                ByteBuf probe = Unpooled.EMPTY_BUFFER;
                ResourceLeakTracker<ByteBuf> tracker = detector.trackForcibly(probe);
                tracker.close(probe);
            }
        }
    }

    /** Takes (removes and returns) every leak reported so far. */
    public static List<String> takeAll() {
        return take(leak -> true);
    }

    /** Takes the reported leaks that match {@code which}, leaving the others. */
    public static List<String> take(Predicate<String> which) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = LEAKS.iterator(); it.hasNext(); ) {
            String leak = it.next();
            if (which.test(leak)) {
                out.add(leak);
                it.remove();
            }
        }
        return out;
    }

    /** Waits (up to a few seconds, not a fixed time) until a GC cycle has enqueued a phantom reference. */
    private static void awaitCollection() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
        try {
            for (int attempt = 0; attempt < 20; attempt++) {
                System.gc();
                if (queue.remove(250) != null) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Reference.reachabilityFence(sentinel);
        }
    }

    private static final class Factory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return newResourceLeakDetector(resource, samplingInterval);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            Detector<T> detector = new Detector<>(resource, samplingInterval);
            if (resource == ByteBuf.class) byteBufDetector = (Detector<ByteBuf>) detector;
            return detector;
        }
    }

    private static final class Detector<T> extends ResourceLeakDetector<T> {
        Detector(Class<?> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        /** Report whatever the logger level; the test decides what to do with it. */
        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add(resourceType + " released by nobody:" + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add(resourceType + " released by nobody (no records: run with -Dio.netty.leakDetection.level=paranoid)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
