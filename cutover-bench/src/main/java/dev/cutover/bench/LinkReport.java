package dev.cutover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lines {@code cutover bench link} prints for a {@link LinkBenchmark.Result}. */
public final class LinkReport {

    private LinkReport() {}

    public static List<String> lines(LinkBenchmark.Result result) {
        LinkBenchmark.Options o = result.options();
        long n = o.records();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "%,d records × %,d B (%.0f MB of values), %d partitions, %d run%s after %d warm-up; median (min–max)",
                n,
                o.valueSize(),
                o.payloadBytes() / 1e6,
                o.partitions(),
                o.runs(),
                o.runs() == 1 ? "" : "s",
                o.warmups()));
        lines.add(result.fill().line()
                + String.format(
                        "  %,.0f records/s", n / Stats.secs(result.fill().median())));
        lines.add("");
        lines.add(String.format(
                "%-24s %-30s %8s %9s %10s %-16s %8s %8s",
                "contender", "records/s", "MB/s", "1st rec", "steady/s", "heap Δ MB", "vs copy", "vs MM2t"));
        Optional<ContenderResult> copyLoop = find(result, CopyLoopReplicator.NAME);
        Optional<ContenderResult> mm2Tuned = find(result, MirrorMakerReplicator.TUNED);
        for (ContenderResult c : result.contenders()) {
            if (!c.available()) {
                lines.add(String.format("%-24s %s", c.name(), c.note()));
                continue;
            }
            double rate = c.medianRate(n);
            lines.add(String.format(
                    "%-24s %-30s %8.1f %7.2f s %10s %-16s %8s %8s",
                    c.name(),
                    String.format("%,.0f (%,.0f–%,.0f)", rate, c.minRate(n), c.maxRate(n)),
                    rate * o.valueSize() / 1e6,
                    c.medianFirstRecordSeconds(),
                    String.format("%,.0f", c.medianSteadyRate(n)),
                    String.format("+%,.0f (+%,.0f)", c.medianHeapMb(), c.medianHeapAfterGcMb()),
                    ratio(rate, copyLoop, n),
                    ratio(rate, mm2Tuned, n)));
        }
        lines.add("");
        lines.add(
                "Offset translation of " + LinkBenchmark.GROUP + ", committed at half of each partition (median run):");
        for (ContenderResult c : result.contenders()) {
            if (!c.available()) {
                continue;
            }
            lines.add(String.format("  %-24s %s", c.name(), translation(c)));
        }
        lines.add("");
        for (ContenderResult c : result.contenders()) {
            for (CopyRun r : c.runs()) {
                if (r.targetRecords() != n || !r.partitionsMatch()) {
                    lines.add(String.format(
                            "WRONG COPY: %s left %,d records on the target (expected %,d)%s",
                            c.name(),
                            r.targetRecords(),
                            n,
                            r.partitionsMatch() ? "" : ", partition counts differ from the source's"));
                }
            }
        }
        lines.add("records/s and MB/s count from start() until the target holds every record (start-up included);"
                + " steady/s from the first record on. MB = 10^6 bytes of values.");
        lines.add("heap Δ: peak MemoryMXBean heap used in this JVM during the copy minus the value before it,"
                + " approximate (garbage included); in brackets the same for heap left after GCs.");
        return lines;
    }

    private static String translation(ContenderResult c) {
        Optional<OffsetTranslation> t = c.medianTranslation();
        if (t.isEmpty()) {
            return "n/a (does not translate offsets)";
        }
        OffsetTranslation x = t.get();
        String s = String.format(
                "committed %,d → translated %,d: %,d replayed, %,d skipped",
                x.committed(), x.translated(), x.replayed(), x.skipped());
        if (x.untranslatedPartitions() > 0) {
            s += String.format(", %d partition(s) not translated", x.untranslatedPartitions());
        }
        List<String> all = c.runs().stream()
                .flatMap(r -> r.translation().stream())
                .map(r -> String.format("%,d/%,d", r.replayed(), r.skipped()))
                .toList();
        return all.size() > 1 ? s + "  (replayed/skipped per run: " + String.join(", ", all) + ")" : s;
    }

    private static Optional<ContenderResult> find(LinkBenchmark.Result result, String name) {
        return result.contenders().stream()
                .filter(c -> c.name().equals(name) && c.available())
                .findFirst();
    }

    private static String ratio(double rate, Optional<ContenderResult> base, long n) {
        return base.map(b -> String.format("%.2f", rate / b.medianRate(n))).orElse("n/a");
    }
}
