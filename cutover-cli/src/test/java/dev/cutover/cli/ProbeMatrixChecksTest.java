package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.probe.matrix.ClientMatrix;
import dev.cutover.probe.matrix.MatrixRow;
import dev.cutover.probe.traffic.ProbeArea;
import dev.cutover.probe.traffic.ProbeCheck;
import dev.cutover.probe.traffic.ProbeCheck.Status;
import dev.cutover.probe.traffic.ProbeReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which matrix rows decide a workload's protocol evidence: its own client's, or all when its own is unknown. */
class ProbeMatrixChecksTest {
    private static final ProbeReport PROBE = new ProbeReport(
            "billing",
            "cluster-1",
            "4.3.1",
            Instant.EPOCH,
            10,
            List.of(),
            List.of(ProbeCheck.pass("target answers", ProbeArea.PROTOCOL, "ok")),
            false);
    private static final ClientMatrix.Result MATRIX = new ClientMatrix.Result(
            List.of(
                    new MatrixRow("kafka-clients 0.11.0.3", Map.of(), Status.FAIL, "cannot read zstd", 1),
                    new MatrixRow("kafka-clients 4.3.1", Map.of(), Status.PASS, "ok", 1),
                    new MatrixRow("kcat", Map.of(), Status.PASS, "ok", 1)),
            List.of("__cutover-probe-billing-1-m0"),
            Optional.empty(),
            Map.of("compression.type", "zstd"));

    @Test
    void withItsOwnVersionKnownOnlyThatRowDecidesAndTheOthersAreRecordedBeside() {
        ProbeReport report = ProbeCommand.withMatrix(PROBE, MATRIX, Optional.of("4.3.1"));

        assertThat(report.byArea().get(ProbeArea.PROTOCOL))
                .extracting(ProbeCheck::name)
                .contains("client kafka-clients 4.3.1", "client matrix topics deleted")
                .doesNotContain("client kafka-clients 0.11.0.3", "client kcat");
        assertThat(report.byArea().get(ProbeArea.OTHER_CLIENTS))
                .extracting(ProbeCheck::name, ProbeCheck::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("client kafka-clients 0.11.0.3", Status.FAIL),
                        org.assertj.core.groups.Tuple.tuple("client kcat", Status.PASS));
        assertThat(ProbeReport.areaPassed(report.byArea().get(ProbeArea.PROTOCOL)))
                .isTrue();
        // the run still says a check failed: the table is not hidden
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(ProbeEvidence.details(
                        report,
                        report.byArea().get(ProbeArea.PROTOCOL),
                        report.byArea().get(ProbeArea.OTHER_CLIENTS)))
                .containsKey("otherClient01")
                .hasEntrySatisfying("otherClient01", v -> assertThat(v).contains("0.11.0.3", "fail", "not the"));
    }

    @Test
    void withItsOwnVersionUnknownEveryRowDecides() {
        ProbeReport report = ProbeCommand.withMatrix(PROBE, MATRIX, Optional.empty());

        assertThat(report.byArea()).doesNotContainKey(ProbeArea.OTHER_CLIENTS);
        assertThat(ProbeReport.areaPassed(report.byArea().get(ProbeArea.PROTOCOL)))
                .isFalse();
    }
}
