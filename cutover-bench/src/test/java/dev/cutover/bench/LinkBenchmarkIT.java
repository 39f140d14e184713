package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole benchmark, tiny: checks that it runs and copies correctly, never how fast. */
class LinkBenchmarkIT {

    @Test
    void everyContenderCopiesTheWholeTopic() throws Exception {
        // Given a tiny benchmark
        StringWriter progress = new StringWriter();
        LinkBenchmark.Options options = new LinkBenchmark.Options(20_000, 100, 4, 1, 0);

        // When it runs
        LinkBenchmark.Result result = new LinkBenchmark(
                        new PrintWriter(progress),
                        LinkBenchmark.Contenders.standard((props, id, timeout) -> "fresh link"))
                .run(options);
        List<String> report = LinkReport.lines(result);

        // Then every contender copied exactly every record, partition by partition
        for (String name : List.of(
                CopyLoopReplicator.NAME,
                MirrorMakerReplicator.DEFAULTS,
                MirrorMakerReplicator.TUNED,
                LinkBenchmark.CUTOVER_LINK)) {
            ContenderResult contender = result.contender(name);
            assertThat(contender.runs()).hasSize(1);
            CopyRun run = contender.runs().get(0);
            assertThat(run.targetRecords()).as(name).isEqualTo(20_000);
            assertThat(run.partitionsMatch()).as(name).isTrue();
            assertThat(contender.medianRate(20_000)).as(name).isPositive();
            assertThat(report).as(name).anySatisfy(line -> assertThat(line).startsWith(name + " "));
        }
        // And MirrorMaker 2 translated the group's offsets, the copy loop did not
        assertThat(result.contender(MirrorMakerReplicator.DEFAULTS).medianTranslation())
                .hasValueSatisfying(t -> assertThat(t.committed()).isPositive());
        assertThat(result.contender(CopyLoopReplicator.NAME).medianTranslation())
                .isEmpty();
        // And the cutover link moved the group exactly: nothing replayed, nothing skipped, every partition translated
        assertThat(result.contender(LinkBenchmark.CUTOVER_LINK).medianTranslation())
                .hasValueSatisfying(t -> {
                    assertThat(t.committed()).isPositive();
                    assertThat(t.replayed()).isZero();
                    assertThat(t.skipped()).isZero();
                    assertThat(t.untranslatedPartitions()).isZero();
                });
        assertThat(report).noneSatisfy(line -> assertThat(line).contains("WRONG COPY"));
    }
}
