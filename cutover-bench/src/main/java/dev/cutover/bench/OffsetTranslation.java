package dev.cutover.bench;

import java.util.Map;

/**
 * Where a replicator put a consumer group on the target, compared with where it was on the source, summed over the
 * topic's partitions. {@code replayed}: records a consumer moved to the target reads again (translated offset behind the
 * committed one); {@code skipped}: records it never reads (translated ahead). Partitions with no translated offset
 * count in {@code untranslatedPartitions}, not in the sums.
 */
public record OffsetTranslation(
        long committed, long translated, long replayed, long skipped, int untranslatedPartitions) {

    static OffsetTranslation of(Map<Integer, Long> committedOnSource, Map<Integer, Long> translatedOnTarget) {
        long committed = 0;
        long translated = 0;
        long replayed = 0;
        long skipped = 0;
        int untranslated = 0;
        for (var e : committedOnSource.entrySet()) {
            Long t = translatedOnTarget.get(e.getKey());
            if (t == null) {
                untranslated++;
                continue;
            }
            long c = e.getValue();
            committed += c;
            translated += t;
            replayed += Math.max(0, c - t);
            skipped += Math.max(0, t - c);
        }
        return new OffsetTranslation(committed, translated, replayed, skipped, untranslated);
    }

    public boolean exact() {
        return replayed == 0 && skipped == 0 && untranslatedPartitions == 0;
    }
}
