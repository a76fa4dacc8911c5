package dev.corvid.daemon.routing;

import dev.corvid.codec.Afi;
import dev.corvid.codec.WireContext;
import dev.corvid.codec.message.Update;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import dev.corvid.rib.PathAttributes;
import dev.corvid.rib.PathSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * DOC: one peer's Adj-RIB-Out (RFC 4271 §3.2: "the information that the local BGP speaker has selected for
 * advertisement to its peers"): what it was last sent per prefix, and the changes not yet sent. A change that
 * leaves the peer's view as it is (the same interned attribute set again, or a withdrawal of something never sent)
 * sends nothing. The changes of one turn of the RIB thread are sent together, the prefixes of one attribute set
 * packed into as few UPDATEs as fit. Confined to the RIB thread.
 */
final class AdjRibOut {
    /** What was sent for a prefix, and where the path came from (for {@code show route --table adj-out}). */
    record Entry(PathAttributes attributes, PathSource from) {}

    private final TreeMap<Prefix, Entry> advertised = new TreeMap<>();
    /** Prefix to the attributes to announce, or to {@code null} for a withdrawal; insertion order is kept. */
    private final Map<Prefix, PathAttributes> pending = new LinkedHashMap<>();

    /** The peer is to have {@code attributes} (interned) for {@code prefix}; {@code force} re-sends an unchanged one. */
    void advertise(Prefix prefix, PathAttributes attributes, PathSource from, boolean force) {
        Entry old = advertised.put(prefix, new Entry(attributes, from));
        if (force || old == null || old.attributes() != attributes) pending.put(prefix, attributes);
    }

    /** The peer is to have no route to {@code prefix}. */
    void withdraw(Prefix prefix) {
        if (advertised.remove(prefix) != null) pending.put(prefix, null);
    }

    int size() {
        return advertised.size();
    }

    Optional<Entry> entry(Prefix prefix) {
        return Optional.ofNullable(advertised.get(prefix));
    }

    NavigableMap<Prefix, Entry> entries() {
        return Collections.unmodifiableNavigableMap(advertised);
    }

    /** The UPDATEs for the pending changes (withdrawals first, then one batch per attribute set); clears them. */
    List<Update> flush(WireContext ctx) {
        if (pending.isEmpty()) return List.of();
        Map<Afi, List<Nlri>> withdrawn = new LinkedHashMap<>();
        Map<PathAttributes, List<Nlri>> announced = new LinkedHashMap<>();
        for (Map.Entry<Prefix, PathAttributes> e : pending.entrySet()) {
            Nlri nlri = Nlri.of(e.getKey());
            if (e.getValue() == null) withdrawn.computeIfAbsent(e.getKey().afi(), _ -> new ArrayList<>()).add(nlri);
            else announced.computeIfAbsent(e.getValue(), _ -> new ArrayList<>()).add(nlri);
        }
        pending.clear();
        List<Update> out = new ArrayList<>();
        withdrawn.forEach((afi, nlri) -> out.addAll(UpdateMessages.withdraw(UpdateMessages.family(afi), nlri, ctx)));
        announced.forEach((attributes, nlri) -> {
            // One attribute set may carry prefixes of both families (an originated set per family is separate, but a
            // learned one is not): pack each family on its own.
            Map<Afi, List<Nlri>> byFamily = new LinkedHashMap<>();
            for (Nlri n : nlri) byFamily.computeIfAbsent(n.prefix().afi(), _ -> new ArrayList<>()).add(n);
            byFamily.forEach((afi, list) ->
                    out.addAll(UpdateMessages.announce(UpdateMessages.family(afi), attributes, list, ctx)));
        });
        return out;
    }
}
