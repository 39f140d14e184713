package dev.cutover.readiness.areas;

import dev.cutover.config.WorkloadManifest;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.sample.RecordSamples;
import dev.cutover.readiness.evidence.Freshness;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the rules decide from: the source's inventory (with {@code workloads.yaml} merged in), a scan of the
 * target, how both are reached, the manifest, the evidence (already judged fresh or stale), the time, and the record
 * sizes (and schema ids) sampled from the tails of the source topics the assessed workloads use, and the schema
 * registries' contract ({@link SchemaContract#none()} when neither profile names a registry).
 */
public record ReadinessInput(
        InventoryReport source,
        ClusterInventory target,
        Endpoints endpoints,
        WorkloadManifest manifest,
        List<Freshness.Assessed> evidence,
        Instant now,
        RecordSamples samples,
        SchemaContract schemas) {
    public ReadinessInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(manifest, "manifest");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(schemas, "schemas");
    }

    /** Without schema registries. */
    public ReadinessInput(
            InventoryReport source,
            ClusterInventory target,
            Endpoints endpoints,
            WorkloadManifest manifest,
            List<Freshness.Assessed> evidence,
            Instant now,
            RecordSamples samples) {
        this(source, target, endpoints, manifest, evidence, now, samples, SchemaContract.none());
    }

    /** Without record-size samples: the topic rules compare {@code max.message.bytes} limits only. */
    public ReadinessInput(
            InventoryReport source,
            ClusterInventory target,
            Endpoints endpoints,
            WorkloadManifest manifest,
            List<Freshness.Assessed> evidence,
            Instant now) {
        this(source, target, endpoints, manifest, evidence, now, RecordSamples.none());
    }

    public ReadinessInput withSamples(RecordSamples samples) {
        return new ReadinessInput(source, target, endpoints, manifest, evidence, now, samples, schemas);
    }

    public ReadinessInput withSchemas(SchemaContract schemas) {
        return new ReadinessInput(source, target, endpoints, manifest, evidence, now, samples, schemas);
    }

    /** How reports refer to the target scan as evidence. */
    public String targetScan() {
        return "target " + target.cluster().clusterId() + " scanned " + target.scannedAt();
    }
}
