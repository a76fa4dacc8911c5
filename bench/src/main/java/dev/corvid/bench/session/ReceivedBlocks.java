package dev.corvid.bench.session;

import dev.corvid.codec.Family;
import dev.corvid.codec.Severity;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import java.util.BitSet;

/**
 * What one session of a Calico-shaped load holds from the target: the other sessions' pod blocks that the target
 * announced and has not withdrawn since. A block counts once however often it is announced (RFC 4271 §3.1: a new
 * announcement of a prefix replaces the one before it). The session's own block, should the target send it back,
 * and prefixes that are nobody's block are not counted as held.
 *
 * <p>Confined to the event loop of the session's fleet.
 */
final class ReceivedBlocks {
    private final PodBlocks blocks;
    private final int own;
    private final BitSet held;
    private int others;
    private boolean endOfRib;

    ReceivedBlocks(PodBlocks blocks, int own) {
        this.blocks = blocks;
        this.own = own;
        this.held = new BitSet(blocks.count());
    }

    /** How many of the other sessions' blocks there are: the count at which this session has converged. */
    int expected() {
        return blocks.count() - 1;
    }

    /** How many of the other sessions' blocks this session holds now. */
    int others() {
        return others;
    }

    boolean converged() {
        return others == expected();
    }

    /** Whether the target has sent the IPv4 unicast End-of-RIB marker (RFC 4724 §2) on this session. */
    boolean endOfRib() {
        return endOfRib;
    }

    /**
     * Applies one UPDATE whose RFC 7606 outcome is {@code severity}: its withdrawn routes first, then its NLRI. Under
     * treat-as-withdraw the NLRI are withdrawn too (RFC 7606 §2: "MUST be handled as though they were withdrawn").
     */
    void apply(Update update, Severity severity) {
        if (update.endOfRib().filter(Family.IPV4_UNICAST::equals).isPresent()) {
            endOfRib = true;
            return;
        }
        for (Nlri n : update.allWithdrawn(Family.IPV4_UNICAST)) set(n, false);
        boolean withdraw = severity.compareTo(Severity.TREAT_AS_WITHDRAW) >= 0;
        for (Nlri n : update.allReachable(Family.IPV4_UNICAST)) set(n, !withdraw);
    }

    private void set(Nlri nlri, boolean reachable) {
        int index = blocks.indexOf(nlri.prefix());
        if (index < 0 || index == own || held.get(index) == reachable) return;
        held.set(index, reachable);
        others += reachable ? 1 : -1;
    }
}
