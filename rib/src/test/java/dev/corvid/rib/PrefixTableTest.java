package dev.corvid.rib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.codec.nlri.Ipv4Prefix;
import dev.corvid.codec.nlri.Ipv6Prefix;
import dev.corvid.codec.nlri.Nlri;
import dev.corvid.codec.nlri.Prefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefixTableTest {
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final PrefixTable table = new PrefixTable();

    /** Prefixes that differ only in a few high bits and in length, IPv4 and IPv6: the shapes that collide most. */
    private List<Prefix> prefixes(int n) {
        List<Prefix> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(switch (i % 4) {
                case 3 -> new Ipv6Prefix(0x2001_0db8_0000_0000L | (long) i << 16, 0, 48);
                case 2 -> new Ipv4Prefix(0xC000_0000 | i << 9, 24); // the top bit set: unsigned order
                default -> new Ipv4Prefix(0x0A00_0000 | i << 9, 24 - i % 2);
            });
        }
        Collections.shuffle(out, random);
        return out;
    }

    @Test
    void findsWhatWasAddedAndNothingOnceRemovedThroughGrowthAndShrinking() {
        System.out.println("PrefixTableTest seed " + seed);
        List<Prefix> all = prefixes(3000);
        Map<Prefix, PrefixPaths> model = new HashMap<>();
        for (int round = 0; round < 6; round++) {
            for (Prefix p : all) {
                if (random.nextInt(3) == 0) continue;
                PrefixPaths e = table.getOrAdd(Nlri.of(p));
                PrefixPaths was = model.putIfAbsent(p, e);
                assertThat(e).as("seed %d: %s", seed, p).isSameAs(was == null ? e : was);
            }
            for (Prefix p : all) {
                if (random.nextBoolean() && model.containsKey(p)) table.remove(model.remove(p));
            }
            assertThat(table.size()).as("seed %d", seed).isEqualTo(model.size());
            for (Prefix p : all) {
                assertThat(table.get(Prefix.parse(p.toString()))).as("seed %d: %s", seed, p).isSameAs(model.get(p));
            }
        }
    }

    @Test
    void probeRunsThatWrapAroundTheEndOfTheTableSurviveRemovals() {
        for (int round = 0; round < 2000; round++) {
            List<Prefix> pool = new ArrayList<>();
            for (int i = 0; i < 12; i++) pool.add(new Ipv4Prefix(0x0A00_0000 | random.nextInt(1 << 16) << 8, 24));
            PrefixTable small = new PrefixTable(); // 16 slots for up to 8 entries: runs often cross the end
            Map<Prefix, PrefixPaths> model = new HashMap<>();
            for (int op = 0; op < 40; op++) {
                Prefix p = pool.get(random.nextInt(pool.size()));
                if (model.containsKey(p) && random.nextBoolean()) small.remove(model.remove(p));
                else if (model.size() < 8) model.computeIfAbsent(p, q -> small.getOrAdd(Nlri.of(q)));
                for (Prefix q : pool) assertThat(small.get(q)).as("seed %d: %s", seed, q).isSameAs(model.get(q));
            }
        }
    }

    @Test
    void anEntryKeepsItsNlriWithoutPathIdAsTheSharedOne() {
        Nlri plain = Nlri.parse("10.1.0.0/16");
        assertThat(table.getOrAdd(plain).nlri).isSameAs(plain);
        Nlri withId = new Nlri(Prefix.parse("10.2.0.0/16"), 7);
        assertThat(table.getOrAdd(withId).nlri).isEqualTo(Nlri.of(withId.prefix()));
    }

    @Test
    void ordersTheEntriesByPrefixAndLetsGoOfRemovedOnes() {
        List<Prefix> all = prefixes(5000);
        List<PrefixPaths> entries = new ArrayList<>();
        for (Prefix p : all) entries.add(table.getOrAdd(Nlri.of(p)));
        assertThat(live(table.order().sorted())).as("seed %d", seed).isEqualTo(all.stream().sorted().toList());

        for (PrefixPaths e : entries.subList(0, 4000)) table.remove(e);
        PrefixPaths[] sorted = table.order().sorted();
        assertThat(sorted.length).as("removed entries are dropped in bulk").isLessThan(5000);
        assertThat(live(sorted)).as("seed %d", seed).isEqualTo(all.subList(4000, 5000).stream().sorted().toList());

        Prefix again = all.getFirst(); // back after removal: a new entry, found once
        table.getOrAdd(Nlri.of(again));
        assertThat(live(table.order().sorted())).filteredOn(again::equals).hasSize(1);
        int at = table.order().search(again, true);
        assertThat(table.order().sorted()[at].prefix()).isEqualTo(again);
        assertThat(table.order().search(again, false)).isGreaterThan(at);
    }

    private static List<Prefix> live(PrefixPaths[] sorted) {
        return Arrays.stream(sorted).filter(e -> !e.removed).map(PrefixPaths::prefix).toList();
    }
}
