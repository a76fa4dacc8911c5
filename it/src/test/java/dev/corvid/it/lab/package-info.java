/**
 * The interop lab: Linux network namespaces on bridges ({@link dev.corvid.it.lab.Lab}, {@link dev.corvid.it.lab.Host}),
 * the BGP daemons that run in them (BIRD, FRR, GoBGP and corvid itself, each started from its real binary with a
 * config file this package writes), and their own command-line tools to ask them what they see.
 *
 * <p>Everything a lab creates carries the name prefix {@code cvit<pid>-}, so a lab removes what an earlier, killed
 * test JVM left behind, and never touches anything else.
 */
package dev.corvid.it.lab;
