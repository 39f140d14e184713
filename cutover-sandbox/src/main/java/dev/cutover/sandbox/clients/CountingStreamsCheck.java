package dev.cutover.sandbox.clients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares {@link CountingStreams}' outputs, record by record, with what it would have written without a move, computed
 * from its input: for each customer, the updates of its count are 1, 2, … up to the number of input records of that
 * customer, each once and in that order (the key's partition holds them in order); likewise for each region and window.
 * One input record counted twice shows as a repeated or too high count; one lost update as a missing count or a final
 * count too low; a state restored incompletely as a count starting again.
 */
public final class CountingStreamsCheck {
    /** An input record: its timestamp and value. */
    public record Input(long timestampMs, String value) {}

    /** An output record: its key and value, in the log order of its partition. */
    public record Output(String key, String value) {}

    private CountingStreamsCheck() {}

    /** Expected number of updates per customer. */
    public static Map<String, Long> expectedCounts(List<Input> input) {
        Map<String, Long> out = new TreeMap<>();
        input.forEach(i -> out.merge(CountingStreams.customer(i.value()), 1L, Long::sum));
        return out;
    }

    /** Expected number of updates per {@code region@windowStartMs}. */
    public static Map<String, Long> expectedRegions(List<Input> input) {
        Map<String, Long> out = new TreeMap<>();
        input.forEach(i -> out.merge(
                CountingStreams.region(i.value()) + "@" + CountingStreams.windowStart(i.timestampMs()), 1L, Long::sum));
        return out;
    }

    /**
     * The differences between one output topic ({@code outputs}, partition by partition in log order) and {@code
     * expected} counts per key: empty when every key's updates are exactly 1..n.
     */
    public static List<String> differences(
            String topic, Map<Integer, List<Output>> outputs, Map<String, Long> expected) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        outputs.values()
                .forEach(records -> records.forEach(r ->
                        byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value())));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byKey.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                problems.add(topic + " " + e.getKey() + ": " + e.getValue().size() + " update(s) of a key no input"
                        + " record has");
            }
        }
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            List<String> updates = byKey.getOrDefault(e.getKey(), List.of());
            for (int i = 0; i < updates.size(); i++) {
                if (!updates.get(i).equals(Long.toString(i + 1L))) {
                    problems.add(topic + " " + e.getKey() + ": update " + (i + 1) + " is " + updates.get(i)
                            + " (expected " + (i + 1) + "; updates " + window(updates, i) + ")");
                    break;
                }
            }
            if (updates.size() != e.getValue()) {
                problems.add(topic + " " + e.getKey() + ": " + updates.size() + " update(s), expected " + e.getValue()
                        + " (one per input record)");
            }
        }
        return problems;
    }

    private static String window(List<String> updates, int at) {
        return String.join(",", updates.subList(Math.max(0, at - 3), Math.min(updates.size(), at + 3)));
    }
}
