package dev.corvid.codec.capability;

import dev.corvid.codec.Family;
import java.util.List;

/** RFC 7911 §4 ADD-PATH: for each family AFI (2 octets), SAFI (1 octet) and Send/Receive (1 octet). */
public record AddPath(List<Tuple> families) implements Capability {
    public AddPath {
        families = List.copyOf(families);
    }

    @Override
    public int code() {
        return ADD_PATH;
    }

    /**
     * One family. RFC 7911 §4: Send/Receive is 1 (receive), 2 (send) or 3 (both); "If any other value is received,
     * then the capability SHOULD be treated as not understood and ignored" — the value is kept as sent and
     * {@link #receive()} / {@link #send()} are both false for it.
     */
    public record Tuple(Family family, int sendReceive) {
        public static final int RECEIVE = 1;
        public static final int SEND = 2;
        public static final int BOTH = 3;

        public Tuple {
            if (sendReceive < 0 || sendReceive > 0xFF) throw new IllegalArgumentException("Send/Receive is 1 octet");
        }

        public boolean receive() {
            return sendReceive == RECEIVE || sendReceive == BOTH;
        }

        public boolean send() {
            return sendReceive == SEND || sendReceive == BOTH;
        }
    }
}
