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
        // schemas move with their topic when a Java 21+ runs the registries (CI has one: CUTOVER_REGISTRY_TESTS), and
        // the
        // demo says in one line that it skipped them otherwise
        if (dev.cutover.sandbox.registry.JavaRuntimes.find(dev.cutover.sandbox.registry.JavaRuntimes.REGISTRY_MINIMUM)
                .runtime()
                .isPresent()) {
            assertThat(r.out())
                    .containsPattern("schemas sync: \\d+ change\\(s\\) on the target registry, 0 refused; ids mapped"
                            + " source → target: \\d+→\\d+")
                    .contains("the link rewrites schema ids to the target's")
                    .containsPattern("orders-avro on the target: 300 records; the schema ids they carry, each resolving"
                            + " on the target registry to the schema of its source id \\(✓\\): .*✓")
                    .doesNotContain("✗");
        } else {
            assertThat(r.out()).contains("schemas: skipped — the schema registries need a Java 21+");
        }
        assertThat(r.out())
                .contains(
                        "[1/11] sandbox",
                        "[2/11] inventory",
                        "[3/11] link",
                        "[4/11] rollback rehearsal",
                        "[5/11] verify and probe",
                        "[6/11] plan and readiness",
                        "[7/11] wave",
                        "[8/11] wave",
                        "[9/11] wave",
                        "[10/11] wave",
                        "[11/11] reports")
                // the same link beyond one machine: its Kafka Connect connector, planned from the workspace
                .containsPattern("beyond one machine, the same link runs on Kafka Connect workers, exactly once with"
                        + " the same offset map: connector cutover-link-default, \\d+ settings, 2 tasks")
                // every linked topic compared record by record, without a difference
                .containsPattern("verify: no-difference: \\d+ linked topic\\(s\\), [\\d,]+ record pair\\(s\\) compared"
                        + " field by field, 0 missing, 0 extra, 0 differing")
                // every workload is probed on the embedded target, and readiness judges its areas on it; a group with
                // no offsets on the target leaves its lag unknown, and says so
                .containsPattern("probe of orders-api: \\d+ check\\(s\\) passed, 0 failed, 0 unknown")
                .containsPattern("probe of payments-service: \\d+ check\\(s\\) passed, 0 failed, 0 unknown")
                .containsPattern("probe of audit-archiver: \\d+ check\\(s\\) passed, 0 failed, 0 unknown")
                .containsPattern("probe of reconciliation: \\d+ check\\(s\\) passed, 0 failed, 1 unknown")
                .contains("unknown: observability: consumer lag of reconciliation on the target: no committed offsets"
                        + " on the target yet")
                .containsPattern("probe of billing: \\d+ check\\(s\\) passed, 0 failed, 0 unknown, \\d+ skipped"
                        + " \\([\\d.]+ s; with its own client properties, and the client-version matrix\\)")
                // billing runs as its own JVM; its way back is rehearsed while it runs: to the target and back, exactly
                .contains("billing runs as its own process")
                .containsPattern(
                        "billing went to the target and back as a running process: pause \\d+ ms there, \\d+ ms"
                                + " back; replayed 0 / 0, skipped 0 / 0")
                .containsPattern("evidence: evidence/\\S+-rollback-billing-rollback-rehearsal-\\S+\\.json")
                // billing, area by area, on the evidence the steps above recorded
                .containsPattern("topics: READY on evidence/\\S+-topics-billing-verify-\\S+\\.json")
                .containsPattern("protocol: READY on evidence/\\S+-protocol-billing-probe-\\S+\\.json")
                .containsPattern("offsets: READY on evidence/\\S+-offsets-billing-offsets-sync-\\S+\\.json")
                .containsPattern("identity: READY on evidence/\\S+-identity-billing-probe-\\S+\\.json")
                .containsPattern("observability: READY on evidence/\\S+-observability-billing-probe-\\S+\\.json")
                .containsPattern("rollback: READY on .*evidence/\\S+-rollback-billing-rollback-rehearsal-\\S+\\.json")
                // one workload READY on evidence cutover produced itself, in every area; the others say what is missing
                .contains("        billing: READY")
                .containsPattern("wave \\S+ \\(consumer-first\\): NOT READY — 1 of 2 workload\\(s\\) ready")
                .containsPattern("audit-archiver: NOT READY \\(PROTO-002 ")
                .doesNotContainPattern("audit-archiver: NOT READY \\(.*PROTO-004")
                // the client-version matrix: four generations of kafka-clients, each in its own class loader, on a
                // probe topic storing zstd as payments does: 0.11 writes but cannot read it, which is not billing's
                // problem (it runs 4.3.1, the inventory says) but would be another 0.11 reader's
                .containsPattern("client kafka-clients 0\\.11\\.0\\.3: fail \\(produce pass, consume fail")
                .contains("Unknown compression type id: 4 (id 4 is zstd")
                .containsPattern("client kafka-clients 2\\.8\\.2: pass \\(produce pass, consume pass, commit pass")
                .containsPattern("client kafka-clients 4\\.3\\.1 \\(billing's own\\): pass")
                .containsPattern("copied \\d+ records of \\d+ topics .*; 0 partition\\(s\\) in error")
                // the link's metrics, from its /metrics endpoint's meters (the estate keeps writing: some lag may show)
                .containsPattern("metrics \\(http://127\\.0\\.0\\.1:\\d+/metrics\\): cutover_link_copied_records_total"
                        + " [1-9]\\d*, [1-9]\\d* partition\\(s\\) caught_up, cutover_link_lag_records \\d+,"
                        + " [1-9]\\d* transaction\\(s\\) committed")
                // and the waves' pauses, as their metrics (read from the journal) give them at the end
                .containsPattern(
                        "cutover_wave_pause_seconds\\{wave=\\S+, workload=billing, direction=forward} \\d+\\.\\d")
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
                .containsPattern("why (linked|consumer-first|producer-first|endpoint-switch|dual-write): \\S+")
                // billing's wave moves, step by step from the journal, with the readiness gate overridden for the
                // nightly audit-archiver (journaled), and ends with where each runs, its pause and replayed / skipped
                .containsPattern("\\[wave-\\d\\] gate: readiness gate overridden \\(--force\\): demo: ")
                .containsPattern("wave wave-\\d: confirmed: every workload runs on the target")
                .containsPattern("\\| billing \\| target \\| \\d+\\.\\d s \\| 0 \\| 0 \\|")
                .containsPattern("\\| audit-archiver \\| target \\| \\d+\\.\\d s \\| 0 \\| 0 \\|")
                .containsPattern(
                        "billing's own log \\(processed.log\\): \\d+ record\\(s\\) processed \\(\\d+ on the source, \\d+"
                                + " on the target\\), 0 of them twice")
                // payments-service's writes move: the link drains payments and turns it around for reconciliation,
                // which
                // stays on the source; both sides and the reader hold each record it wrote once, in order
                .containsPattern("payments-service drain-forward: forward copy of \\[audit.log, payments\\] drained and"
                        + " released at .*; turned around \\(readers on the source: reconciliation\\)")
                .containsPattern("\\| payments-service \\| target \\| \\d+\\.\\d s \\| n/a \\(producer\\) \\|")
                .containsPattern("payments-service's own log \\(processed.log\\): \\d+ record\\(s\\) written and"
                        + " acknowledged \\(\\d+ on the source, [1-9]\\d* on the target\\)")
                .containsPattern("source's payments: holds each of the \\d+ record\\(s\\) once, in order")
                .containsPattern("target's payments: holds each of the \\d+ record\\(s\\) once, in order")
                .containsPattern(
                        "reconciliation \\(on the source all along\\), its own log: of payments-service's records"
                                + " it processed each of the \\d+ record\\(s\\) once, in order")
                // order-stats, a Kafka Streams application, moves with its state: its writes (outputs, changelogs,
                // repartition topics) drained and turned around, its positions exact; its outputs on both clusters
                // hold exactly the counts computed from the orders
                .containsPattern(
                        "\\[wave-streams\\] order-stats drain-forward: forward copy of \\[order-stats-by-customer-repartition,"
                                + " order-stats-by-region-repartition, order-stats-counts-changelog, order-stats-regions-changelog,"
                                + " order-stats.counts, order-stats.regions\\] drained and released")
                .containsPattern("\\[wave-streams\\] order-stats offsets: positions translated exactly to the target,"
                        + " \\d+ partition\\(s\\): 0 replayed, 0 skipped")
                .containsPattern("wave wave-streams: confirmed: every workload runs on the target")
                .containsPattern("\\| order-stats \\| target \\| \\d+\\.\\d s \\| 0 \\| 0 \\|")
                .containsPattern("target's outputs: each of the [1-9]\\d* order\\(s\\) counted exactly once")
                .containsPattern("source's outputs: each of the [1-9]\\d* order\\(s\\) counted exactly once")
                // invoicing-service writes both clusters; its wave compares them by content, moves ledger by
                // content and retires the source writes; both sides and ledger hold each record once, in order
                .containsPattern("\\[wave-dual-write\\] compare-dual-writes: dual writes agree: the same [1-9]\\d*"
                        + " record\\(s\\) on both sides")
                .containsPattern("\\[wave-dual-write\\] ledger offsets: positions placed exactly on the target after"
                        + " the same records, 3 partition\\(s\\): 0 replayed, 0 skipped")
                .containsPattern("\\[wave-dual-write\\] invoicing-service retire-source: writes to the source retired")
                .containsPattern("wave wave-dual-write: confirmed: every workload runs on the target")
                .containsPattern("\\| ledger \\| target \\| \\d+\\.\\d s \\| 0 \\| 0 \\|")
                .containsPattern("source's invoices: holds each of the \\d+ record\\(s\\) once, in order")
                .containsPattern("target's invoices: holds each of the \\d+ record\\(s\\) once, in order")
                .containsPattern("ledger \\(moved by content, no offset map\\), its own log: of invoicing-service's"
                        + " records it processed each of the \\d+ record\\(s\\) once, in order");
        assertThat(workspace.resolve("plan.yaml")).isNotEmptyFile();
        assertThat(workspace.resolve("reports/inventory.html")).isNotEmptyFile();
        assertThat(workspace.resolve("reports/readiness.html")).isNotEmptyFile();
        assertThat(Files.readString(workspace.resolve("reports/inventory.md")))
                .contains("## Findings", "payments-service-tx", "Hard-coded bootstrap addresses")
                // the estate's Kafka Streams application, linked to its input, store and changelog
                .contains("## Stateful applications", "`orders-analytics`", "`order-counts-store`")
                .doesNotContain("demo-only-not-a-real-secret", "demo-only-truststore-secret");
    }
}
