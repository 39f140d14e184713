package dev.cutover.probe.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches one topic's records on two sides by content (pure logic). A record stamped within {@code [fromMs, toMs]} on
 * one side must have a counterpart with the same fingerprint on the other, among everything read there, the window's
 * margins included (the two writes of one record are not simultaneous, so a counterpart may sit just outside the
 * window). Records written more than once count: three copies on one side need three on the other. Unmatched records
 * of the two sides with the same key are "differing" (the same record, written differently); the rest are on one side
 * only. Partitions and offsets are not compared: they differ between two clusters by nature. On a compacted topic, a
 * record one side lacks while it holds a later record with the same key was compacted away there, not lost.
 */
public final class ContentMatch {
    static final int EXAMPLES = 5;

    private ContentMatch() {}

    public static TopicContent compare(
            String topic, List<ContentRecord> source, List<ContentRecord> target, long fromMs, long toMs) {
        return compare(topic, source, target, fromMs, toMs, false);
    }

    public static TopicContent compare(
            String topic,
            List<ContentRecord> source,
            List<ContentRecord> target,
            long fromMs,
            long toMs,
            boolean compacted) {
        List<ContentRecord> sourceIn = within(source, fromMs, toMs);
        List<ContentRecord> targetIn = within(target, fromMs, toMs);
        List<ContentRecord> lackingOnTarget = unmatched(sourceIn, counts(target));
        List<ContentRecord> lackingOnSource = unmatched(targetIn, counts(source));
        long compactedAway = 0;
        if (compacted) {
            int before = lackingOnTarget.size() + lackingOnSource.size();
            lackingOnTarget = superseded(lackingOnTarget, target);
            lackingOnSource = superseded(lackingOnSource, source);
            compactedAway = before - lackingOnTarget.size() - lackingOnSource.size();
        }

        Map<Fingerprint, List<ContentRecord>> targetByKey = new LinkedHashMap<>();
        lackingOnSource.forEach(r ->
                targetByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        List<String> examples = new ArrayList<>();
        long differing = 0;
        long onlySource = 0;
        for (ContentRecord s : lackingOnTarget) {
            List<ContentRecord> sameKey = targetByKey.get(s.key());
            if (sameKey != null && !sameKey.isEmpty()) {
                ContentRecord t = sameKey.remove(0);
                differing++;
                example(
                        examples,
                        "differs: source " + s.where() + " vs target " + t.where()
                                + " (same key, other value or headers)");
            } else {
                onlySource++;
                example(examples, "only on the source: " + s.where());
            }
        }
        long onlyTarget = 0;
        for (List<ContentRecord> rest : targetByKey.values()) {
            for (ContentRecord t : rest) {
                onlyTarget++;
                example(examples, "only on the target: " + t.where());
            }
        }
        return new TopicContent(
                topic,
                sourceIn.size(),
                targetIn.size(),
                sourceIn.size() - lackingOnTarget.size(),
                onlySource,
                onlyTarget,
                differing,
                compactedAway,
                examples);
    }

    /** The records that {@code other} lacks and cannot have compacted away (it holds no later record of their key). */
    private static List<ContentRecord> superseded(List<ContentRecord> lacking, List<ContentRecord> other) {
        Map<Fingerprint, Long> latest = new HashMap<>();
        other.forEach(r -> latest.merge(r.key(), r.timestamp(), Math::max));
        return lacking.stream()
                .filter(r -> latest.getOrDefault(r.key(), Long.MIN_VALUE) < r.timestamp())
                .toList();
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < EXAMPLES) {
            examples.add(text);
        }
    }

    private static List<ContentRecord> within(List<ContentRecord> records, long fromMs, long toMs) {
        return records.stream()
                .filter(r -> r.timestamp() >= fromMs && r.timestamp() <= toMs)
                .toList();
    }

    private static Map<Fingerprint, int[]> counts(List<ContentRecord> records) {
        Map<Fingerprint, int[]> counts = new HashMap<>();
        records.forEach(r -> counts.computeIfAbsent(r.content(), k -> new int[1])[0]++);
        return counts;
    }

    /** The records of {@code records} without a counterpart in {@code other} (each counterpart used once). */
    private static List<ContentRecord> unmatched(List<ContentRecord> records, Map<Fingerprint, int[]> other) {
        List<ContentRecord> out = new ArrayList<>();
        for (ContentRecord r : records) {
            int[] left = other.get(r.content());
            if (left != null && left[0] > 0) {
                left[0]--;
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
