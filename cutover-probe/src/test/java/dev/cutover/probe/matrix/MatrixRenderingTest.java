package dev.cutover.probe.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.probe.traffic.ProbeCheck;
import dev.cutover.probe.traffic.ProbeCheck.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixRenderingTest {

    @Test
    void kcatNotInstalledIsSkippedNeverAPassAndAFailedClientFailsTheRun(@TempDir Path empty) {
        // Given no kcat on an empty PATH, a passing, a skipped and a failed row
        assertThat(KcatRun.find(empty.toString())).isEmpty();
        MatrixRow passed = new MatrixRow(
                "kafka-clients 2.8.2",
                Map.of(
                        MatrixCheck.PRODUCE, Status.PASS,
                        MatrixCheck.CONSUME, Status.PASS,
                        MatrixCheck.COMMIT, Status.PASS,
                        MatrixCheck.HEADERS, Status.PASS),
                Status.PASS,
                "all checks passed",
                700);
        MatrixRow kcat = new MatrixRow("kcat", Map.of(), Status.SKIPPED, "not installed: kcat is not on the PATH", 0);
        MatrixRow old = ClientMatrix.failed(
                new ClientSpec.KafkaJava("0.10.2.2"),
                "0.10.2.2: the broker closed the connection while producing",
                System.nanoTime());
        var result = new ClientMatrix.Result(
                List.of(passed, kcat, old), List.of("__cutover-probe-w-1-m0"), Optional.empty(), Map.of());

        // When
        List<ProbeCheck> checks = MatrixRendering.checks(result);
        String md = MatrixRendering.markdown(result.rows());

        // Then
        assertThat(checks)
                .extracting(ProbeCheck::name, ProbeCheck::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("client kafka-clients 2.8.2", Status.PASS),
                        org.assertj.core.groups.Tuple.tuple("client kcat", Status.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("client kafka-clients 0.10.2.2", Status.FAIL),
                        org.assertj.core.groups.Tuple.tuple("client matrix topics deleted", Status.PASS));
        assertThat(checks.get(2).details())
                .matches("produce fail, consume unknown, commit unknown, headers unknown \\(\\d+ ms\\): 0\\.10\\.2\\.2:"
                        + " the broker closed the connection while producing");
        assertThat(md)
                .contains("| client | produce | consume | commit | headers | result | ms | details |")
                .contains("| kafka-clients 2.8.2 | pass | pass | pass | pass | pass | 700 | all checks passed |")
                .contains("| kcat | - | - | - | - | skipped | 0 | not installed: kcat is not on the PATH |");
        assertThat(MatrixRendering.json(result.rows())
                        .get(1)
                        .get("checks")
                        .get("produce")
                        .asText())
                .isEqualTo("skipped");
    }
}
