package dev.corvid.fsm.transport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;

/** The session log ({@code corvid.session}): every line names the peer, {@code peer 10.0.0.2 AS64512: ...}. */
final class PeerLog {
    private static final Logger LOG = System.getLogger("corvid.session");

    private final String prefix;

    PeerLog(InetAddress address, long peerAs) {
        this.prefix = prefix(address, peerAs);
    }

    static String prefix(InetAddress address, long peerAs) {
        return "peer " + address.getHostAddress() + " AS" + peerAs + ": ";
    }

    void info(String message) {
        LOG.log(Level.INFO, prefix + message);
    }

    void warning(String message) {
        LOG.log(Level.WARNING, prefix + message);
    }

    void debug(String message) {
        LOG.log(Level.DEBUG, prefix + message);
    }
}
