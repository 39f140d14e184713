package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.registry.JavaRuntimes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code bench link --schema-ids}, tiny: two real registries whose ids for the benchmark's schema differ, every source
 * value in wire format, and the link rewriting ids as a contender beside the copy loop. A record the gate did not clear
 * would hold its partition back, so a complete copy shows every value passed it. Never how fast.
 */
class SchemaIdsBenchIT {
    private static final int RECORDS = 5_000;

    @Test
    void theLinkRewritingSchemaIdsCopiesEveryWireFormatRecordBesideTheCopyLoop() throws Exception {
        // as the testkit's registry fixture: skipped without a Java 21+, failed when CUTOVER_REGISTRY_TESTS=required
        JavaRuntimes.Search java = JavaRuntimes.find(JavaRuntimes.REGISTRY_MINIMUM);
        if (java.runtime().isEmpty()) {
            String why = "the schema registries need a Java 21+: " + java.whyNot();
            if ("required".equalsIgnoreCase(System.getenv("CUTOVER_REGISTRY_TESTS"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        StringWriter progress = new StringWriter();
        LinkBenchmark.Result result;
        try (SchemaIdsBench schemas = SchemaIdsBench.start(new PrintWriter(progress))) {
            assertThat(schemas.targetId()).isNotEqualTo(schemas.sourceId());
            LinkBenchmark.Contenders lineup = LinkBenchmark.Contenders.of(
                            (props, id, timeout) -> "fresh link", EnumSet.of(LinkBenchmark.Contender.COPY_LOOP))
                    .and(schemas.replicator((props, id, timeout) -> "fresh link"));
            result = new LinkBenchmark(new PrintWriter(progress), lineup, schemas.sourceId())
                    .run(new LinkBenchmark.Options(RECORDS, 100, 2, 1, 0));
        }
        System.out.println(progress);
        List<String> report = LinkReport.lines(result);
        report.forEach(System.out::println);

        CopyRun run = result.contender(LinkBenchmark.CUTOVER_LINK + " + schema ids rewritten")
                .runs()
                .get(0);
        assertThat(run.failure()).isEmpty();
        assertThat(run.copied()).isEqualTo(RECORDS);
        assertThat(run.targetRecords()).isEqualTo(RECORDS);
        assertThat(run.partitionsMatch()).isTrue();
        assertThat(result.contender(CopyLoopReplicator.NAME).runs().get(0).copied())
                .isEqualTo(RECORDS);
        assertThat(progress.toString()).contains("schema registries started, schema id");
    }
}
