package dev.corvid.rib;

import java.lang.ref.WeakReference;
import java.util.WeakHashMap;

/**
 * DOC: hash-consing of attribute sets (DESIGN.md: "equal attribute sets are one object, so grouping prefixes into
 * UPDATEs and comparing paths is a reference comparison"; BIRD's {@code rta_lookup}, OpenBGPD's {@code rde_attr.c}).
 *
 * <p>Weak, not reference-counted: a set stays interned exactly as long as something (an Adj-RIB-In path, an
 * Adj-RIB-Out entry of the reflector, an UPDATE being built) still holds it, and the garbage collector drops it
 * afterwards. Reference counting would make every holder in every module pair each store with a release — a missed
 * release leaks forever, a double release breaks sharing — and Java has no destructors to hang that on. The cost
 * of weakness is one weak reference per distinct set, and there are few distinct sets compared with paths (one per
 * injector UPDATE, one per Calico node).
 *
 * <p>The prefixes of one UPDATE all arrive with the same (not yet interned) object, so the last lookup is remembered,
 * weakly too: a run of prefixes costs one hash lookup and one deep comparison, not one per prefix.
 *
 * <p>Confined to the RIB thread like the rest of the routing state.
 */
public final class AttributeInterner {
    // Key held weakly by the map; the value refers weakly to the same canonical object, so nothing here keeps it alive.
    private final WeakHashMap<PathAttributes, WeakReference<PathAttributes>> sets = new WeakHashMap<>();
    private final RibThread thread;
    private WeakReference<PathAttributes> lastAsked = new WeakReference<>(null);
    private WeakReference<PathAttributes> lastAnswer = lastAsked;

    public AttributeInterner(RibThread thread) {
        this.thread = thread;
    }

    /** The canonical set equal to {@code attributes}: the first such set interned and still in use. */
    public PathAttributes intern(PathAttributes attributes) {
        thread.assertOwner();
        if (lastAsked.refersTo(attributes)) {
            PathAttributes canonical = lastAnswer.get();
            if (canonical != null) return canonical;
        }
        WeakReference<PathAttributes> ref = sets.get(attributes);
        PathAttributes canonical = ref == null ? null : ref.get();
        if (canonical == null) {
            canonical = attributes;
            ref = new WeakReference<>(attributes);
            sets.put(attributes, ref);
        }
        lastAsked = canonical == attributes ? ref : new WeakReference<>(attributes);
        lastAnswer = ref;
        return canonical;
    }

    /** Distinct sets still interned (collected sets drop out after a garbage collection). */
    public int size() {
        thread.assertOwner();
        return sets.size();
    }
}
