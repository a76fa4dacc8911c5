/**
 * Linux rtnetlink through the JDK's FFM API (no JNI, no {@code ip} subprocesses): {@link dev.corvid.netlink.RtNetlink}
 * sends batches of route requests and dumps routes, links and addresses; {@link dev.corvid.netlink.RtEvents} follows
 * the kernel's multicast events. Values are records ({@link dev.corvid.netlink.KernelRoute},
 * {@link dev.corvid.netlink.NextHop}, {@link dev.corvid.netlink.Link}, {@link dev.corvid.netlink.InterfaceAddress});
 * message layouts live in the package-private {@code *Messages} classes, the libc calls in {@code Libc}. Each socket
 * has one owner thread.
 */
package dev.corvid.netlink;
