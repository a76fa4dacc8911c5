package dev.corvid.reflector;

import dev.corvid.rib.PathAttributes;
import java.util.Objects;

/** What {@link ImportRules} made of a received path: the attributes that enter the RIB, or why it was dropped. */
public sealed interface ImportOutcome {

    /** The path enters the Adj-RIB-In with {@code attributes} (received ones, minus what RFC 4456 §8 ignores). */
    record Accepted(PathAttributes attributes) implements ImportOutcome {
        public Accepted {
            Objects.requireNonNull(attributes, "attributes");
        }
    }

    /** The path is not used; {@code reason} is counted and shown. */
    record Dropped(Reason reason) implements ImportOutcome {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a received path was dropped, with the words operators see. */
    enum Reason {
        /** RFC 4271 §9.1.2: our own AS is in the AS_PATH (more often than allow-local-as permits). */
        AS_PATH_LOOP("own AS in AS_PATH"),
        /** RFC 4456 §8: the ORIGINATOR_ID is our own router id. */
        ORIGINATOR_ID_LOOP("ORIGINATOR_ID is our router id"),
        /** RFC 4456 §8: our CLUSTER_ID is in the CLUSTER_LIST. */
        CLUSTER_LIST_LOOP("own CLUSTER_ID in CLUSTER_LIST"),
        /** RFC 8212: an eBGP peer without an import policy. */
        NO_IMPORT_POLICY("no import policy (RFC 8212)"),
        /** The import policy rejected the prefix. */
        REJECTED_BY_POLICY("rejected by import policy");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
