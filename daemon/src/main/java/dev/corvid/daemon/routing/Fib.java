package dev.corvid.daemon.routing;

import java.util.List;

/** Where the RIB thread sends what the kernel's FIB should hold: the kernel thread, or nowhere ({@code kernel.export = false}). */
public interface Fib {

    /** Installs nothing. */
    Fib NONE = (changes, synced) -> { };

    /**
     * Called on the RIB thread at the end of a turn.
     *
     * @param changes the prefixes whose FIB entry changed, each as it should be now
     * @param synced  the RIB now holds what the configured peers announce (each sent End-of-RIB, or fell silent, or
     *                long enough passed since the start): routes installed before a restart that nobody wants any
     *                more can go. True in every call from the first one that says so on.
     */
    void submit(List<FibRoute> changes, boolean synced);
}
