package dev.corvid.config;

import dev.corvid.codec.nlri.Prefix;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Addresses as they are written in the configuration: IP literals only (a host name would need DNS at start, which
 * a routing daemon must not depend on). Every failure is an IllegalArgumentException whose message is the sentence
 * the user sees.
 */
final class AddressText {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^]]*)]:(.*)");

    private AddressText() {}

    /** An IPv4 or IPv6 literal, e.g. {@code 10.0.0.2} or {@code 2001:db8::2}. */
    static InetAddress ip(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] raw = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) throw notAnAddress(text);
                raw[i] = (byte) octet;
            }
            return byAddress(raw);
        }
        if (IPV6.matcher(text).matches()) {
            try {
                // A literal containing ':' is parsed, never looked up (InetAddress.getByName).
                InetAddress a = InetAddress.getByName(text);
                if (a instanceof Inet6Address) return a;
            } catch (UnknownHostException e) {
                throw notAnAddress(text);
            }
        }
        throw notAnAddress(text);
    }

    static Inet4Address ipv4(String text) {
        try {
            if (ip(text) instanceof Inet4Address a) return a;
        } catch (IllegalArgumentException e) {
            // said below, as an IPv4 address is what is asked for
        }
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (four numbers 0..255, like 10.0.0.1)");
    }

    /** {@code ADDRESS:PORT}, or {@code [IPV6]:PORT}. */
    static InetSocketAddress socket(String text) {
        String host;
        String port;
        Matcher bracketed = BRACKETED.matcher(text);
        if (bracketed.matches()) {
            host = bracketed.group(1);
            port = bracketed.group(2);
            if (!(ip(host) instanceof Inet6Address)) {
                throw new IllegalArgumentException("'" + text + "' has an IPv4 address in brackets; write " + host + ":" + port);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + text + "' has no port; write ADDRESS:PORT, like " + text + ":179");
            }
            if (text.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + text + "' is ambiguous; write an IPv6 address in brackets, like [::]:179");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        InetAddress address = ip(host);
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("'" + text + "' has no valid port after ':' (1..65535)");
        }
        return new InetSocketAddress(address, p);
    }

    /** {@code 10.244.1.0/26} or {@code 2001:db8::/48}, with no host bits set. */
    static Prefix prefix(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a prefix; write ADDRESS/LENGTH, like 10.244.1.0/26");
        }
        InetAddress address = ip(text.substring(0, slash));
        int max = address instanceof Inet4Address ? 32 : 128;
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length after '/' (0.." + max + ")");
        }
        return Prefix.parse(text); // the address and length are valid: what is left to say is "host bits set"
    }

    private static InetAddress byAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IP address (like 10.0.0.2 or 2001:db8::2)");
    }
}
