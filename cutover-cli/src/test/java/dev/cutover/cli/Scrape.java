package dev.cutover.cli;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: one scrape of a Prometheus text endpoint, as series (name and labels) → value. */
record Scrape(String text, Map<String, Double> series) {
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Scrape of(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(url + " answered " + response.statusCode() + ": " + response.body());
        }
        if (!response.headers().firstValue("content-type").orElse("").startsWith("text/plain")) {
            throw new AssertionError(url + " is not Prometheus text: " + response.headers());
        }
        return parse(response.body());
    }

    static Scrape parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return new Scrape(text, series);
    }

    /** Metric names present (without labels). */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        series.keySet().forEach(s -> names.add(s.contains("{") ? s.substring(0, s.indexOf('{')) : s));
        return names;
    }

    /** The value of the one series of {@code name} whose labels include every {@code label=value} given, or null. */
    Double value(String name, String... labels) {
        List<Double> found = matching(name, labels);
        if (found.size() > 1) {
            throw new AssertionError("several series of " + name + " match " + String.join(",", labels));
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The sum of every series of {@code name} whose labels include those given. */
    double sum(String name, String... labels) {
        return matching(name, labels).stream().mapToDouble(Double::doubleValue).sum();
    }

    private List<Double> matching(String name, String... labels) {
        List<Double> values = new ArrayList<>();
        series.forEach((s, value) -> {
            boolean match = (s.contains("{") ? s.substring(0, s.indexOf('{')) : s).equals(name);
            for (String label : labels) {
                match &= s.contains(label.replaceFirst("=(.*)", "=\"$1\""));
            }
            if (match) {
                values.add(value);
            }
        });
        return values;
    }
}
