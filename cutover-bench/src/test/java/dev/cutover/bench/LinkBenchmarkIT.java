package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole benchmark, tiny: checks that it runs, copies correctly and reports every figure, never how fast. */
class LinkBenchmarkIT {
    private static final int RECORDS = 4_000;
    private static final int PARTITIONS = 6;

    @Test
    void everyContenderCopiesTheWholeTopicAndIsMeasured() throws Exception {
        // Given a tiny benchmark: a few partitions, a few thousand small records, one run
        StringWriter progress = new StringWriter();
        LinkBenchmark.Options options = new LinkBenchmark.Options(RECORDS, 100, PARTITIONS, 1, 0);

        // When it runs
        LinkBenchmark.Result result = new LinkBenchmark(
                        new PrintWriter(progress),
                        LinkBenchmark.Contenders.standard((props, id, timeout) -> "fresh link"))
                .run(options);
        List<String> report = LinkReport.lines(result);
        System.out.println(progress);
        report.forEach(System.out::println);

        // Then every contender, the write limit and MirrorMaker 2 exactly-once included, copied exactly every record,
        // partition by partition, and was timed, with its start-up and the heap it retained
        for (String name : List.of(
                WriteLimitReplicator.NAME,
                CopyLoopReplicator.NAME,
                MirrorMakerReplicator.DEFAULTS,
                MirrorMakerReplicator.TUNED,
                MirrorMakerReplicator.EXACTLY_ONCE,
                LinkBenchmark.CUTOVER_LINK,
                LinkBenchmark.CUTOVER_LINK + " + metrics")) {
            ContenderResult contender = result.contender(name);
            assertThat(contender.runs()).hasSize(1);
            CopyRun run = contender.runs().get(0);
            assertThat(run.failure()).as(name).isEmpty();
            assertThat(run.targetRecords()).as(name).isEqualTo(RECORDS);
            assertThat(run.partitionsMatch()).as(name).isTrue();
            assertThat(contender.medianRate(RECORDS)).as(name).isPositive();
            assertThat(run.firstRecord())
                    .as(name)
                    .hasValueSatisfying(first -> assertThat(first).isPositive().isLessThanOrEqualTo(run.copy()));
            assertThat(run.retainedBytes()).as(name).isPresent();
            assertThat(report).as(name).anySatisfy(line -> assertThat(line).startsWith("| " + name + " | "));
        }
        // And MirrorMaker 2 translated the group's offsets, the copy loop and the write limit did not
        assertThat(result.contender(MirrorMakerReplicator.DEFAULTS).medianTranslation())
                .hasValueSatisfying(t -> assertThat(t.committed()).isPositive());
        assertThat(result.contender(MirrorMakerReplicator.EXACTLY_ONCE).medianTranslation())
                .hasValueSatisfying(t -> assertThat(t.untranslatedPartitions()).isZero());
        assertThat(result.contender(CopyLoopReplicator.NAME).medianTranslation())
                .isEmpty();
        assertThat(result.contender(WriteLimitReplicator.NAME).medianTranslation())
                .isEmpty();
        // And the cutover link moved the group exactly: nothing replayed, nothing skipped, every partition translated
        ContenderResult link = result.contender(LinkBenchmark.CUTOVER_LINK);
        assertThat(link.medianTranslation()).hasValueSatisfying(t -> {
            assertThat(t.committed()).isPositive();
            assertThat(t.replayed()).isZero();
            assertThat(t.skipped()).isZero();
            assertThat(t.untranslatedPartitions()).isZero();
        });
        // And its offset map was measured on the target: bytes on disk and records, one key per partition at least
        assertThat(link.offsetMap()).hasValueSatisfying(map -> {
            assertThat(map.topic()).startsWith("__cutover.bench-").endsWith(".offsets");
            assertThat(map.bytesOnDisk()).isPositive();
            assertThat(map.keys()).isGreaterThanOrEqualTo(PARTITIONS);
            assertThat(map.records()).isGreaterThanOrEqualTo(map.keys());
        });
        assertThat(result.contender(CopyLoopReplicator.NAME).offsetMap()).isEmpty();
        // And the report judges every goal that applies at this size, against the write limit and MM2 exactly-once
        assertThat(Goals.of(result))
                .extracting(Goals.Goal::goal)
                .anySatisfy(g -> assertThat(g).contains(WriteLimitReplicator.NAME))
                .anySatisfy(g -> assertThat(g).contains(MirrorMakerReplicator.EXACTLY_ONCE))
                .anySatisfy(g -> assertThat(g).contains("256 MiB"));
        assertThat(Goals.of(result)).allSatisfy(g -> assertThat(g.verdict()).isNotEqualTo(Goals.Verdict.UNKNOWN));
        assertThat(report).contains("### Goals", "### Offset map on the target");
        assertThat(report).noneSatisfy(line -> assertThat(line).contains("WRONG COPY"));
        assertThat(report).noneSatisfy(line -> assertThat(line).contains("FAILED"));
        // And the JSON document carries the same figures
        String json = dev.cutover.inventory.report.ReportFiles.json(LinkReportJson.of(result));
        assertThat(json)
                .contains("\"kind\" : \"bench-link\"")
                .contains("\"name\" : \"" + MirrorMakerReplicator.EXACTLY_ONCE + "\"")
                .contains("\"heapRetainedMib\"")
                .contains("\"bytesOnDisk\"")
                .doesNotContain("NaN");
    }
}
