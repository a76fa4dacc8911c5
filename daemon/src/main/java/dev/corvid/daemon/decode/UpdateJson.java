package dev.corvid.daemon.decode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.codec.Bytes;
import dev.corvid.codec.attribute.*;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Ipv6Text;
import dev.corvid.codec.nlri.Nlri;
import java.net.InetAddress;
import java.util.List;

/**
 * An UPDATE as JSON, with the route field names of PRODUCT.md: {@code origin}, {@code as_path} (a flat list;
 * {@code as_path_segments} keeps the segment types), {@code next_hop}, {@code med}, {@code local_pref},
 * {@code communities} ({@code 64512:100}), {@code large_communities} ({@code 64512:1:2}),
 * {@code extended_communities} ({@code rt:64512:7}), {@code originator_id}, {@code cluster_list}.
 * NLRI are prefix strings, or {@code {prefix, path_id}} objects when a path identifier is present.
 */
final class UpdateJson {
    private UpdateJson() {}

    static void fill(Update u, ObjectNode node) {
        u.endOfRib().ifPresent(f -> node.put("end_of_rib", f.toString()));
        nlri(node.putArray("withdrawn"), u.withdrawn());
        ObjectNode attrs = node.putObject("attributes");
        for (PathAttribute a : u.attributes()) attribute(a, attrs);
        nlri(node.putArray("nlri"), u.nlri());
    }

    private static void attribute(PathAttribute attribute, ObjectNode n) {
        switch (attribute) {
            case Origin o -> n.put("origin", o.label());
            case AsPath p -> {
                ArrayNode flat = n.putArray("as_path");
                ArrayNode segs = n.putArray("as_path_segments");
                for (AsPathSegment s : p.segments()) {
                    s.asns().forEach(flat::add);
                    ObjectNode seg = segs.addObject();
                    seg.put("type", s.type().name());
                    ArrayNode asns = seg.putArray("asns");
                    s.asns().forEach(asns::add);
                }
            }
            case NextHop h -> n.put("next_hop", h.address().getHostAddress());
            case MultiExitDisc m -> n.put("med", m.value());
            case LocalPref l -> n.put("local_pref", l.value());
            case AtomicAggregate a -> n.put("atomic_aggregate", true);
            case Aggregator a -> n.putObject("aggregator").put("asn", a.asn()).put("address", a.address().getHostAddress());
            case Communities c -> {
                ArrayNode arr = n.putArray("communities");
                c.values().forEach(v -> arr.add(Communities.format(v)));
            }
            case OriginatorId o -> n.put("originator_id", o.id().getHostAddress());
            case ClusterList c -> {
                ArrayNode arr = n.putArray("cluster_list");
                c.ids().forEach(id -> arr.add(id.getHostAddress()));
            }
            case MpReach r -> {
                ObjectNode o = n.withArrayProperty("mp_reach").addObject();
                o.put("family", r.family().toString());
                nextHops(r.nextHop(), o);
                nlri(o.putArray("nlri"), r.nlri());
                if (r.otherNlri().length() > 0) o.put("nlri_octets", r.otherNlri().hex());
            }
            case MpUnreach r -> {
                ObjectNode o = n.withArrayProperty("mp_unreach").addObject();
                o.put("family", r.family().toString());
                nlri(o.putArray("withdrawn"), r.withdrawn());
                if (r.otherNlri().length() > 0) o.put("nlri_octets", r.otherNlri().hex());
            }
            case ExtendedCommunities e -> {
                ArrayNode arr = n.putArray("extended_communities");
                e.values().forEach(v -> arr.add(ExtendedCommunityText.format(v)));
            }
            case As4Path p -> {
                ArrayNode arr = n.putArray("as4_path");
                p.segments().forEach(s -> s.asns().forEach(arr::add));
            }
            case As4Aggregator a -> n.putObject("as4_aggregator").put("asn", a.asn()).put("address", a.address().getHostAddress());
            case Ipv6ExtendedCommunities e -> {
                ArrayNode arr = n.putArray("ipv6_extended_communities");
                e.values().forEach(v -> arr.add(v.hex()));
            }
            case LargeCommunities l -> {
                ArrayNode arr = n.putArray("large_communities");
                l.values().forEach(v -> arr.add(v.toString()));
            }
            case Otc o -> n.put("otc", o.asn());
            case UnknownAttribute u -> n.withArrayProperty("unknown").addObject()
                    .put("type_code", u.typeCode())
                    .put("flags", String.format("0x%02x", u.flags()))
                    .put("value", u.value().hex());
        }
    }

    /** RFC 4760 next hop: 4 or 16 octets, or 32 = IPv6 global then link-local (RFC 2545 §3). */
    private static void nextHops(Bytes nh, ObjectNode o) {
        byte[] b = nh.toArray();
        switch (b.length) {
            case 4 -> o.put("next_hop", address(b));
            case 16 -> o.put("next_hop", address(b));
            case 32 -> {
                o.put("next_hop", address(java.util.Arrays.copyOfRange(b, 0, 16)));
                o.put("link_local_next_hop", address(java.util.Arrays.copyOfRange(b, 16, 32)));
            }
            default -> o.put("next_hop_octets", nh.hex());
        }
    }

    private static String address(byte[] b) {
        if (b.length == 16) return Ipv6Text.format(b);
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static void nlri(ArrayNode arr, List<Nlri> list) {
        for (Nlri n : list) {
            if (n.pathId() == 0) {
                arr.add(n.prefix().toString());
            } else {
                arr.addObject().put("prefix", n.prefix().toString()).put("path_id", Integer.toUnsignedLong(n.pathId()));
            }
        }
    }

}
