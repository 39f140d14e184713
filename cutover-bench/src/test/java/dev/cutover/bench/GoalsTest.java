package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GoalsTest {
    private static final long RECORDS = 100_000;

    @Test
    void atAThousandPartitionsTheLinkIsJudgedAgainstEveryBaseAndTheHeapBound() {
        // Given a run at 1,000 partitions: the link at 0.95× the write limit, 2.5× MM2 exactly-once, 0.8× the copy
        // loop, retaining 300 MiB
        LinkBenchmark.Result result = result(
                1_000,
                contender(WriteLimitReplicator.NAME, 10.0, 50),
                contender(CopyLoopReplicator.NAME, 8.4, 50),
                contender(MirrorMakerReplicator.EXACTLY_ONCE, 26.25, 50),
                contender(LinkBenchmark.CUTOVER_LINK, 10.5, 300));

        // When the goals are judged
        List<Goals.Goal> goals = Goals.of(result);

        // Then each goal says what it measured and whether that meets it
        assertThat(goals)
                .extracting(Goals.Goal::measured, Goals.Goal::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("0.95×", Goals.Verdict.MET),
                        org.assertj.core.groups.Tuple.tuple("2.50×", Goals.Verdict.MET),
                        org.assertj.core.groups.Tuple.tuple("0.80×", Goals.Verdict.MISSED),
                        org.assertj.core.groups.Tuple.tuple("300 MiB", Goals.Verdict.MISSED));
        assertThat(LinkReport.lines(result))
                .contains("| cutover link ≥ 0.9× copy loop (records/s) | 0.80× | MISSED |")
                .anySatisfy(line -> assertThat(line).startsWith("| cutover link | 9,524 (9,524–9,524) |"));
    }

    @Test
    void atTenThousandPartitionsALinkThatNeverCompletesMissesItsGoalsAndIsReported() {
        // Given a run at 10,000 partitions where the link failed after copying its first record at 42 s
        CopyRun failed = new CopyRun(
                Duration.ofSeconds(300),
                Optional.of(Duration.ofSeconds(42)),
                1_234,
                new HeapSampler.HeapUse(0, 0),
                OptionalLong.empty(),
                1_234,
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.of("copied 1,234 of 100,000 records in 300 s; gave up"));
        LinkBenchmark.Result result = result(
                10_000,
                contender(WriteLimitReplicator.NAME, 10.0, 50),
                contender(MirrorMakerReplicator.EXACTLY_ONCE, 30.0, 50),
                new ContenderResult(LinkBenchmark.CUTOVER_LINK, List.of(failed)));

        // When the goals are judged and the report is made
        List<Goals.Goal> goals = Goals.of(result);
        List<String> report = LinkReport.lines(result);

        // Then the link misses every goal, its start-up is still measured, and the failure is in the report
        assertThat(goals).extracting(Goals.Goal::verdict).containsOnly(Goals.Verdict.MISSED);
        assertThat(goals)
                .filteredOn(g -> g.goal().contains("within 30 s"))
                .singleElement()
                .extracting(Goals.Goal::measured)
                .isEqualTo("42.0 s");
        assertThat(goals).anySatisfy(g -> assertThat(g.goal()).contains("512 MiB"));
        assertThat(report)
                .contains("| cutover link | FAILED | | 42.00 s | | | | | | |")
                .anySatisfy(line -> assertThat(line)
                        .startsWith(
                                "- FAILED: cutover link, run 1, after 300.0 s (first record after 42.00 s, 1,234 of")
                        .endsWith("gave up"));
        assertThat(dev.cutover.inventory.report.ReportFiles.json(LinkReportJson.of(result)))
                .contains("\"completed\" : false")
                .contains("\"heapRetainedBytes\" : null")
                .doesNotContain("NaN");
    }

    @Test
    void defaultsShrinkRecordsAndRunsAtThousandsOfPartitions() {
        assertThat(LinkBenchmark.Options.forPartitions(4))
                .isEqualTo(new LinkBenchmark.Options(1_000_000, 1024, 4, 3, 1));
        assertThat(LinkBenchmark.Options.forPartitions(1_000))
                .isEqualTo(new LinkBenchmark.Options(100_000, 100, 1_000, 1, 1));
        assertThat(LinkBenchmark.Options.forPartitions(10_000))
                .isEqualTo(new LinkBenchmark.Options(1_000_000, 100, 10_000, 1, 1));
        assertThat(LinkBenchmark.Options.forPartitions(10_000).warmup())
                .isEqualTo(new LinkBenchmark.Options(200_000, 100, 16, 1, 0));
    }

    /** One completed run copying {@link #RECORDS} in {@code seconds}, retaining {@code retainedMib}. */
    private static ContenderResult contender(String name, double seconds, long retainedMib) {
        CopyRun run = new CopyRun(
                Duration.ofNanos((long) (seconds * 1e9)),
                Optional.of(Duration.ofMillis(500)),
                RECORDS,
                new HeapSampler.HeapUse(0, 0),
                OptionalLong.of(retainedMib * 1024 * 1024),
                RECORDS,
                true,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        return new ContenderResult(name, List.of(run));
    }

    private static LinkBenchmark.Result result(int partitions, ContenderResult... contenders) {
        return new LinkBenchmark.Result(
                new LinkBenchmark.Options(RECORDS, 100, partitions, 1, 0),
                new Stats("fill the source topic", List.of(Duration.ofSeconds(5))),
                List.of(contenders));
    }
}
