package dev.corvid.fsm.open;

import dev.corvid.codec.Bytes;
import dev.corvid.codec.Family;
import dev.corvid.codec.capability.AddPath;
import dev.corvid.codec.capability.Capability;
import dev.corvid.codec.capability.CiscoRouteRefresh;
import dev.corvid.codec.capability.EnhancedRouteRefresh;
import dev.corvid.codec.capability.ExtendedMessage;
import dev.corvid.codec.capability.ExtendedNextHop;
import dev.corvid.codec.capability.FourOctetAs;
import dev.corvid.codec.capability.GracefulRestart;
import dev.corvid.codec.capability.Multiprotocol;
import dev.corvid.codec.capability.RouteRefreshCapability;
import dev.corvid.codec.message.Notification;
import dev.corvid.codec.message.Open;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DOC: RFC 4271 §6.2 OPEN message error handling and capability negotiation, as a pure function of the OPEN we
 * sent and the one the peer sent. The version was checked by the codec (it cannot decode another version); the
 * rest is checked here in the order of §6.2: AS, Hold Time, BGP Identifier, capabilities.
 *
 * <p>A session needs at least one address family in common, otherwise it is rejected with Unsupported
 * Capability: such a session would sit in Established and carry nothing, hiding a configuration mistake (e.g.
 * {@code families = [ipv6]} on one side only) behind a green status. RFC 5492 §3 lets a speaker that
 * requires a capability the peer lacks say so this way.
 *
 * @param sent   the OPEN we sent on this session: our AS, Hold Time, Identifier and capabilities
 * @param peerAs the AS the peer is configured with
 */
public record OpenCheck(Open sent, long peerAs) {

    /** RFC 4271 §4.5 OPEN Message Error subcodes. */
    public static final int BAD_PEER_AS = 2;
    public static final int BAD_BGP_IDENTIFIER = 3;
    public static final int UNACCEPTABLE_HOLD_TIME = 6;
    /** RFC 5492 §5. */
    public static final int UNSUPPORTED_CAPABILITY = 7;

    public OpenVerdict check(Open received) {
        // RFC 4271 §6.2: "If the Autonomous System field of the OPEN message is unacceptable, then the Error
        // Subcode MUST be set to Bad Peer AS." RFC 6793 §4.1: a NEW speaker's AS is the one in its 4-octet AS
        // capability (My Autonomous System then holds AS_TRANS). The data is the 2-octet My Autonomous System.
        long theirAs = received.asn();
        if (theirAs != peerAs) {
            int field = received.myAutonomousSystem();
            return reject(BAD_PEER_AS, Bytes.of((byte) (field >> 8), (byte) field),
                    "expected AS " + peerAs + ", peer says " + theirAs);
        }
        // RFC 4271 §6.2: "An implementation MUST reject Hold Time values of one or two seconds."
        if (received.holdTime() == 1 || received.holdTime() == 2) {
            return reject(UNACCEPTABLE_HOLD_TIME, Bytes.EMPTY,
                    "hold time " + received.holdTime() + " s (must be 0 or at least 3)");
        }
        // RFC 6286 §2.2: the BGP Identifier is "a 4-octet, unsigned, non-zero integer", and for an internal peer
        // it must differ from ours. The data is the Identifier received.
        byte[] id = received.bgpIdentifier().getAddress();
        if (received.bgpIdentifier().equals(sent.bgpIdentifier()) && theirAs == sent.asn()) {
            return reject(BAD_BGP_IDENTIFIER, Bytes.of(id),
                    "BGP Identifier " + received.bgpIdentifier().getHostAddress() + " is ours (iBGP)");
        }
        if (id[0] == 0 && id[1] == 0 && id[2] == 0 && id[3] == 0) {
            return reject(BAD_BGP_IDENTIFIER, Bytes.of(id), "BGP Identifier 0.0.0.0");
        }
        List<Capability> ours = sent.capabilities();
        List<Capability> theirs = received.capabilities();
        Set<Family> families = new LinkedHashSet<>(families(ours));
        families.retainAll(families(theirs));
        if (families.isEmpty()) {
            // RFC 5492 §3: "the Data field of the NOTIFICATION message MUST list the set of capabilities that
            // cause the speaker to send the message", each "encoded in the same way as it would be encoded in
            // the OPEN message" — our Multiprotocol capabilities.
            return reject(UNSUPPORTED_CAPABILITY, multiprotocolCapabilities(families(ours)),
                    "no address family in common: we have " + families(ours) + ", the peer " + families(theirs));
        }
        return new OpenVerdict.Accepted(negotiate(received, ours, theirs, families));
    }

    private Negotiated negotiate(Open received, List<Capability> ours, List<Capability> theirs,
                                 Set<Family> families) {
        // RFC 4271 §4.2: "BGP speakers ... calculate the value of the Hold Timer by using the smaller of its
        // configured Hold Time and the Hold Time received in the OPEN message" — 0 when either is 0.
        int holdTime = Math.min(sent.holdTime(), received.holdTime());
        // RFC 7911 §4: we send Path Identifiers for a family when we announced Send and the peer Receive, and
        // receive them when we announced Receive and the peer Send.
        Map<Family, AddPath.Tuple> ourAddPath = addPath(ours);
        Map<Family, AddPath.Tuple> theirAddPath = addPath(theirs);
        Set<Family> addPathSend = new LinkedHashSet<>();
        Set<Family> addPathReceive = new LinkedHashSet<>();
        for (Family f : families) {
            AddPath.Tuple us = ourAddPath.get(f);
            AddPath.Tuple them = theirAddPath.get(f);
            if (us == null || them == null) continue;
            if (us.send() && them.receive()) addPathSend.add(f);
            if (us.receive() && them.send()) addPathReceive.add(f);
        }
        // RFC 8950 §4: a next hop of another family only for the tuples both sides announced.
        Set<ExtendedNextHop.Tuple> extendedNextHop = new LinkedHashSet<>(extendedNextHop(ours));
        extendedNextHop.retainAll(extendedNextHop(theirs));
        return new Negotiated(received.asn(), received.bgpIdentifier(), holdTime,
                // RFC 4271 §10: "a reasonable maximum time between KEEPALIVE messages would be one third of the
                // Hold Time interval."
                holdTime / 3,
                // RFC 6793 §4: 4-octet AS paths only when both sides are NEW speakers.
                has(ours, FourOctetAs.class) && has(theirs, FourOctetAs.class),
                families, addPathReceive, addPathSend,
                // RFC 8654 §3: "A BGP speaker MUST NOT send BGP Extended Messages to a peer that has not
                // advertised the BGP Extended Message Capability."
                has(ours, ExtendedMessage.class) && has(theirs, ExtendedMessage.class),
                extendedNextHop,
                routeRefresh(ours) && routeRefresh(theirs),
                has(ours, EnhancedRouteRefresh.class) && has(theirs, EnhancedRouteRefresh.class),
                theirs.stream().filter(GracefulRestart.class::isInstance).map(GracefulRestart.class::cast)
                        .findFirst());
    }

    /**
     * RFC 4760 §8 Multiprotocol capabilities; a speaker that sends none speaks IPv4 unicast only (RFC 4760
     * §1: the base protocol "is capable of carrying routing information only for IPv4").
     */
    private static Set<Family> families(List<Capability> capabilities) {
        Set<Family> families = new LinkedHashSet<>();
        for (Capability c : capabilities) {
            if (c instanceof Multiprotocol mp) families.add(mp.family());
        }
        return families.isEmpty() ? Set.of(Family.IPV4_UNICAST) : families;
    }

    /** The ADD-PATH tuple per family; a family listed twice takes the last. */
    private static Map<Family, AddPath.Tuple> addPath(List<Capability> capabilities) {
        Map<Family, AddPath.Tuple> tuples = new HashMap<>();
        for (Capability c : capabilities) {
            if (c instanceof AddPath ap) ap.families().forEach(t -> tuples.put(t.family(), t));
        }
        return tuples;
    }

    private static Set<ExtendedNextHop.Tuple> extendedNextHop(List<Capability> capabilities) {
        Set<ExtendedNextHop.Tuple> tuples = new LinkedHashSet<>();
        for (Capability c : capabilities) {
            if (c instanceof ExtendedNextHop enh) tuples.addAll(enh.tuples());
        }
        return tuples;
    }

    /** RFC 2918 §2, or the pre-standard code 128 that some speakers still send alone. */
    private static boolean routeRefresh(List<Capability> capabilities) {
        return has(capabilities, RouteRefreshCapability.class) || has(capabilities, CiscoRouteRefresh.class);
    }

    private static boolean has(List<Capability> capabilities, Class<? extends Capability> type) {
        return capabilities.stream().anyMatch(type::isInstance);
    }

    /** RFC 4760 §8: Capability Code 1, Length 4, AFI (2 octets), Reserved (1 octet, 0), SAFI (1 octet). */
    private static Bytes multiprotocolCapabilities(Set<Family> families) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Family f : families) {
            out.writeBytes(new byte[] {Capability.MULTIPROTOCOL, Multiprotocol.LENGTH,
                    (byte) (f.afi() >> 8), (byte) f.afi(), 0, (byte) f.safi()});
        }
        return Bytes.of(out.toByteArray());
    }

    private static OpenVerdict reject(int subcode, Bytes data, String reason) {
        return new OpenVerdict.Rejected(Notification.OPEN_MESSAGE_ERROR, subcode, data, reason);
    }
}
