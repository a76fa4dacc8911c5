package dev.corvid.daemon.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric families one scrape fills, in the order they are first named. A family without a sample is left out.
 * Counter names are given without {@code _total}: the exposition format appends it.
 */
final class Families {
    private enum Type { GAUGE, COUNTER }

    private record Sample(Labels labels, double value) {}

    /** One family being filled. */
    static final class Family {
        private final Type type;
        private final String name;
        private final String help;
        private final List<Sample> samples = new ArrayList<>();

        private Family(Type type, String name, String help) {
            this.type = type;
            this.name = name;
            this.help = help;
        }

        /** Adds a sample; {@code labels} are name, value, name, value, ... */
        Family add(double value, String... labels) {
            samples.add(new Sample(Labels.of(labels), value));
            return this;
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    Family gauge(String name, String help) {
        return family(Type.GAUGE, name, help);
    }

    Family counter(String name, String help) {
        return family(Type.COUNTER, name, help);
    }

    private Family family(Type type, String name, String help) {
        Family f = families.computeIfAbsent(name, n -> new Family(type, n, help));
        if (f.type != type) throw new IllegalArgumentException(name + " is a " + f.type + ", not a " + type);
        return f;
    }

    MetricSnapshots snapshots() {
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        for (Family f : families.values()) {
            if (f.samples.isEmpty()) continue;
            switch (f.type) {
                case GAUGE -> {
                    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(f.name).help(f.help);
                    for (Sample s : f.samples) {
                        b.dataPoint(GaugeDataPointSnapshot.builder().labels(s.labels()).value(s.value()).build());
                    }
                    all.metricSnapshot(b.build());
                }
                case COUNTER -> {
                    CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name).help(f.help);
                    for (Sample s : f.samples) {
                        b.dataPoint(CounterDataPointSnapshot.builder().labels(s.labels()).value(s.value()).build());
                    }
                    all.metricSnapshot(b.build());
                }
            }
        }
        return all.build();
    }
}
