package dev.corvid.codec.capability;

import dev.corvid.codec.Family;
import java.util.List;

/**
 * RFC 9494 §3 Long-Lived Graceful Restart: for each family AFI (2 octets), SAFI (1 octet), Flags (1 octet) and
 * Long-lived Stale Time in seconds (3 octets).
 */
public record LongLivedGracefulRestart(List<Tuple> families) implements Capability {
    public LongLivedGracefulRestart {
        families = List.copyOf(families);
    }

    @Override
    public int code() {
        return LONG_LIVED_GRACEFUL_RESTART;
    }

    /** One family with its flags octet and its stale time (0..16777215 seconds). */
    public record Tuple(Family family, int flags, int staleTime) {
        /** RFC 9494 §3 "Forwarding State (F)". */
        public static final int FORWARDING_STATE = 0x80;

        public Tuple {
            if (flags < 0 || flags > 0xFF) throw new IllegalArgumentException("flags are 1 octet");
            if (staleTime < 0 || staleTime > 0xFF_FFFF) throw new IllegalArgumentException("stale time is 3 octets");
        }

        public boolean forwardingState() {
            return (flags & FORWARDING_STATE) != 0;
        }
    }
}
