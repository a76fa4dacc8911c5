package dev.corvid.daemon.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A scrape of {@code /metrics} parsed from the Prometheus text format (0.0.4), and plain GETs. */
record Scrape(List<Sample> samples) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Sample(String name, Map<String, String> labels, double value) {}

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Scrape of(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = get(port, "/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** {@code name{a="x",b="y"} value}; comments skipped; label values here never hold quotes or commas. */
    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            double value = Double.parseDouble(line.substring(space + 1));
            int brace = series.indexOf('{');
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0) {
                for (String pair : series.substring(brace + 1, series.length() - 1).split("\",")) {
                    int eq = pair.indexOf('=');
                    labels.put(pair.substring(0, eq), pair.substring(eq + 2).replaceAll("\"$", ""));
                }
            }
            samples.add(new Sample(brace >= 0 ? series.substring(0, brace) : series, labels, value));
        }
        return new Scrape(samples);
    }

    /** The value of the one sample named {@code name} whose labels include {@code labels} (name, value, ...). */
    Optional<Double> value(String name, String... labels) {
        List<Sample> found = matching(name, labels);
        if (found.size() > 1) throw new AssertionError(found.size() + " samples match " + name + " " + List.of(labels));
        return found.stream().findFirst().map(Sample::value);
    }

    List<Sample> matching(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) return false;
            }
            return true;
        }).toList();
    }

    List<Sample> named(String prefix) {
        return samples.stream().filter(s -> s.name().startsWith(prefix)).toList();
    }
}
