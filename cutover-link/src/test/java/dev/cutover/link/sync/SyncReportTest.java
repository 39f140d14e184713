package dev.cutover.link.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.sync.SyncReport.Item;
import dev.cutover.link.sync.SyncReport.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the engine reads off a topic sync's report: the topics it cannot copy, and why. */
class SyncReportTest {

    @Test
    void unlinkableTopicsAreTheRefusedAndFailedOnesWithTheirReasons() {
        // Given a report with every kind of outcome
        SyncReport report = new SyncReport(
                "topics",
                false,
                List.of(
                        new Item("ok", Outcome.CREATED, "3 partitions, configs {}"),
                        new Item("same", Outcome.UNCHANGED, ""),
                        new Item("adjusted", Outcome.ADJUSTED, "min.insync.replicas (TARGET_OWNED): ..."),
                        new Item("smaller", Outcome.REFUSED, "the target has 6 partitions, the source 3"),
                        new Item(
                                "big",
                                Outcome.FAILED,
                                "create failed: PolicyViolationException: Unable to perform excessively large"
                                        + " batch operation."),
                        new Item("twice", Outcome.FAILED, "alter configs failed: InvalidConfigurationException: x"),
                        new Item("twice", Outcome.FAILED, "add partitions failed: InvalidPartitionsException: y"),
                        new Item("__consumer_offsets", Outcome.EXCLUDED, "internal")),
                List.of());

        // When / Then
        assertThat(report.unlinkable())
                .containsExactly(
                        java.util.Map.entry(
                                "big",
                                "create failed: PolicyViolationException: Unable to perform excessively large batch"
                                        + " operation."),
                        java.util.Map.entry("smaller", "refused: the target has 6 partitions, the source 3"),
                        java.util.Map.entry(
                                "twice",
                                "alter configs failed: InvalidConfigurationException: x; add partitions failed:"
                                        + " InvalidPartitionsException: y"));
    }

    @Test
    void otherKindsHaveNoUnlinkableTopics() {
        SyncReport acls = new SyncReport(
                "acls", false, List.of(new Item("TOPIC:LITERAL:a ALLOW ...", Outcome.FAILED, "x")), List.of());

        assertThat(acls.unlinkable()).isEmpty();
        assertThat(acls.problem()).isPresent();
    }
}
