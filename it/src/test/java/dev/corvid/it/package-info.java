/**
 * The interop scenarios of issue 3, one class each: corvid (the real jar) against real BIRD 2, FRR and GoBGP in the
 * namespace lab of {@link dev.corvid.it.lab}. Each asserts from both sides: what the peer's own CLI reports and
 * what {@code corvid show neighbors --json} reports.
 */
package dev.corvid.it;
