package dev.corvid.rib;

/**
 * DOC: the one thread that owns all routing state (DESIGN.md, "Threads"). Routing code takes no locks; instead every
 * mutating method calls {@link #assertOwner()}, which fails fast when another thread gets in. The check is a
 * reference comparison, cheap enough to stay on in production, where a race would otherwise corrupt the RIB
 * silently.
 */
public final class RibThread {
    private final Thread owner;

    private RibThread(Thread owner) {
        this.owner = owner;
    }

    /** The calling thread as the owner. */
    public static RibThread current() {
        return new RibThread(Thread.currentThread());
    }

    public Thread owner() {
        return owner;
    }

    /** @throws IllegalStateException when called from a thread other than the owner */
    public void assertOwner() {
        Thread t = Thread.currentThread();
        if (t != owner) {
            throw new IllegalStateException("routing state owned by thread '" + owner.getName()
                    + "' was touched from thread '" + t.getName() + "'; hand the work to the RIB thread's queue");
        }
    }
}
