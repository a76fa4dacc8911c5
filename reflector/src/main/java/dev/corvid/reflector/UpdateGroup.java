package dev.corvid.reflector;

import dev.corvid.codec.Family;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * DOC: the key under which peers share one encoded UPDATE. It holds exactly what {@link ExportRules#toGroup} reads,
 * normalized so that settings with the same effect give equal keys; so two peers with equal keys get the same
 * {@link ExportOutcome} for every route, except that split horizon ({@link ExportRules#isSplitHorizon}) keeps a route
 * from the one member it came from. The wiring computes the export once per group, interns the attributes, packs
 * the prefixes of one attribute set into UPDATEs ({@code UpdatePacker}) and writes them to every member.
 *
 * <p>The peer's address and AS are not part of the key: nothing corvid sends depends on them (the AS_PATH gets our
 * AS, not theirs). The role is: it decides reflection and the eBGP rewrite.
 *
 * @param role            the members' role
 * @param nextHopSelf     whether routes carry our address as next hop (always for eBGP)
 * @param exportPolicy    the export policy in force; empty only for eBGP without one (RFC 8212: nothing is sent)
 * @param local           our addresses on the members' sessions (the next hop when it is ourselves)
 * @param families        the families negotiated with the members
 * @param fourOctetAs     RFC 6793 capability on both sides (AS_PATH encoding)
 * @param addPathSend     RFC 7911: families in which we send path identifiers (all paths, not only the best)
 * @param extendedMessage RFC 8654: UPDATEs up to 65535 octets
 */
public record UpdateGroup(PeerRole role, boolean nextHopSelf, Optional<Policy> exportPolicy, LocalAddresses local,
                          Set<Family> families, boolean fourOctetAs, Set<Family> addPathSend,
                          boolean extendedMessage) {

    public UpdateGroup {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(exportPolicy, "exportPolicy");
        Objects.requireNonNull(local, "local");
        families = Set.copyOf(families);
        addPathSend = Set.copyOf(addPathSend);
    }

    /** The group of a peer with {@code settings} on an established {@code session}. */
    public static UpdateGroup of(PeerSettings settings, NegotiatedSession session) {
        PeerRole role = settings.role();
        // RFC 4271 §5.1.3: on eBGP the next hop is always ours, so next-hop-self changes nothing there.
        boolean nextHopSelf = role == PeerRole.EBGP || settings.nextHopSelf();
        // An iBGP peer without a policy accepts everything: the same as an explicit accept.
        Optional<Policy> policy = role == PeerRole.EBGP
                ? settings.exportPolicy()
                : Optional.of(settings.effectiveExport());
        return new UpdateGroup(role, nextHopSelf, policy, session.local(), session.families(),
                session.wire().fourOctetAs(), session.wire().addPathSend(), session.wire().extendedMessage());
    }
}
