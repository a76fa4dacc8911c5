package dev.corvid.codec.attribute;

/**
 * A path attribute. Type codes are IANA's "BGP Path Attributes" registry. Flags on the wire follow from the
 * type (RFC 4271 §4.3) except for {@link UnknownAttribute}, which keeps the flags it arrived with.
 */
public sealed interface PathAttribute
        permits Origin, AsPath, NextHop, MultiExitDisc, LocalPref, AtomicAggregate, Aggregator, Communities,
                OriginatorId, ClusterList, MpReach, MpUnreach, ExtendedCommunities, As4Path, As4Aggregator,
                Ipv6ExtendedCommunities, LargeCommunities, Otc, UnknownAttribute {

    int ORIGIN = 1;
    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int ATOMIC_AGGREGATE = 6;
    int AGGREGATOR = 7;
    int COMMUNITIES = 8;
    int ORIGINATOR_ID = 9;
    int CLUSTER_LIST = 10;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;
    int EXTENDED_COMMUNITIES = 16;
    int AS4_PATH = 17;
    int AS4_AGGREGATOR = 18;
    int IPV6_EXTENDED_COMMUNITIES = 25;
    int LARGE_COMMUNITY = 32;
    int OTC = 35;

    /** RFC 4271 §4.3 attribute flags. */
    int FLAG_OPTIONAL = 0x80;
    int FLAG_TRANSITIVE = 0x40;
    int FLAG_PARTIAL = 0x20;
    int FLAG_EXTENDED_LENGTH = 0x10;

    int typeCode();
}
