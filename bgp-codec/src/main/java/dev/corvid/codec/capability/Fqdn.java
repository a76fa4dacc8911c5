package dev.corvid.codec.capability;

import java.nio.charset.StandardCharsets;

/**
 * draft-walton-bgp-hostname-capability §3 FQDN (the "hostname" capability FRR shows in {@code show bgp neighbors}):
 * Hostname Length (1 octet), Hostname, Domain Name Length (1 octet), Domain Name. Names are UTF-8; an empty domain name
 * is sent as length 0.
 */
public record Fqdn(String hostname, String domainName) implements Capability {
    public Fqdn {
        // A capability value is at most 255 octets (RFC 5492 §4: Capability Length is one octet).
        if (2 + utf8Length(hostname) + utf8Length(domainName) > 255) {
            throw new IllegalArgumentException("hostname and domain name together exceed the 255-octet capability");
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public int code() {
        return FQDN;
    }
}
