package dev.corvid.netlink;

import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;

/**
 * An address of a device as RTM_NEWADDR carries it ({@code struct ifaddrmsg} of {@code linux/if_addr.h}).
 *
 * @param device  the interface index ({@code ifa_index})
 * @param address {@code IFA_LOCAL}, or {@code IFA_ADDRESS} when there is no {@code IFA_LOCAL} (IPv6)
 * @param subnet  the address masked to {@code ifa_prefixlen}, e.g. 10.0.0.0/24 for 10.0.0.1/24
 */
public record InterfaceAddress(int device, InetAddress address, Prefix subnet) {}
