/**
 * The routing interop scenarios of issue 4, one class each: corvids (the real jar) exchanging routes with real
 * BIRD 2, FRR and GoBGP in the namespace lab of {@link dev.corvid.it.lab} — full mesh, eBGP to a top-of-rack switch
 * (and {@code allow-local-as} behind it), route reflection over IPv4 and IPv6, two reflectors in one cluster (one
 * killed), BIRD and FRR reflecting for a corvid client, ADD-PATH and {@code max-prefixes}, attribute fidelity (an
 * unknown optional transitive attribute from a raw speaker included). Each asserts what every daemon's own CLI says it holds, and what
 * {@code corvid show route --json} says.
 */
package dev.corvid.it.routing;
