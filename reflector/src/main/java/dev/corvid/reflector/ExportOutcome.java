package dev.corvid.reflector;

import dev.corvid.rib.PathAttributes;
import java.util.Objects;

/** What {@link ExportRules} decided for one route and one peer or group: advertise with these attributes, or not. */
public sealed interface ExportOutcome {

    /** Advertise the route with {@code attributes} (not interned: the caller interns before packing UPDATEs). */
    record Advertise(PathAttributes attributes) implements ExportOutcome {
        public Advertise {
            Objects.requireNonNull(attributes, "attributes");
        }
    }

    /** Do not advertise it (and withdraw it if it was advertised before); {@code reason} is shown to operators. */
    record Suppress(Reason reason) implements ExportOutcome {
        public Suppress {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a route is not advertised to a peer. */
    enum Reason {
        /** The route came from this very peer. */
        SPLIT_HORIZON("learned from this peer"),
        /** RFC 4271 §9.2 / RFC 4456 §6: iBGP-learned from a non-client, and the target is not a client. */
        IBGP_NOT_REFLECTED("iBGP route, not reflected to a non-client"),
        /** The session did not negotiate the route's address family. */
        FAMILY_NOT_NEGOTIATED("address family not negotiated"),
        /** RFC 1997 NO_ADVERTISE. */
        NO_ADVERTISE_COMMUNITY("NO_ADVERTISE community"),
        /** RFC 1997 NO_EXPORT or NO_EXPORT_SUBCONFED towards an eBGP peer. */
        NO_EXPORT_COMMUNITY("NO_EXPORT community"),
        /** The next hop must be ours, but the session has no local address of the route's family. */
        NO_LOCAL_ADDRESS("no local address of the family for next hop"),
        /** RFC 8212: an eBGP peer without an export policy. */
        NO_EXPORT_POLICY("no export policy (RFC 8212)"),
        /** The export policy rejected the prefix. */
        REJECTED_BY_POLICY("rejected by export policy");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
