package dev.corvid.reflector;

import dev.corvid.codec.attribute.AsPath;
import dev.corvid.codec.attribute.AsPathSegment;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.rib.PathAttributes;
import java.util.Objects;

/**
 * DOC: what happens to a path received from a peer before it enters the RIB. In order: loop detection (own AS on
 * eBGP, ORIGINATOR_ID and CLUSTER_LIST on iBGP), the attributes that do not cross an AS boundary are removed from
 * eBGP routes, then the import {@link Policy} (RFC 8212 default for a peer without one). A pure function; the
 * caller interns the attributes of an {@link ImportOutcome.Accepted} outcome.
 */
public final class ImportRules {
    private final Speaker speaker;

    public ImportRules(Speaker speaker) {
        this.speaker = Objects.requireNonNull(speaker, "speaker");
    }

    public Speaker speaker() {
        return speaker;
    }

    /** The outcome for a path to {@code prefix} with {@code received} attributes from the peer {@code from}. */
    public ImportOutcome apply(PeerSettings from, Prefix prefix, PathAttributes received) {
        PathAttributes attributes = received;
        if (from.role() == PeerRole.EBGP) {
            // RFC 4271 §9.1.2: "If the AS_PATH attribute of a BGP route contains an AS loop, the BGP route should
            // be excluded from the Phase 2 decision function. AS loop detection is done by scanning the full
            // AS_PATH (as specified in the AS_PATH attribute), and checking that the autonomous system number of
            // the local system does not appear in the AS path."
            if (occurrences(received.asPath(), speaker.asn()) > from.allowLocalAs()) {
                return new ImportOutcome.Dropped(ImportOutcome.Reason.AS_PATH_LOOP);
            }
            // RFC 4271 §5.1.5: "A BGP speaker MUST NOT include this attribute in UPDATE messages it sends to
            // external peers, except in the case of BGP Confederations [RFC3065]. If it is contained in an UPDATE
            // message that is received from an external peer, then this attribute MUST be ignored by the
            // receiving speaker, except in the case of BGP Confederations [RFC3065]."
            // RFC 4456 §8: ORIGINATOR_ID and CLUSTER_LIST are "optional, non-transitive" attributes that describe
            // reflection inside one AS; a neighbouring AS's values would only trigger false loop detection or skew
            // the RFC 4456 §9 tie-breakers, so they are ignored (removed) like LOCAL_PREF.
            attributes = attributes.without(PathAttribute.LOCAL_PREF)
                    .without(PathAttribute.ORIGINATOR_ID)
                    .without(PathAttribute.CLUSTER_LIST);
        } else {
            // RFC 4456 §8: "A router that recognizes the ORIGINATOR_ID attribute SHOULD ignore a route received
            // with its BGP Identifier as the ORIGINATOR_ID."
            if (received.originatorId().filter(speaker.routerId()::equals).isPresent()) {
                return new ImportOutcome.Dropped(ImportOutcome.Reason.ORIGINATOR_ID_LOOP);
            }
            // RFC 4456 §8: "Using this attribute an RR can identify if the routing information has looped back to
            // the same cluster due to misconfiguration. If the local CLUSTER_ID is found in the CLUSTER_LIST, the
            // advertisement received SHOULD be ignored."
            if (received.clusterList().contains(speaker.clusterId())) {
                return new ImportOutcome.Dropped(ImportOutcome.Reason.CLUSTER_LIST_LOOP);
            }
        }
        // RFC 8212 §3.1: "Routes contained in an Adj-RIB-In associated with an EBGP peer SHALL NOT be considered
        // eligible in the Decision Process if no explicit Import Policy has been applied."
        if (from.importPolicy().isEmpty() && from.role() == PeerRole.EBGP) {
            return new ImportOutcome.Dropped(ImportOutcome.Reason.NO_IMPORT_POLICY);
        }
        if (!from.effectiveImport().permits(prefix, false)) {
            return new ImportOutcome.Dropped(ImportOutcome.Reason.REJECTED_BY_POLICY);
        }
        return new ImportOutcome.Accepted(attributes);
    }

    /** How often {@code asn} appears in {@code path}, in sequences and sets alike. */
    static int occurrences(AsPath path, long asn) {
        int n = 0;
        for (AsPathSegment segment : path.segments()) {
            for (long a : segment.asns()) {
                if (a == asn) n++;
            }
        }
        return n;
    }
}
