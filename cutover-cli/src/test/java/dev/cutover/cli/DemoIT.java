package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoIT {

    @Test
    void demoRunsTheWholeFlowAndExitsZero(@TempDir Path dir) throws Exception {
        Path workspace = dir.resolve("demo");

        Cli.Result r = Cli.run("demo", "--workspace", workspace.toString());

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out())
                .contains(
                        "[1/6] sandbox",
                        "[2/6] inventory",
                        "[3/6] link",
                        "[4/6] verify and probe",
                        "[5/6] plan and readiness",
                        "[6/6] reports")
                // every linked topic compared record by record, without a difference
                .containsPattern("verify: no-difference: \\d+ linked topic\\(s\\), [\\d,]+ record pair\\(s\\) compared"
                        + " field by field, 0 missing, 0 extra, 0 differing")
                // the probe passes on the embedded target but for its broker metrics (the sandbox's JMX carries
                // each cluster's Kafka metrics, not the JVM-wide request meters), and readiness judges its areas on it
                .containsPattern(
                        "probe of audit-archiver on the target .*: \\d+ check\\(s\\) passed, 1 failed, 0 unknown")
                .containsPattern("fail: observability: target broker metrics readable: JMX at \\S+ answers but exports"
                        + " no kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec")
                .containsPattern(
                        "audit-archiver: topics READY on evidence/\\S+-topics-audit-archiver-verify-\\S+\\.json")
                .containsPattern(
                        "audit-archiver: protocol (READY|NOT READY) on evidence/\\S+-protocol-audit-archiver-probe-\\S+\\.json")
                .doesNotContainPattern("audit-archiver: NOT READY \\(.*PROTO-004")
                // the client-version matrix: four generations of kafka-clients, each in its own class loader
                .containsPattern("client kafka-clients 0\\.11\\.0\\.3: pass \\(produce pass, consume pass, commit pass")
                .containsPattern("client kafka-clients 4\\.3\\.1: pass")
                .containsPattern("copied \\d+ records of \\d+ topics .*; 0 partition\\(s\\) in error")
                .containsPattern(
                        "offsets sync: group audit-archiver on audit.log-0: committed \\d+ on the source -> \\d+ on the target")
                .contains("8 owned workloads (5 seen, 2 not seen, 1 not observable)")
                .contains("INV-001 workload reconciliation")
                .containsPattern(
                        "wave \\S+ \\([a-z-]+\\): NOT READY — \\d+ of \\d+ workload\\(s\\) ready, \\d+ finding\\(s\\)")
                .containsPattern("orders-analytics: NOT READY \\(.*ROLLBACK-001")
                // the group it moved is judged on the evidence of that move
                .containsPattern("evidence: evidence/\\S+-offsets-audit-archiver-offsets-sync-")
                .containsPattern(
                        "audit-archiver: offsets READY on evidence/\\S+-offsets-audit-archiver-offsets-sync-\\S+\\.json")
                .doesNotContainPattern("audit-archiver: NOT READY \\(.*OFFSET-004")
                .containsPattern("why (linked|consumer-first|producer-first|endpoint-switch|dual-write): \\S+");
        assertThat(workspace.resolve("plan.yaml")).isNotEmptyFile();
        assertThat(workspace.resolve("reports/inventory.html")).isNotEmptyFile();
        assertThat(workspace.resolve("reports/readiness.html")).isNotEmptyFile();
        assertThat(Files.readString(workspace.resolve("reports/inventory.md")))
                .contains("## Findings", "payments-service-tx", "Hard-coded bootstrap addresses")
                .doesNotContain("demo-only-not-a-real-secret", "demo-only-truststore-secret");
    }
}
