/**
 * The routing state of corvid: per-peer {@link dev.corvid.rib.AdjRibIn}, the {@link dev.corvid.rib.LocRib} and
 * the RFC 4271 §9.1 {@link dev.corvid.rib.DecisionProcess}, with interned {@link dev.corvid.rib.PathAttributes}.
 * Everything here is confined to one thread, the RIB thread ({@link dev.corvid.rib.RibThread}); there are no
 * locks, and every mutating method checks the calling thread.
 */
package dev.corvid.rib;
