package dev.corvid.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The netlink framing shared by every rtnetlink message, in host byte order (x86-64 and arm64 Linux: little-endian):
 * the 16-octet {@code struct nlmsghdr} (length, type, flags, seq, port id), {@code struct nlmsgerr} replies, and
 * {@code struct rtattr} attributes (4-octet header, value padded to 4 octets). Layouts of {@code linux/netlink.h} and
 * {@code linux/rtnetlink.h}; {@code man 7 netlink}.
 */
final class NetlinkMessages {
    static final int NLMSG_ERROR = 2, NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 1, NLM_F_MULTI = 2, NLM_F_ACK = 4, NLM_F_DUMP_INTR = 0x10, NLM_F_DUMP = 0x300;
    static final int NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400;
    /** In an NLMSG_ERROR reply: the request was cut to its header (NETLINK_CAP_ACK), and TLVs follow (NETLINK_EXT_ACK). */
    static final int NLM_F_CAPPED = 0x100, NLM_F_ACK_TLVS = 0x200;
    static final int NLMSGERR_ATTR_MSG = 1;
    static final int HEADER = 16;
    static final int AF_UNSPEC = 0, AF_INET = 2, AF_INET6 = 10;

    private NetlinkMessages() {}

    static int align(int length) {
        return (length + 3) & ~3;
    }

    /** Writes a header with length 0 (see {@link #finish}); returns where the message starts. */
    static int begin(ByteBuffer out, int type, int flags, int seq) {
        int start = out.position();
        out.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return start;
    }

    /** Sets the length of the message that starts at {@code start} to end at the current position. */
    static void finish(ByteBuffer out, int start) {
        out.putInt(start, out.position() - start);
    }

    /** A dump request ({@code NLM_F_DUMP}) of {@code type} whose body is {@code body} zero octets but the family. */
    static void writeDump(ByteBuffer out, int type, int seq, int family, int body) {
        out.order(ByteOrder.nativeOrder());
        int start = begin(out, type, NLM_F_REQUEST | NLM_F_DUMP, seq);
        out.put((byte) family).put(new byte[body - 1]);
        finish(out, start);
    }

    static void attribute(ByteBuffer out, int type, byte[] value) {
        out.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        pad(out);
    }

    /** An IPv4 address given as a big-endian int (network order in the message, whatever the host order). */
    static void ipv4Attribute(ByteBuffer out, int type, int address) {
        out.putShort((short) 8).putShort((short) type).put((byte) (address >>> 24)).put((byte) (address >>> 16))
                .put((byte) (address >>> 8)).put((byte) address);
    }

    static void intAttribute(ByteBuffer out, int type, int value) {
        out.putShort((short) 8).putShort((short) type).putInt(value);
    }

    /** Opens a nested attribute; {@link #close} sets its length. */
    static int open(ByteBuffer out, int type) {
        int start = out.position();
        out.putShort((short) 0).putShort((short) type);
        return start;
    }

    static void close(ByteBuffer out, int start) {
        out.putShort(start, (short) (out.position() - start));
    }

    static void pad(ByteBuffer out) {
        while ((out.position() & 3) != 0) out.put((byte) 0);
    }

    static byte[] value(ByteBuffer in, int at, int length) {
        byte[] v = new byte[length - 4];
        in.get(at + 4, v);
        return v;
    }

    static String string(ByteBuffer in, int at, int length) {
        int end = at + 4;
        while (end < at + length && in.get(end) != 0) end++;
        byte[] v = new byte[end - at - 4];
        in.get(at + 4, v);
        return new String(v, StandardCharsets.UTF_8);
    }

    static InetAddress address(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address of " + octets.length + " octets", e);
        }
    }

    /**
     * The kernel's extended-ACK text ({@code NLMSGERR_ATTR_MSG}) of the NLMSG_ERROR message at {@code at}, or null.
     * The TLVs follow {@code struct nlmsgerr}: the errno and the request's header, or the whole request when the
     * reply is not capped.
     */
    static String errorText(ByteBuffer in, int at, int length) {
        int flags = in.getShort(at + 6) & 0xFFFF;
        if ((flags & NLM_F_ACK_TLVS) == 0) return null;
        int request = (flags & NLM_F_CAPPED) != 0 ? HEADER : in.getInt(at + HEADER + 4);
        for (int a = at + HEADER + 4 + align(request); a + 4 <= at + length; ) {
            int len = in.getShort(a) & 0xFFFF;
            if (len < 4 || a + len > at + length) break;
            if ((in.getShort(a + 2) & 0x3FFF) == NLMSGERR_ATTR_MSG) return string(in, a, len);
            a += align(len);
        }
        return null;
    }
}
