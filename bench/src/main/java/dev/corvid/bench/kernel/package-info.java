/** Kernel route installation benchmark: corvid's batched rtnetlink requests, run by {@code bench/kernel-install.sh}. */
package dev.corvid.bench.kernel;
