package dev.cutover.inventory.workloads;

import java.util.List;

/**
 * The owner-kept manifest matched against discovery.
 *
 * @param workloads every workload of {@code workloads.yaml}, in file order
 * @param unowned discovered identities no workload claims, sorted by kind and id
 */
public record WorkloadMerge(List<WorkloadView> workloads, List<DiscoveredClient> unowned) {
    public WorkloadMerge {
        workloads = List.copyOf(workloads);
        unowned = List.copyOf(unowned);
    }
}
