package dev.cutover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The markdown {@code cutover bench link} prints for a {@link LinkBenchmark.Result}. */
public final class LinkReport {

    private LinkReport() {}

    public static List<String> lines(LinkBenchmark.Result result) {
        LinkBenchmark.Options o = result.options();
        long n = o.records();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "## cutover bench link: %,d partitions, %,d records × %,d B", o.partitions(), n, o.valueSize()));
        lines.add("");
        lines.add(String.format(
                "%.0f MB of values; %d run%s after %d warm-up; median (min–max) of completed runs. %s:"
                        + " median %.2f s, %,.0f records/s.",
                o.payloadBytes() / 1e6,
                o.runs(),
                o.runs() == 1 ? "" : "s",
                o.warmups(),
                result.fill().what(),
                Stats.secs(result.fill().median()),
                n / Stats.secs(result.fill().median())));
        lines.add("");
        lines.add("| contender | records/s | MB/s | first record | steady records/s | heap retained | heap peak"
                + " | vs write limit | vs copy loop | vs MM2 exactly-once |");
        lines.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (ContenderResult c : result.contenders()) {
            lines.add(row(result, c, n));
        }
        offsetMaps(result, lines);
        WorkersReport.section(result, lines);
        translations(result, lines);
        lines.add("");
        lines.add("### Goals");
        lines.add("");
        lines.add("| goal | measured | verdict |");
        lines.add("| --- | ---: | --- |");
        for (Goals.Goal g : Goals.of(result)) {
            lines.add(String.format("| %s | %s | %s |", g.goal(), g.measured(), g.verdict()));
        }
        problems(result, n, lines);
        lines.add("");
        lines.add("records/s and MB/s: from start() until the target holds every record, committed (start-up"
                + " included); steady: from the first record on; first record: until the target's read-committed end"
                + " moved. MB = 10^6 bytes of values.");
        lines.add("heap retained: heap used after full GCs while the contender runs, caught up, minus the same just"
                + " before it started (everything in this JVM counts). heap peak: peak heap used during the copy over"
                + " that baseline, garbage included. MiB = 2^20 bytes.");
        lines.add("write limit: a producer alone writing the same records to the target; what no copy can beat here.");
        return lines;
    }

    private static String row(LinkBenchmark.Result result, ContenderResult c, long n) {
        double first = c.medianFirstRecordSeconds();
        String firstText = Double.isNaN(first) ? "–" : String.format("%.2f s", first);
        if (!c.anyCompleted()) {
            return String.format("| %s | FAILED | | %s | | | | | | |", c.name(), firstText);
        }
        double rate = c.medianRate(n);
        // Contenders in worker JVMs of their own: this JVM's heap says nothing about them (see WorkersReport).
        boolean outside = WorkersReport.last(c).isPresent();
        return String.format(
                "| %s | %,.0f (%,.0f–%,.0f) | %.1f | %s | %,.0f | %s | %s | %s | %s | %s |",
                c.name(),
                rate,
                c.minRate(n),
                c.maxRate(n),
                rate * result.options().valueSize() / 1e6,
                firstText,
                c.medianSteadyRate(n),
                outside ? "–" : String.format("%+,.0f MiB", c.medianRetainedMib()),
                outside ? "–" : String.format("%+,.0f MiB", c.medianHeapPeakMib()),
                ratio(rate, result.find(WriteLimitReplicator.NAME), n),
                ratio(rate, result.find(CopyLoopReplicator.NAME), n),
                ratio(rate, result.find(MirrorMakerReplicator.EXACTLY_ONCE), n));
    }

    private static void offsetMaps(LinkBenchmark.Result result, List<String> lines) {
        List<ContenderResult> keepers = result.contenders().stream()
                .filter(c -> c.offsetMap().isPresent())
                .toList();
        if (keepers.isEmpty()) {
            return;
        }
        int partitions = result.options().partitions();
        lines.add("");
        lines.add("### Offset map on the target");
        lines.add("");
        lines.add("| contender | topic | bytes on disk | per partition | records | distinct keys |");
        lines.add("| --- | --- | ---: | ---: | ---: | ---: |");
        for (ContenderResult c : keepers) {
            OffsetMapSize m = c.offsetMap().orElseThrow();
            lines.add(String.format(
                    "| %s | `%s` | %,d | %,.0f | %,d | %,d |",
                    c.name(),
                    m.topic(),
                    m.bytesOnDisk(),
                    (double) m.bytesOnDisk() / partitions,
                    m.records(),
                    m.keys()));
        }
    }

    private static void translations(LinkBenchmark.Result result, List<String> lines) {
        lines.add("");
        lines.add("### Offset translation of " + LinkBenchmark.GROUP + ", committed at half of each partition");
        lines.add("");
        lines.add("| contender | committed | translated | replayed | skipped | partitions not translated |");
        lines.add("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (ContenderResult c : result.contenders()) {
            Optional<OffsetTranslation> t = c.medianTranslation();
            if (t.isEmpty()) {
                continue;
            }
            OffsetTranslation x = t.get();
            lines.add(String.format(
                    "| %s | %,d | %,d | %,d | %,d | %,d |",
                    c.name(), x.committed(), x.translated(), x.replayed(), x.skipped(), x.untranslatedPartitions()));
        }
        lines.add("");
        lines.add("Replayed and skipped are counted record by record (the run with the median sum); contenders not"
                + " listed do not translate offsets.");
    }

    private static void problems(LinkBenchmark.Result result, long n, List<String> lines) {
        List<String> found = new ArrayList<>();
        for (ContenderResult c : result.contenders()) {
            int i = 0;
            for (CopyRun r : c.runs()) {
                i++;
                if (!r.completed()) {
                    found.add(String.format(
                            "- FAILED: %s, run %d, after %.1f s (%s, %,d of %,d records copied%s): %s",
                            c.name(),
                            i,
                            Stats.secs(r.copy()),
                            r.firstRecord()
                                    .map(d -> String.format("first record after %.2f s", Stats.secs(d)))
                                    .orElse("no record on the target"),
                            r.copied(),
                            n,
                            r.retainedBytes().isPresent()
                                    ? String.format(
                                            ", heap retained %+,.0f MiB",
                                            r.retainedBytes().getAsLong() / 1048576.0)
                                    : "",
                            r.failure().orElseThrow()));
                } else if (r.targetRecords() != n || !r.partitionsMatch()) {
                    found.add(String.format(
                            "- WRONG COPY: %s, run %d, left %,d records on the target (expected %,d)%s",
                            c.name(),
                            i,
                            r.targetRecords(),
                            n,
                            r.partitionsMatch() ? "" : ", partition counts differ from the source's"));
                }
            }
        }
        if (!found.isEmpty()) {
            lines.add("");
            lines.add("### Problems");
            lines.add("");
            lines.addAll(found);
        }
    }

    private static String ratio(double rate, Optional<ContenderResult> base, long n) {
        double b = base.map(c -> c.medianRate(n)).orElse(Double.NaN);
        return Double.isNaN(b) ? "–" : String.format("%.2f", rate / b);
    }
}
