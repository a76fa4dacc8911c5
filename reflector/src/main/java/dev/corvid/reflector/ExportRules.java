package dev.corvid.reflector;

import dev.corvid.codec.Afi;
import dev.corvid.codec.Family;
import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.AsPathSegment;
import dev.corvid.codec.attribute.ClusterList;
import dev.corvid.codec.attribute.ExtendedCommunities;
import dev.corvid.codec.attribute.LocalPref;
import dev.corvid.codec.attribute.OriginatorId;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.attribute.UnknownAttribute;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.rib.Path;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DOC: whether a Loc-RIB path is advertised to a peer, and with which attributes. In order: split horizon, the
 * family, who may hear an iBGP-learned route (RFC 4271 §9.2, RFC 4456 §6), the RFC 1997 well-known communities,
 * the attribute rewrite for the target (reflection, or the eBGP rewrite, or LOCAL_PREF for iBGP; next hop), and the
 * export {@link Policy} last. A pure function of the path and the {@link UpdateGroup}, so the wiring computes it
 * once per group.
 */
public final class ExportRules {
    /** RFC 4271 §9.1.1 leaves the default degree of preference to the operator; 100 is what every speaker uses. */
    public static final long DEFAULT_LOCAL_PREF = 100;

    /** RFC 1997 well-known communities. */
    static final int NO_EXPORT = 0xFFFFFF01;
    static final int NO_ADVERTISE = 0xFFFFFF02;
    static final int NO_EXPORT_SUBCONFED = 0xFFFFFF03;

    /** RFC 4271 §5.1.2: a segment holds at most 255 ASes. */
    private static final int MAX_SEGMENT = 255;

    private final Speaker speaker;

    public ExportRules(Speaker speaker) {
        this.speaker = Objects.requireNonNull(speaker, "speaker");
    }

    public Speaker speaker() {
        return speaker;
    }

    /** The outcome for {@code best} and one peer: split horizon, then {@link #toGroup} with the peer's group. */
    public ExportOutcome toPeer(Path best, PeerSettings target, NegotiatedSession session) {
        if (isSplitHorizon(best, target.address())) return new ExportOutcome.Suppress(ExportOutcome.Reason.SPLIT_HORIZON);
        return toGroup(best, UpdateGroup.of(target, session));
    }

    /** True when {@code path} was learned from the peer at {@code peer}: it is never sent back there. */
    public static boolean isSplitHorizon(Path path, InetAddress peer) {
        return path.source() instanceof PathSource.Peer p && p.address().equals(peer);
    }

    /** The outcome for {@code best} and every member of {@code group} (except the member it came from). */
    public ExportOutcome toGroup(Path best, UpdateGroup group) {
        Prefix prefix = best.nlri().prefix();
        Afi afi = prefix.afi();
        if (!group.families().contains(afi == Afi.IPV4 ? Family.IPV4_UNICAST : Family.IPV6_UNICAST)) {
            return suppress(ExportOutcome.Reason.FAMILY_NOT_NEGOTIATED);
        }
        boolean toInternal = group.role().isInternal();
        boolean reflect = false;
        if (toInternal && best.source() instanceof PathSource.Peer from && from.internal()) {
            // RFC 4456 §6: "1) A route from a Non-Client IBGP peer: Reflect to all the Clients. 2) A route from a
            // Client peer: Reflect to all the Non-Client peers and also to the Client peers." Otherwise RFC 4271
            // §9.2 holds: routes learned over iBGP are not advertised to other iBGP peers (mesh, non-clients).
            if (!from.routeReflectorClient() && group.role() != PeerRole.RR_CLIENT) {
                return suppress(ExportOutcome.Reason.IBGP_NOT_REFLECTED);
            }
            reflect = true;
        }
        PathAttributes attributes = best.attributes();
        // RFC 1997: "NO_ADVERTISE: All routes received carrying a communities attribute containing this value MUST
        // NOT be advertised to other BGP peers." "NO_EXPORT: ... MUST NOT be advertised outside a BGP confederation
        // boundary"; without confederations NO_EXPORT_SUBCONFED means the same.
        List<Integer> communities = attributes.communities();
        if (communities.contains(NO_ADVERTISE)) return suppress(ExportOutcome.Reason.NO_ADVERTISE_COMMUNITY);
        if (!toInternal && (communities.contains(NO_EXPORT) || communities.contains(NO_EXPORT_SUBCONFED))) {
            return suppress(ExportOutcome.Reason.NO_EXPORT_COMMUNITY);
        }

        boolean local = best.source() instanceof PathSource.Local;
        if (toInternal) {
            attributes = internal(attributes, best.source(), reflect);
        } else {
            attributes = external(attributes);
        }
        attributes = passUnknown(attributes);

        // RFC 4271 §5.1.3, eBGP: "By default (if none of the above conditions apply), the BGP speaker SHOULD use
        // the IP address of the interface that the speaker uses to establish the BGP connection to peer X in the
        // NEXT_HOP attribute." iBGP: "if the route is not locally originated, the BGP speaker SHOULD NOT modify the
        // NEXT_HOP attribute unless it has been explicitly configured to announce its own IP address as the
        // NEXT_HOP. When announcing a locally-originated route to an internal peer, the BGP speaker SHOULD use the
        // interface address of the router through which the announced network is reachable for the speaker".
        if (group.nextHopSelf() || local) {
            Optional<InetAddress> self = group.local().nextHop(afi);
            if (self.isEmpty()) return suppress(ExportOutcome.Reason.NO_LOCAL_ADDRESS);
            attributes = attributes.withNextHop(self.get(), group.local().linkLocal(afi));
        } else if (attributes.linkLocalNextHop().isPresent()) {
            // RFC 2545 §3: the link-local next hop is only meaningful to a peer on the link it belongs to, which a
            // next hop passed on unchanged cannot promise; the global address stays.
            attributes = attributes.withNextHop(attributes.nextHop());
        }

        // The export policy, last. RFC 8212 §3.2: "Routes SHALL NOT be added to the Adj-RIBs-Out associated with
        // an EBGP peer if no explicit Export Policy has been applied."
        if (group.exportPolicy().isEmpty()) return suppress(ExportOutcome.Reason.NO_EXPORT_POLICY);
        if (!group.exportPolicy().get().permits(prefix, local)) return suppress(ExportOutcome.Reason.REJECTED_BY_POLICY);
        return new ExportOutcome.Advertise(attributes);
    }

    /** The attributes of a route sent to an iBGP peer; {@code reflect} when it is a reflected iBGP route. */
    private PathAttributes internal(PathAttributes attributes, PathSource source, boolean reflect) {
        // RFC 4271 §5.1.5: LOCAL_PREF "SHALL be included in all UPDATE messages that a given BGP speaker sends to
        // other internal peers."
        if (attributes.localPref().isEmpty()) attributes = attributes.with(new LocalPref(DEFAULT_LOCAL_PREF));
        if (reflect && source instanceof PathSource.Peer from) {
            // RFC 4456 §8: ORIGINATOR_ID "will be created by an RR in reflecting a route. This attribute will
            // carry the BGP Identifier of the originator of the route in the local AS. A BGP speaker SHOULD NOT
            // create an ORIGINATOR_ID attribute if one already exists."
            if (attributes.originatorId().isEmpty()) attributes = attributes.with(new OriginatorId(from.routerId()));
            // RFC 4456 §8: "When an RR reflects a route, it MUST prepend the local CLUSTER_ID to the CLUSTER_LIST.
            // If the CLUSTER_LIST is empty, it MUST create a new one."
            List<Inet4Address> ids = new ArrayList<>(attributes.clusterList().size() + 1);
            ids.add(speaker.clusterId());
            ids.addAll(attributes.clusterList());
            attributes = attributes.with(new ClusterList(ids));
        }
        return attributes;
    }

    /** The attributes of a route sent to an eBGP peer (next hop apart). */
    private PathAttributes external(PathAttributes attributes) {
        // RFC 4271 §5.1.5: "A BGP speaker MUST NOT include this attribute in UPDATE messages it sends to external
        // peers". RFC 4271 §5.1.4: "If received over EBGP, the MULTI_EXIT_DISC attribute MAY be propagated over
        // IBGP to other BGP speakers within the same AS ... The MULTI_EXIT_DISC attribute received from a
        // neighboring AS MUST NOT be propagated to other neighboring ASes." ORIGINATOR_ID and CLUSTER_LIST
        // (RFC 4456 §8) describe reflection inside our AS and stay in it.
        attributes = attributes.without(PathAttribute.LOCAL_PREF)
                .without(PathAttribute.MULTI_EXIT_DISC)
                .without(PathAttribute.ORIGINATOR_ID)
                .without(PathAttribute.CLUSTER_LIST);
        attributes = attributes.with(prepend(attributes.asPath(), speaker.asn()));
        // RFC 4360 §2: an extended community whose type has the Transitive bit set "is non-transitive across
        // ASes" and does not leave ours.
        List<Long> extended = attributes.extendedCommunities();
        if (!extended.isEmpty()) {
            List<Long> transitive = extended.stream().filter(c -> (c >>> 56 & 0x40) == 0).toList();
            if (transitive.size() != extended.size()) {
                attributes = transitive.isEmpty()
                        ? attributes.without(PathAttribute.EXTENDED_COMMUNITIES)
                        : attributes.with(new ExtendedCommunities(transitive));
            }
        }
        return attributes;
    }

    /**
     * RFC 4271 §5.1.2 b: "1) if the first path segment of the AS_PATH is of type AS_SEQUENCE, the local system
     * prepends its own AS number as the last element of the sequence ... If the act of prepending will cause an
     * overflow in the AS_PATH segment (i.e., more than 255 ASes), it SHOULD prepend a new segment of type
     * AS_SEQUENCE and prepend its own AS number to this new segment. 2) if the first path segment of the AS_PATH
     * is of type AS_SET, the local system prepends a new path segment of type AS_SEQUENCE to the AS_PATH,
     * including its own AS number in that segment. 3) if the AS_PATH is empty, the local system creates a path
     * segment of type AS_SEQUENCE, places its own AS into that segment, and places that segment into the AS_PATH."
     */
    static AsPath prepend(AsPath path, long asn) {
        List<AsPathSegment> segments = path.segments();
        List<AsPathSegment> out = new ArrayList<>(segments.size() + 1);
        if (!segments.isEmpty() && segments.getFirst().type() == AsPathSegment.Type.AS_SEQUENCE
                && segments.getFirst().asns().size() < MAX_SEGMENT) {
            List<Long> asns = new ArrayList<>(segments.getFirst().asns().size() + 1);
            asns.add(asn);
            asns.addAll(segments.getFirst().asns());
            out.add(new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, asns));
            out.addAll(segments.subList(1, segments.size()));
        } else {
            out.add(AsPathSegment.sequence(asn));
            out.addAll(segments);
        }
        return new AsPath(out);
    }

    /**
     * RFC 4271 §5: "If a path with an unrecognized transitive optional attribute is accepted and passed to other
     * BGP peers, then the unrecognized transitive optional attribute of that path MUST be passed, along with the
     * path, to other BGP peers with the Partial bit in the Flags octet set to 1."
     */
    private static PathAttributes passUnknown(PathAttributes attributes) {
        for (UnknownAttribute u : attributes.unknown()) {
            if ((u.flags() & PathAttribute.FLAG_PARTIAL) == 0) attributes = attributes.with(u.withPartial());
        }
        return attributes;
    }

    private static ExportOutcome suppress(ExportOutcome.Reason reason) {
        return new ExportOutcome.Suppress(reason);
    }
}
