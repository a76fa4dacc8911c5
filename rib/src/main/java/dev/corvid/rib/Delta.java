package dev.corvid.rib;

import dev.corvid.codec.nlri.Prefix;
import java.util.Optional;

/**
 * A change of the Loc-RIB produced by {@link Rib#decide}: the route to {@code prefix} before and after. Empty before:
 * a new prefix; empty after: the prefix is gone. A delta is produced whenever the route changed at all (best path,
 * ECMP set, or another eligible path, which ADD-PATH senders pass on); {@link #bestChanged()} says whether the best did.
 */
public record Delta(Prefix prefix, Optional<Route> previous, Optional<Route> current) {

    public Optional<Path> oldBest() {
        return previous.map(Route::best);
    }

    public Optional<Path> newBest() {
        return current.map(Route::best);
    }

    public boolean bestChanged() {
        return !oldBest().equals(newBest());
    }
}
