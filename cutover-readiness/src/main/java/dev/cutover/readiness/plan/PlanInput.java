package dev.cutover.readiness.plan;

import dev.cutover.config.WorkloadManifest;
import dev.cutover.inventory.InventoryReport;
import java.util.Objects;

/**
 * What the planner works from: the source's inventory (clusters, groups, producers, transactions, discovered clients,
 * and the manifest merged in) and the owners' manifest.
 */
public record PlanInput(InventoryReport source, WorkloadManifest manifest) {
    public PlanInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifest, "manifest");
    }
}
