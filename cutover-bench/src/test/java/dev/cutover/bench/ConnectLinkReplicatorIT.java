package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The link on one real Kafka Connect worker (a child JVM on this one's class path, the connector found there) as a
 * benchmark contender, tiny: it copies every record, is timed and counted on the target, and its worker is measured.
 * Never how fast.
 */
class ConnectLinkReplicatorIT {
    private static final int RECORDS = 20_000;
    private static final int PARTITIONS = 4;

    @Test
    void theLinkOnOneConnectWorkerCopiesTheWholeTopicAndIsMeasured() throws Exception {
        // Given a small benchmark with only the Connect contender, one worker
        StringWriter progress = new StringWriter();
        LinkBenchmark.Contenders connect = ContenderChoice.parse(List.of("connect-1"), false, OptionalInt.empty())
                .contenders(
                        (props, id, timeout) -> "fresh link",
                        OptionalInt.empty(),
                        "512m",
                        ConnectLinkReplicator.Producer.LINK);

        // When it runs
        LinkBenchmark.Result result = new LinkBenchmark(new PrintWriter(progress), connect)
                .run(new LinkBenchmark.Options(RECORDS, 100, PARTITIONS, 1, 0));
        List<String> report = LinkReport.lines(result);
        System.out.println(progress);
        report.forEach(System.out::println);

        // Then it copied exactly every record, partition by partition, and was timed from the connector's submission
        String name = ConnectLinkReplicator.name(1);
        ContenderResult contender = result.contender(name);
        CopyRun run = contender.runs().get(0);
        assertThat(run.failure()).isEmpty();
        assertThat(run.copied()).isEqualTo(RECORDS);
        assertThat(run.targetRecords()).isEqualTo(RECORDS);
        assertThat(run.partitionsMatch()).isTrue();
        assertThat(contender.medianRate(RECORDS)).isPositive();
        assertThat(run.firstRecord())
                .hasValueSatisfying(first -> assertThat(first).isPositive().isLessThanOrEqualTo(run.copy()));
        // And its worker was measured: started before the clock, its memory, its tasks' writes and transactions
        assertThat(run.workers()).hasValueSatisfying(w -> {
            assertThat(w.ready()).isPositive();
            assertThat(w.maxHeap()).isEqualTo("512m");
            assertThat(w.tasksMax()).isEqualTo(PARTITIONS);
            assertThat(w.workers()).singleElement().satisfies(worker -> {
                assertThat(worker.rssBytes().orElseThrow()).isPositive();
                assertThat(worker.peakRssBytes().orElseThrow()).isPositive();
                assertThat(worker.heapUsedBytes().orElseThrow()).isPositive();
                assertThat(worker.cpu())
                        .hasValueSatisfying(cpu -> assertThat(cpu).isPositive());
            });
            assertThat(w.tasks()).isEqualTo(PARTITIONS);
            long written = w.workers().get(0).tasks().stream()
                    .mapToLong(WorkerFigures.Task::recordsWritten)
                    .sum();
            assertThat(written).as("copies and checkpoint records").isGreaterThanOrEqualTo(RECORDS);
        });
        // And the group moved exactly through the link's stored maps, which were measured
        assertThat(contender.medianTranslation()).hasValueSatisfying(t -> {
            assertThat(t.committed()).isPositive();
            assertThat(t.replayed()).isZero();
            assertThat(t.skipped()).isZero();
            assertThat(t.untranslatedPartitions()).isZero();
        });
        assertThat(contender.offsetMap())
                .hasValueSatisfying(map -> assertThat(map.topic()).startsWith("__cutover.bench-connect-"));
        // And the report says so, in markdown and JSON
        assertThat(report)
                .contains("### Kafka Connect workers")
                .anySatisfy(line -> assertThat(line).startsWith("| " + name + " | "))
                .noneSatisfy(line -> assertThat(line).contains("FAILED"));
        assertThat(dev.cutover.inventory.report.ReportFiles.json(LinkReportJson.of(result)))
                .contains("\"readySeconds\"", "\"rssBytes\"", "\"cpuSeconds\"", "\"transactionSizeAvg\"")
                .doesNotContain("NaN");
    }
}
