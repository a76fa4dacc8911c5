package dev.corvid.fsm.transport;

import dev.corvid.codec.Family;
import dev.corvid.codec.nlri.Prefix;
import java.util.Optional;
import java.util.Set;

/**
 * Inbound sessions accepted from any address inside {@code prefix} (Calico's node ranges). Such a peer is
 * passive: we never connect to it. The fields mean what they mean in {@link PeerSettings}.
 */
public record RangeSettings(Prefix prefix, long peerAs, int holdTime, Optional<String> md5Password,
                            int ttlSecurityHops, Set<Family> families, Set<Family> addPathReceive,
                            Set<Family> addPathSend, String role, boolean gracefulRestart) {

    public RangeSettings {
        families = Set.copyOf(families);
        addPathReceive = Set.copyOf(addPathReceive);
        addPathSend = Set.copyOf(addPathSend);
    }
}
