package dev.corvid.codec.message;

import dev.corvid.codec.Family;
import dev.corvid.codec.attribute.MpReach;
import dev.corvid.codec.attribute.MpUnreach;
import dev.corvid.codec.attribute.PathAttribute;
import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Nlri;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 4271 §4.3 UPDATE. {@code withdrawn} and {@code nlri} are the IPv4 fields of the message; other families
 * travel in MP_REACH_NLRI / MP_UNREACH_NLRI inside {@code attributes} (RFC 4760 §3-§4). Attributes are kept in the
 * order they had on the wire, and are written back in the order of the list.
 *
 * <p>To send many prefixes with one attribute set, use {@link UpdatePacker}, which writes bytes directly and splits
 * at the message size limit; this record is what the decoder produces and what tests and tools build.
 */
public record Update(List<Nlri> withdrawn, List<PathAttribute> attributes, List<Nlri> nlri) implements BgpMessage {

    private static final Update IPV4_END_OF_RIB = new Update(List.of(), List.of(), List.of());

    public Update {
        withdrawn = List.copyOf(withdrawn);
        attributes = List.copyOf(attributes);
        nlri = List.copyOf(nlri);
        requireIpv4(withdrawn, "withdrawn");
        requireIpv4(nlri, "nlri");
    }

    private static void requireIpv4(List<Nlri> field, String name) {
        for (Nlri n : field) {
            if (!(n.prefix() instanceof Ipv4Prefix)) {
                throw new IllegalArgumentException(name + " is the IPv4 field of the UPDATE; " + n
                        + " belongs in MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760)");
            }
        }
    }

    /**
     * The End-of-RIB marker of {@code family} (RFC 4724 §2): for IPv4 unicast an UPDATE with no withdrawn routes,
     * no path attributes and no NLRI; for any other family an UPDATE holding only an empty MP_UNREACH_NLRI.
     */
    public static Update endOfRib(Family family) {
        if (family.equals(Family.IPV4_UNICAST)) return IPV4_END_OF_RIB;
        return new Update(List.of(), List.of(new MpUnreach(family, List.of())), List.of());
    }

    /** The family this UPDATE is the End-of-RIB marker of (RFC 4724 §2), or empty when it is not one. */
    public Optional<Family> endOfRib() {
        if (!withdrawn.isEmpty() || !nlri.isEmpty()) return Optional.empty();
        if (attributes.isEmpty()) return Optional.of(Family.IPV4_UNICAST);
        if (attributes.size() == 1 && attributes.getFirst() instanceof MpUnreach u
                && u.withdrawn().isEmpty() && u.otherNlri().length() == 0) {
            return Optional.of(u.family());
        }
        return Optional.empty();
    }

    public boolean isEndOfRib() {
        return endOfRib().isPresent();
    }

    /** The first MP_REACH_NLRI attribute, if any. */
    public Optional<MpReach> mpReach() {
        for (PathAttribute a : attributes) {
            if (a instanceof MpReach r) return Optional.of(r);
        }
        return Optional.empty();
    }

    /** The first MP_UNREACH_NLRI attribute, if any. */
    public Optional<MpUnreach> mpUnreach() {
        for (PathAttribute a : attributes) {
            if (a instanceof MpUnreach u) return Optional.of(u);
        }
        return Optional.empty();
    }

    /** The first attribute of the given record type, if any. */
    public <T extends PathAttribute> Optional<T> attribute(Class<T> type) {
        for (PathAttribute a : attributes) {
            if (type.isInstance(a)) return Optional.of(type.cast(a));
        }
        return Optional.empty();
    }

    /**
     * Every prefix of {@code family} this UPDATE announces: for IPv4 unicast the NLRI field followed by IPv4 NLRI in
     * MP_REACH_NLRI (RFC 8950), for other families the NLRI of their MP_REACH_NLRI.
     */
    public List<Nlri> allReachable(Family family) {
        List<Nlri> out = family.equals(Family.IPV4_UNICAST) ? new ArrayList<>(nlri) : new ArrayList<>();
        for (PathAttribute a : attributes) {
            if (a instanceof MpReach r && r.family().equals(family)) out.addAll(r.nlri());
        }
        return List.copyOf(out);
    }

    /**
     * Every prefix of {@code family} this UPDATE withdraws: for IPv4 unicast the Withdrawn Routes field followed by
     * IPv4 NLRI in MP_UNREACH_NLRI, for other families the NLRI of their MP_UNREACH_NLRI.
     */
    public List<Nlri> allWithdrawn(Family family) {
        List<Nlri> out = family.equals(Family.IPV4_UNICAST) ? new ArrayList<>(withdrawn) : new ArrayList<>();
        for (PathAttribute a : attributes) {
            if (a instanceof MpUnreach u && u.family().equals(family)) out.addAll(u.withdrawn());
        }
        return List.copyOf(out);
    }

    /** True when the UPDATE announces at least one prefix, in the NLRI field or in MP_REACH_NLRI. */
    public boolean hasReachableNlri() {
        if (!nlri.isEmpty()) return true;
        for (PathAttribute a : attributes) {
            if (a instanceof MpReach r && (!r.nlri().isEmpty() || r.otherNlri().length() > 0)) return true;
        }
        return false;
    }

    @Override
    public MessageType type() {
        return MessageType.UPDATE;
    }
}
