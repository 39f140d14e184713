package dev.cutover.readiness.plan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.InputFiles;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.Inventory;
import dev.cutover.inventory.InventoryFindings;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.files.ConfigScanResult;
import dev.cutover.inventory.workloads.WorkloadMerge;
import dev.cutover.inventory.workloads.WorkloadMerger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Where the planner's input comes from: a live inventory of a profile, or a saved {@code inventory.json}. */
public final class PlanInputs {
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanInputs() {}

    /** Takes the inventory of {@code profile} now (read-only), as {@code cutover inventory} does, without files. */
    /**
     * A saved inventory is larger than a workspace file (it lists every topic, group and scanned file), but still
     * bounded: an estate of 100,000 scanned files writes under 100 MiB.
     */
    static final long MAX_INVENTORY_BYTES = 256L * 1024 * 1024;

    public static PlanInput live(Workspace workspace, String profile, Clock clock) {
        InventoryReport report = new Inventory(clock).take(new Inventory.Request(workspace, profile, List.of()));
        return new PlanInput(report, workspace.workloads());
    }

    /**
     * Reads a saved {@code inventory.json} (schema version 1) and matches the workspace's current {@code
     * workloads.yaml} against its cluster scan and config scan again, so manifest edits made since count. Client
     * software attribution (JMX) is not reused.
     */
    public static PlanInput saved(Path inventoryJson, Workspace workspace) {
        try {
            JsonNode root = JSON.readTree(InputFiles.readBytes(inventoryJson, MAX_INVENTORY_BYTES));
            int schema = root.path("schemaVersion").asInt(-1);
            if (schema != InventoryReport.SCHEMA_VERSION || !root.hasNonNull("cluster")) {
                throw new CutoverException(
                        Reason.CONFIG_INVALID,
                        inventoryJson + " is not an inventory report of schema version "
                                + InventoryReport.SCHEMA_VERSION,
                        "write it with `cutover inventory --workspace DIR` (reports/inventory.json)");
            }
            ClusterInventory cluster = JSON.treeToValue(root.get("cluster"), ClusterInventory.class);
            ConfigScanResult configs = root.hasNonNull("configScan")
                    ? JSON.treeToValue(root.get("configScan"), ConfigScanResult.class)
                    : null;
            WorkloadMerge merge = WorkloadMerger.merge(
                    workspace.workloads(),
                    cluster,
                    configs == null ? new ConfigScanResult(0, List.of(), List.of(), List.of()) : configs,
                    List.of());
            InventoryReport report = new InventoryReport(
                    schema,
                    root.path("generatedAt").asText(""),
                    root.path("cutoverVersion").asText(""),
                    root.path("profile").asText(cluster.profile()),
                    cluster,
                    null,
                    null,
                    configs,
                    merge,
                    InventoryFindings.derive(cluster, null, configs, merge));
            return new PlanInput(report, workspace.workloads());
        } catch (IOException | IllegalArgumentException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "cannot read the inventory report " + inventoryJson + ": "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null
                                    ? ""
                                    : " " + e.getMessage().lines().findFirst().orElse("")),
                    "write it again with `cutover inventory --workspace DIR`, or plan from the live cluster",
                    e);
        }
    }
}
