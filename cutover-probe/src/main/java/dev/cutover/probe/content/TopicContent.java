package dev.cutover.probe.content;

import java.util.List;

/**
 * One topic's comparison by content over a window.
 *
 * @param sourceRecords records stamped within the window on the source
 * @param targetRecords records stamped within the window on the target
 * @param matched source records of the window found on the target (within the window or its margins)
 * @param onlySource source records of the window the target lacks (and no target record has their key)
 * @param onlyTarget target records of the window the source lacks (and no source record has their key)
 * @param differing records of the window one side holds with a key the other side holds with other content
 * @param compactedAway records of a compacted topic that one side lacks while it holds a later record with their key
 *     (compaction keeps only a key's latest record, and runs on each cluster at its own time): not a divergence
 * @param examples the first few divergences, each saying on which side, where, and what
 */
public record TopicContent(
        String topic,
        long sourceRecords,
        long targetRecords,
        long matched,
        long onlySource,
        long onlyTarget,
        long differing,
        long compactedAway,
        List<String> examples) {
    public TopicContent {
        examples = List.copyOf(examples);
    }

    /** Records one side holds and the other lacks or holds otherwise. */
    public long divergent() {
        return onlySource + onlyTarget + differing;
    }

    /** Whether anything was compared at all (a window without records proves nothing). */
    public boolean compared() {
        return sourceRecords + targetRecords > 0;
    }
}
