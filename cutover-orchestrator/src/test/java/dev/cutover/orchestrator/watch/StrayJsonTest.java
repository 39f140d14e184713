package dev.cutover.orchestrator.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lead journals baselines and reports as JSON: they must survive the round trip unchanged, in a stable order. */
class StrayJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBaselineRoundTripsThroughJsonInAStableOrder() throws Exception {
        StrayBaseline baseline = new StrayBaseline(
                "source",
                1_700_000_000_000L,
                List.of("billing"),
                Map.of("billing", Map.of("bills-1", 4L, "bills-0", 3L)),
                Map.of(
                        "payments",
                        ExpectedWriters.transactionalIds("cutover-link-reverse"),
                        "audit",
                        ExpectedWriters.none()),
                Map.of("payments", 1, "audit", 1),
                Map.of("payments-0", 10L, "audit-0", 0L),
                Map.of("payments-0", List.of(new ProducerMark(7, 0, 9, 1_700_000_000_000L))),
                List.of("active producers of audit-0: refused"));

        String text = JSON.writeValueAsString(baseline);
        StrayBaseline back = JSON.readValue(text, StrayBaseline.class);

        assertThat(back).isEqualTo(baseline);
        assertThat(text)
                .contains("\"bills-0\":3,\"bills-1\":4")
                .contains("\"audit\":{")
                .doesNotContain("nobody");
        assertThat(JSON.writeValueAsString(back)).isEqualTo(text);
    }

    @Test
    void aReportRoundTripsThroughJson() throws Exception {
        StrayReport report = new StrayReport(
                1L,
                List.of(new StrayClient(
                        StrayKind.SOURCE_MEMBER,
                        "billing",
                        "billing-app",
                        "/10.0.0.7",
                        StrayClient.UNKNOWN,
                        "member m")),
                List.of(new NotChecked(StrayKind.BOTH_SIDES, "billing", "no connection to the target")));

        String text = JSON.writeValueAsString(report);

        assertThat(JSON.readValue(text, StrayReport.class)).isEqualTo(report);
        assertThat(text).doesNotContain("\"clean\"").doesNotContain("\"lines\"");
        assertThat(report.lines())
                .containsExactly(
                        "group 'billing' still has a member on the source: member m [client id billing-app, host"
                                + " /10.0.0.7, principal unknown]",
                        "could not check BOTH_SIDES for billing: no connection to the target");
    }
}
