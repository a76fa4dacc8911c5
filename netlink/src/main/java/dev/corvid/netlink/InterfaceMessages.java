package dev.corvid.netlink;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Ipv6Prefix;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * rtnetlink link and address messages. A link is {@code struct ifinfomsg} (16 octets: family, pad, type, index,
 * flags, change; {@code linux/rtnetlink.h}) with IFLA_* attributes ({@code linux/if_link.h}); an address is
 * {@code struct ifaddrmsg} (8 octets: family, prefixlen, flags, scope, index; {@code linux/if_addr.h}) with IFA_*
 * attributes. {@code man 7 rtnetlink}.
 */
final class InterfaceMessages {
    static final int RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20, RTM_DELADDR = 21, RTM_GETADDR = 22;
    static final int IFINFOMSG = 16, IFADDRMSG = 8;
    private static final int IFLA_IFNAME = 3, IFLA_MTU = 4;
    private static final int IFA_ADDRESS = 1, IFA_LOCAL = 2;
    private static final int IFF_UP = 1;

    private InterfaceMessages() {}

    static void writeLinkDump(ByteBuffer out, int seq) {
        NetlinkMessages.writeDump(out, RTM_GETLINK, seq, NetlinkMessages.AF_UNSPEC, IFINFOMSG);
    }

    static void writeAddressDump(ByteBuffer out, int seq, boolean v4) {
        NetlinkMessages.writeDump(out, RTM_GETADDR, seq, v4 ? NetlinkMessages.AF_INET : NetlinkMessages.AF_INET6,
                IFADDRMSG);
    }

    /** The link of an RTM_NEWLINK/RTM_DELLINK message whose ifinfomsg starts at {@code body}. */
    static Link readLink(ByteBuffer in, int body, int end) {
        int index = in.getInt(body + 4);
        boolean up = (in.getInt(body + 8) & IFF_UP) != 0;
        String name = "";
        int mtu = 0;
        for (int at = body + IFINFOMSG; at + 4 <= end; ) {
            int len = in.getShort(at) & 0xFFFF;
            if (len < 4 || at + len > end) break;
            switch (in.getShort(at + 2) & 0x3FFF) {
                case IFLA_IFNAME -> name = NetlinkMessages.string(in, at, len);
                case IFLA_MTU -> mtu = in.getInt(at + 4);
                default -> { }
            }
            at += NetlinkMessages.align(len);
        }
        return new Link(index, name, up, mtu);
    }

    /** The address of an RTM_NEWADDR/RTM_DELADDR message whose ifaddrmsg starts at {@code body}; IPv4 and IPv6 only. */
    static Optional<InterfaceAddress> readAddress(ByteBuffer in, int body, int end) {
        int family = in.get(body) & 0xFF;
        if (family != NetlinkMessages.AF_INET && family != NetlinkMessages.AF_INET6) return Optional.empty();
        int length = in.get(body + 1) & 0xFF;
        int device = in.getInt(body + 4);
        byte[] local = null, address = null;
        for (int at = body + IFADDRMSG; at + 4 <= end; ) {
            int len = in.getShort(at) & 0xFFFF;
            if (len < 4 || at + len > end) break;
            switch (in.getShort(at + 2) & 0x3FFF) {
                case IFA_LOCAL -> local = NetlinkMessages.value(in, at, len);
                case IFA_ADDRESS -> address = NetlinkMessages.value(in, at, len);
                default -> { }
            }
            at += NetlinkMessages.align(len);
        }
        byte[] octets = local != null ? local : address;
        if (octets == null) return Optional.empty();
        return Optional.of(new InterfaceAddress(device, NetlinkMessages.address(octets),
                family == NetlinkMessages.AF_INET ? Ipv4Prefix.of(octets, length) : Ipv6Prefix.of(octets, length)));
    }
}
