package dev.cutover.bench;

/**
 * Where a replicator put a consumer group on the target, compared with where it was on the source, summed over the
 * topic's partitions. {@code replayed}: records a consumer moved to the target reads again (translated offset behind the
 * committed one); {@code skipped}: records it never reads (translated ahead). Partitions with no translated offset
 * count in {@code untranslatedPartitions}, not in the sums. Measured record by record by {@link ResumePoints}.
 */
public record OffsetTranslation(
        long committed, long translated, long replayed, long skipped, int untranslatedPartitions) {

    public boolean exact() {
        return replayed == 0 && skipped == 0 && untranslatedPartitions == 0;
    }
}
