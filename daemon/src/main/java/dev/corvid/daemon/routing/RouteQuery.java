package dev.corvid.daemon.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.codec.Afi;
import dev.corvid.codec.nlri.Prefix;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code corvid show route [PREFIX] [--table adj-in|loc|adj-out] [--peer ADDRESS] [--family ipv4|ipv6]} asks.
 *
 * @param prefix only this prefix
 * @param table  which table
 * @param peer   adj-in: paths from this peer; adj-out: routes sent to it; loc: paths from it
 * @param family only this family
 */
public record RouteQuery(Optional<Prefix> prefix, Table table, Optional<InetAddress> peer, Optional<Afi> family) {

    public enum Table {
        ADJ_IN("adj-in"), LOC("loc"), ADJ_OUT("adj-out");

        private final String label;

        Table(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Table of(String text) {
            for (Table t : values()) if (t.label.equals(text)) return t;
            throw new IllegalArgumentException("'" + text + "' is not a table: use adj-in, loc or adj-out");
        }
    }

    public RouteQuery {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(family, "family");
    }

    /** The control request's fields ({@code prefix}, {@code table}, {@code peer}, {@code family}). */
    public ObjectNode writeTo(ObjectNode request) {
        prefix.ifPresent(p -> request.put("prefix", p.toString()));
        request.put("table", table.label());
        peer.ifPresent(p -> request.put("peer", p.getHostAddress()));
        family.ifPresent(f -> request.put("family", f == Afi.IPV4 ? "ipv4" : "ipv6"));
        return request;
    }

    /**
     * The query of a control request.
     *
     * @throws IllegalArgumentException with a sentence naming the bad field
     */
    public static RouteQuery of(JsonNode request) {
        Optional<Prefix> prefix = text(request, "prefix").map(Prefix::parse);
        Table table = text(request, "table").map(Table::of).orElse(Table.LOC);
        Optional<InetAddress> peer = text(request, "peer").map(t -> {
            try {
                return InetAddress.ofLiteral(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + t + "' is not an IPv4 or IPv6 address");
            }
        });
        Optional<Afi> family = text(request, "family").map(f -> switch (f.toLowerCase(Locale.ROOT)) {
            case "ipv4" -> Afi.IPV4;
            case "ipv6" -> Afi.IPV6;
            default -> throw new IllegalArgumentException("'" + f + "' is not a family: use ipv4 or ipv6");
        });
        return new RouteQuery(prefix, table, peer, family);
    }

    private static Optional<String> text(JsonNode request, String field) {
        return request.hasNonNull(field) ? Optional.of(request.get(field).asText()) : Optional.empty();
    }

    boolean matches(Prefix p) {
        return prefix.map(p::equals).orElse(true) && family.map(f -> p.afi() == f).orElse(true);
    }
}
