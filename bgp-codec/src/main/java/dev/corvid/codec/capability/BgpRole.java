package dev.corvid.codec.capability;

import java.util.Optional;

/**
 * RFC 9234 §4.1 BGP Role: one octet naming the role of the sender on this session. The value is kept as sent, so
 * that a value assigned after RFC 9234 still round-trips; {@link #role()} names the ones RFC 9234 defines.
 */
public record BgpRole(int value) implements Capability {
    public static final int LENGTH = 1;

    /** RFC 9234 §4.1 Table 1, in value order (the ordinal is the value). */
    public enum Role {
        PROVIDER("provider"),
        ROUTE_SERVER("rs"),
        ROUTE_SERVER_CLIENT("rs-client"),
        CUSTOMER("customer"),
        PEER("peer");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        /** The name RFC 9234 and the configuration use: {@code provider}, {@code rs}, {@code rs-client}, ... */
        public String label() {
            return label;
        }
    }

    public BgpRole {
        if (value < 0 || value > 0xFF) throw new IllegalArgumentException("BGP Role is 1 octet");
    }

    public static BgpRole of(Role role) {
        return new BgpRole(role.ordinal());
    }

    /** The role, or empty for a value RFC 9234 does not define. */
    public Optional<Role> role() {
        Role[] all = Role.values();
        return value < all.length ? Optional.of(all[value]) : Optional.empty();
    }

    @Override
    public int code() {
        return BGP_ROLE;
    }
}
