/**
 * The routing interop scenarios of issue 4, one class each: corvids (the real jar) exchanging routes with real
 * BIRD 2, FRR and GoBGP in the namespace lab of {@link dev.corvid.it.lab} — full mesh, eBGP to a top-of-rack switch,
 * route reflection, attribute fidelity. Each asserts what every daemon's own CLI says it holds, and what
 * {@code corvid show route --json} says.
 */
package dev.corvid.it.routing;
