package dev.cutover.probe.verify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * What {@code cutover verify} found: the JSON document of {@code --output json} (version {@value #VERSION}, documented
 * in docs/verify.md), field by field.
 *
 * @param version {@value #VERSION}
 * @param kind {@value #KIND}
 * @param link the link whose offset map paired the records
 * @param sample records sampled per partition, or null when every record was compared
 * @param fromTime {@code --from-time} as given (ISO-8601), or null
 * @param proves what a no-difference result of this run proves, in one sentence
 * @param verdict the outcome
 * @param reason why nothing was verified ({@link Verdict#NOTHING_VERIFIED}), else null
 * @param summary the counts over every topic
 * @param topics per topic, sorted by name
 */
public record VerifyReport(
        int version,
        String kind,
        String link,
        Integer sample,
        String fromTime,
        String proves,
        Verdict verdict,
        String reason,
        Counts summary,
        List<TopicResult> topics) {
    public static final int VERSION = 1;
    public static final String KIND = "verify";

    public VerifyReport {
        topics = List.copyOf(topics);
    }

    /** The outcome of a run. */
    public enum Verdict {
        /** Records were compared and none differs. */
        NO_DIFFERENCE,
        /** At least one record is missing, extra or differing. */
        DIFFERENCES,
        /** No record could be compared (no linked topic matched, or the link has committed nothing): see reason. */
        NOTHING_VERIFIED;

        /** As spelled in JSON and Markdown: {@code no-difference}, {@code differences}, {@code nothing-verified}. */
        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** 0 no difference, 1 differences or nothing verified. */
    public int exitCode() {
        return verdict == Verdict.NO_DIFFERENCE ? 0 : 1;
    }

    /**
     * One linked topic.
     *
     * @param compactedSource the source topic's cleanup.policy includes compact
     * @param compactedTarget the target topic's cleanup.policy includes compact
     * @param timestampsCompared false when the target topic's message.timestamp.type is LogAppendTime
     * @param committed how far the link has committed, for people (e.g. "412 of 412 source records' offsets")
     */
    public record TopicResult(
            String topic,
            boolean compactedSource,
            boolean compactedTarget,
            boolean timestampsCompared,
            String committed,
            Counts counts,
            List<PartitionResult> partitions) {
        public TopicResult {
            partitions = List.copyOf(partitions);
        }

        public boolean passed() {
            return counts.differences() == 0 && partitions.stream().anyMatch(p -> p.skipped() == null);
        }
    }

    /**
     * One linked partition.
     *
     * @param committedTo the map's {@code coveredTo}: the link has read and committed the source up to here (exclusive)
     * @param sourceEnd the source's read_committed end offset when verify read it
     * @param sourceFrom first source offset verified, or -1 when skipped
     * @param sourceTo end of the verified source range (exclusive), or -1 when skipped
     * @param targetFrom first target offset verified, or -1 when skipped
     * @param targetTo end of the verified target range (exclusive), or -1 when skipped
     * @param from why the range starts where it does
     * @param mappedRecords source records the map says the link copied in the range
     * @param firstMismatch the first difference, or null
     * @param skipped why the partition was not verified, or null
     */
    public record PartitionResult(
            int partition,
            long committedTo,
            long sourceEnd,
            long sourceFrom,
            long sourceTo,
            long targetFrom,
            long targetTo,
            String from,
            long mappedRecords,
            Counts counts,
            Mismatch firstMismatch,
            String skipped) {}
}
