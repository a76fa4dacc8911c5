package dev.corvid.codec.capability;

import dev.corvid.codec.Family;
import java.util.List;

/**
 * RFC 4724 §3 Graceful Restart: Restart Flags (4 bits), Restart Time in seconds (12 bits), then for each family
 * AFI (2 octets), SAFI (1 octet) and Flags for Address Family (1 octet). Flag octets are kept whole, so bits not
 * assigned today survive a re-encode.
 *
 * @param restartFlags the 4 high bits of the first octet: {@link #RESTART_STATE} (R), {@link #NOTIFICATION} (N)
 * @param restartTime  seconds the peer should wait for the session to come back, 0..4095
 */
public record GracefulRestart(int restartFlags, int restartTime, List<Tuple> families) implements Capability {
    /** RFC 4724 §3 "Restart State (R)": the speaker has just restarted. */
    public static final int RESTART_STATE = 0x8;
    /** RFC 8538 §2 "Graceful Notification (N)": NOTIFICATIONs other than Hard Reset keep routes too. */
    public static final int NOTIFICATION = 0x4;

    public GracefulRestart {
        if (restartFlags < 0 || restartFlags > 0xF) throw new IllegalArgumentException("restart flags are 4 bits");
        if (restartTime < 0 || restartTime > 0xFFF) throw new IllegalArgumentException("restart time is 12 bits");
        families = List.copyOf(families);
    }

    public boolean restartState() {
        return (restartFlags & RESTART_STATE) != 0;
    }

    public boolean notification() {
        return (restartFlags & NOTIFICATION) != 0;
    }

    @Override
    public int code() {
        return GRACEFUL_RESTART;
    }

    /** One family the speaker preserves forwarding state for, with its Flags for Address Family octet. */
    public record Tuple(Family family, int flags) {
        /** RFC 4724 §3 "Forwarding State (F)": forwarding state was preserved across the restart. */
        public static final int FORWARDING_STATE = 0x80;

        public Tuple {
            if (flags < 0 || flags > 0xFF) throw new IllegalArgumentException("address family flags are 1 octet");
        }

        public boolean forwardingState() {
            return (flags & FORWARDING_STATE) != 0;
        }
    }
}
