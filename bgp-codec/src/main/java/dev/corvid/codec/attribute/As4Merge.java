package dev.corvid.codec.attribute;

import dev.corvid.codec.attribute.AsPathSegment.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * DOC: RFC 6793 between a 4-octet-AS speaker (corvid) and a 2-octet-AS ("OLD") peer. Receiving, AS4_PATH and
 * AS4_AGGREGATOR are merged into AS_PATH and AGGREGATOR (§4.2.3), so the rest of corvid only ever sees 4-octet
 * values. Sending, an AS that does not fit in 2 octets becomes AS_TRANS and the true values travel in AS4_PATH and
 * AS4_AGGREGATOR (§4.2.2).
 */
final class As4Merge {
    private As4Merge() {}

    /**
     * Replaces, in place, AS_PATH and AGGREGATOR by their merge with AS4_PATH and AS4_AGGREGATOR, and removes the
     * latter two whether they were used or ignored. AS_PATH and AGGREGATOR keep their positions.
     */
    static void merge(List<PathAttribute> attributes) {
        int asPathAt = -1, aggregatorAt = -1;
        As4Path as4Path = null;
        As4Aggregator as4Aggregator = null;
        for (int i = 0; i < attributes.size(); i++) {
            switch (attributes.get(i)) {
                case AsPath p -> asPathAt = i;
                case Aggregator a -> aggregatorAt = i;
                case As4Path p -> as4Path = p;
                case As4Aggregator a -> as4Aggregator = a;
                default -> { }
            }
        }
        if (as4Path == null && as4Aggregator == null) return;
        boolean useAs4Path = as4Path != null && asPathAt >= 0;
        if (aggregatorAt >= 0 && as4Aggregator != null) {
            Aggregator aggregator = (Aggregator) attributes.get(aggregatorAt);
            // RFC 6793 §4.2.3: "If the AGGREGATOR attribute contains an AS number other than AS_TRANS, then [...]
            // the AS4_AGGREGATOR attribute and the AS4_PATH attribute [...] SHALL be ignored".
            if (aggregator.asn() != AsPathCodec.AS_TRANS) {
                useAs4Path = false;
            } else {
                // "If the AGGREGATOR attribute contains AS_TRANS, then [...] the AS4_AGGREGATOR attribute [...]
                // SHALL be used as the aggregating AS and aggregator address."
                attributes.set(aggregatorAt, new Aggregator(as4Aggregator.asn(), as4Aggregator.address()));
            }
        }
        if (useAs4Path) {
            AsPath asPath = (AsPath) attributes.get(asPathAt);
            attributes.set(asPathAt, reconstruct(asPath, as4Path));
        }
        attributes.removeIf(a -> a instanceof As4Path || a instanceof As4Aggregator);
    }

    /**
     * RFC 6793 §4.2.3: "If the number of AS numbers in the AS_PATH attribute is less than the number of AS numbers
     * in the AS4_PATH attribute, then the AS4_PATH attribute SHALL be ignored, and the AS_PATH attribute SHALL be
     * taken as the AS path information. [...] If the number of AS numbers in the AS_PATH attribute is larger than
     * or equal to the number of AS numbers in the AS4_PATH attribute, then the AS path information SHALL be
     * constructed by taking as many AS numbers and path segments as necessary from the leading part of the AS_PATH
     * attribute, and then prepending them to the AS4_PATH attribute so that the AS path information has a number
     * of AS numbers identical to that of the AS_PATH attribute." Counting follows RFC 4271 §9.1.2.2 as §4.2.3
     * says: an AS_SET counts 1, confederation segments count 0. Confederation segments in AS4_PATH are discarded
     * (§6: a NEW speaker never puts them there).
     */
    static AsPath reconstruct(AsPath asPath, As4Path as4Path) {
        List<AsPathSegment> tail = as4Path.segments().stream().filter(s -> !isConfed(s.type())).toList();
        int needed = count(asPath.segments()) - count(tail);
        if (needed < 0) return asPath;
        List<AsPathSegment> merged = new ArrayList<>();
        for (AsPathSegment s : asPath.segments()) {
            // Leading confederation segments are kept even when no AS is needed: AS4_PATH never carries them.
            if (needed == 0 && !isConfed(s.type())) break;
            switch (s.type()) {
                case AS_CONFED_SEQUENCE, AS_CONFED_SET -> merged.add(s);
                case AS_SET -> {
                    merged.add(s);
                    needed--;
                }
                case AS_SEQUENCE -> {
                    int take = Math.min(needed, s.asns().size());
                    merged.add(new AsPathSegment(Type.AS_SEQUENCE, s.asns().subList(0, take)));
                    needed -= take;
                }
            }
        }
        for (int i = 0; i < tail.size(); i++) {
            if (i == 0) appendJoining(merged, tail.get(i));
            else merged.add(tail.get(i));
        }
        return new AsPath(merged);
    }

    /**
     * Appends {@code s}, joining it to a preceding AS_SEQUENCE: where the leading part of AS_PATH meets AS4_PATH, a
     * sequence split in two would otherwise differ from the path a 4-octet-AS speaker would have sent.
     */
    private static void appendJoining(List<AsPathSegment> segments, AsPathSegment s) {
        int last = segments.size() - 1;
        if (last >= 0 && s.type() == Type.AS_SEQUENCE && segments.get(last).type() == Type.AS_SEQUENCE
                && segments.get(last).asns().size() + s.asns().size() <= AsPathCodec.MAX_SEGMENT_ASNS) {
            List<Long> joined = new ArrayList<>(segments.get(last).asns());
            joined.addAll(s.asns());
            segments.set(last, new AsPathSegment(Type.AS_SEQUENCE, joined));
        } else {
            segments.add(s);
        }
    }

    private static boolean isConfed(Type type) {
        return type == Type.AS_CONFED_SEQUENCE || type == Type.AS_CONFED_SET;
    }

    /** AS numbers in the path for RFC 4271 §9.1.2.2 path length: AS_SET counts 1, confederation segments 0. */
    static int count(List<AsPathSegment> segments) {
        int n = 0;
        for (AsPathSegment s : segments) {
            n += switch (s.type()) {
                case AS_SEQUENCE -> s.asns().size();
                case AS_SET -> 1;
                case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
            };
        }
        return n;
    }

    /**
     * RFC 6793 §4.2.2: the AS4_PATH to send an OLD peer after {@code asPath}, or {@code null}: "The NEW speaker MUST
     * also send the AS path information in the AS4_PATH attribute [...], except for the case where the entire AS
     * path information is composed of 2-octet AS numbers only." Confederation segments are left out: "Whenever the
     * AS path information contains the AS_CONFED_SEQUENCE or AS_CONFED_SET path segment, the NEW BGP speaker MUST
     * exclude such path segments from the AS4_PATH attribute being constructed."
     */
    static As4Path as4PathFor(AsPath asPath) {
        boolean needed = asPath.segments().stream().flatMap(s -> s.asns().stream()).anyMatch(asn -> asn > 0xFFFF);
        if (!needed) return null;
        return new As4Path(asPath.segments().stream().filter(s -> !isConfed(s.type())).toList());
    }

    /**
     * RFC 6793 §4.2.2: the AS4_AGGREGATOR to send an OLD peer after {@code aggregator}, or {@code null}: when the
     * aggregating AS does not fit in 2 octets, AGGREGATOR carries AS_TRANS and AS4_AGGREGATOR the real AS.
     */
    static As4Aggregator as4AggregatorFor(Aggregator aggregator) {
        return aggregator.asn() > 0xFFFF ? new As4Aggregator(aggregator.asn(), aggregator.address()) : null;
    }
}
