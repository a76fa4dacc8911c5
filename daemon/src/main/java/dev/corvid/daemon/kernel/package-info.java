/**
 * The kernel's FIB (issue 5, DESIGN.md "netlink exporter"): {@link dev.corvid.daemon.kernel.KernelSync}, the thread
 * that owns the rtnetlink socket and keeps corvid's routes in the kernel equal to what the Loc-RIB wants (batched,
 * reconciled at start, never touching a route of another program), and {@link dev.corvid.daemon.kernel.KernelWatcher},
 * the thread that follows the kernel's multicast events: learned routes for the RIB, links and addresses for the
 * encapsulation decisions.
 */
package dev.corvid.daemon.kernel;
