package dev.cutover.orchestrator;

import dev.cutover.offsets.OffsetTranslation;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.readiness.plan.CutoverPattern;
import dev.cutover.readiness.plan.Wave;
import java.util.ArrayList;
import java.util.List;

/** What {@code wave run --dry-run} shows of a wave before it runs; reads only, changes nothing. */
public final class WavePreview {
    private final WaveRunner runner;

    WavePreview(WaveRunner runner) {
        this.runner = runner;
    }

    /** What {@code wave run} would move, with each workload's groups, offsets decision and steps; changes nothing. */
    public List<WorkloadMove> moves(String wave, WaveOptions options) {
        Wave w = runner.wave(wave);
        WaveMoves.resolve(
                runner.workspace(),
                w,
                SourceView.NONE); // the runner.workspace()'s mistakes first, before any cluster is asked
        try (WaveClusters clusters = new WaveClusters(runner.workspace(), runner.link(options))) {
            return WaveMoves.resolve(runner.workspace(), w, SourceView.of(clusters.source()));
        }
    }

    /**
     * For {@code --dry-run}: where each group of a translating workload would resume on the target now, partition by
     * partition (the group still runs on the source, so the real move translates later offsets). Reads only.
     */
    public List<String> offsets(List<WorkloadMove> moves, WaveOptions options) {
        List<String> lines = new ArrayList<>();
        List<dev.cutover.orchestrator.journal.JournalEntry> journal =
                Journal.open(runner.workspace().dir(), runner.clock()).entries();
        try (WaveClusters clusters = new WaveClusters(runner.workspace(), runner.link(options))) {
            for (WorkloadMove m : moves) {
                if (m.blocked().isPresent() || m.offsets() != dev.cutover.config.OffsetDecision.TRANSLATE) {
                    continue;
                }
                if (m.dualWrite()) {
                    lines.add(m.name() + " " + String.join(",", m.groups()) + ": placed by content at the move (after"
                            + " the same records on the target; no offset map exists for dual-written topics)");
                    continue;
                }
                for (String group : m.groups()) {
                    var translated =
                            clusters.groupOffsets(journal).translate(group, dev.cutover.offsets.Direction.FORWARD);
                    translated.partitions().forEach(t -> lines.add(m.name() + " " + group + " " + describe(t)));
                }
            }
        }
        return lines;
    }

    /**
     * For {@code --dry-run}: for each producer's topics, where the link's copy of each partition stands and the groups
     * that still read them on the source (whether the move would turn them around). Reads only.
     */
    public List<String> producers(String wave, List<WorkloadMove> moves, WaveOptions options) {
        List<String> lines = new ArrayList<>();
        Wave w = runner.wave(wave);
        try (WaveClusters clusters = new WaveClusters(runner.workspace(), runner.link(options))) {
            List<dev.cutover.orchestrator.journal.JournalEntry> journal =
                    Journal.open(runner.workspace().dir(), runner.clock()).entries();
            var state = dev.cutover.link.lifecycle.LinkDrain.read(
                    clusters.targetProfile(), dev.cutover.link.state.LinkTopics.named(clusters.link()));
            for (WorkloadMove m : moves) {
                if (m.written().isEmpty() || m.blocked().isPresent()) {
                    continue;
                }
                java.util.Set<String> topics = new java.util.TreeSet<>(m.written());
                List<String> readers =
                        new ArrayList<>(SourceReaders.of(clusters.source(), runner.workspace(), journal, topics));
                readers.removeAll(m.groups());
                if (m.dualWrite()) {
                    var copies = DualWrite.linkCopies(runner.workspace(), clusters.link());
                    for (String topic : topics) {
                        lines.add(m.name() + " " + topic + ": written to both clusters; link " + clusters.link()
                                + (copies.test(topic)
                                        ? " copies it: the wave would be refused (exclude it from the link)"
                                        : " does not copy it"));
                    }
                    lines.add(m.name() + ": compare-dual-writes over the last "
                            + options.dualWriteWindow().toSeconds() + " s first; at retire-source, turned around at"
                            + " both sides' ends (readers on the source: " + (readers.isEmpty() ? "none" : readers)
                            + ")");
                    continue;
                }
                boolean reverse = !readers.isEmpty() || w.pattern() != CutoverPattern.ENDPOINT_SWITCH;
                for (String topic : topics) {
                    List<String> copy = state.partitions().entrySet().stream()
                            .filter(e -> e.getKey().topic().equals(topic))
                            .map(e -> e.getKey().partition() + " "
                                    + e.getValue().state().word() + " (copied to "
                                    + e.getValue().replicatedTo() + ")")
                            .toList();
                    lines.add(m.name() + " " + topic + ": link " + clusters.link() + " partitions "
                            + (copy.isEmpty() ? "none: the link does not copy it, the move would be refused" : copy));
                }
                lines.add(m.name() + ": readers on the source " + (readers.isEmpty() ? "none" : readers) + " → "
                        + (reverse
                                ? "turned around: a reverse copy feeds the source from where the producer takes over"
                                : "no reverse copy (endpoint switch)"));
            }
        }
        return lines;
    }

    private static String describe(OffsetTranslation t) {
        if (t instanceof OffsetTranslation.Exact e) {
            return e.partition() + ": committed " + e.committed() + " on the source → " + e.translated()
                    + " on the target (exact)";
        }
        if (t instanceof OffsetTranslation.NotYetReplicated n) {
            return n.partition() + ": committed " + n.committed() + ", the link has copied up to " + n.replicatedUpTo()
                    + " (the move waits for it)";
        }
        if (t instanceof OffsetTranslation.NotCovered n) {
            return n.partition() + ": committed " + n.committed() + ", before what the link covers (" + n.why()
                    + "): the move would be refused";
        }
        OffsetTranslation.NoMap n = (OffsetTranslation.NoMap) t;
        return n.partition() + ": committed " + n.committed() + ", not copied by the link: the move would be refused";
    }
}
