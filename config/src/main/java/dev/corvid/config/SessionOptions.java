package dev.corvid.config;

import dev.corvid.codec.Family;
import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How the session to one peer (or to the peers of one range) is run.
 *
 * @param port              the peer's TCP port we connect to
 * @param passive           never connect out, only accept (always true for a peer range)
 * @param families          the address families negotiated with RFC 4760 multiprotocol capabilities
 * @param holdTime          the proposed hold time in seconds: 0 or 3..65535 (RFC 4271 §4.2)
 * @param connectRetryTime  seconds between connection attempts (RFC 4271 §8.2.2)
 * @param localAddress      the source address of outgoing connections / the address inbound ones must reach
 * @param password          the TCP-MD5 key (RFC 2385), at most 80 octets
 * @param ttlSecurity       RFC 5082 GTSM: the peer is at most this many hops away; 0 = off
 * @param addPaths          the families on which RFC 7911 ADD-PATH is offered (send and receive)
 * @param maxPrefixes       the most prefixes the peer may send (held in its Adj-RIB-In)
 * @param maxPrefixesRestart past {@code maxPrefixes}, close the session with RFC 4486 Cease / Maximum Number of
 *                          Prefixes Reached (it restarts after the idle hold time); false: log a warning only
 * @param gracefulRestart   advertise the RFC 4724 graceful restart capability
 */
public record SessionOptions(int port, boolean passive, Set<Family> families, int holdTime, int connectRetryTime,
        Optional<InetAddress> localAddress, Optional<String> password, int ttlSecurity,
        Set<Family> addPaths, OptionalLong maxPrefixes, boolean maxPrefixesRestart, boolean gracefulRestart) {

    public SessionOptions {
        families = Collections.unmodifiableSet(new LinkedHashSet<>(families));
        addPaths = Collections.unmodifiableSet(new LinkedHashSet<>(addPaths));
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(maxPrefixes, "maxPrefixes");
    }

    /** {@link #password()} is never printed, so that logs and {@code show} output do not leak it. */
    @Override
    public String toString() {
        return "SessionOptions[port=" + port + ", passive=" + passive + ", families=" + families
                + ", holdTime=" + holdTime + ", connectRetryTime=" + connectRetryTime + ", localAddress=" + localAddress
                + ", password=" + (password.isPresent() ? "(set)" : "(none)") + ", ttlSecurity=" + ttlSecurity
                + ", addPaths=" + addPaths + ", maxPrefixes=" + maxPrefixes
                + (maxPrefixesRestart ? " (restart)" : " (warning)") + ", gracefulRestart=" + gracefulRestart + "]";
    }
}
