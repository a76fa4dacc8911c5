package dev.corvid.netlink;

/**
 * A network device as RTM_NEWLINK carries it ({@code struct ifinfomsg} of {@code linux/rtnetlink.h},
 * {@code linux/if_link.h}).
 *
 * @param index the interface index ({@code ifi_index})
 * @param name  {@code IFLA_IFNAME}
 * @param up    {@code IFF_UP} in {@code ifi_flags} (administratively up)
 * @param mtu   {@code IFLA_MTU}
 */
public record Link(int index, String name, boolean up, int mtu) {}
