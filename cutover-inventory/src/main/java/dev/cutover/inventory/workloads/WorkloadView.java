package dev.cutover.inventory.workloads;

import java.util.List;

/**
 * An owned workload from {@code workloads.yaml} with everything discovered that belongs to it.
 *
 * @param name the workload's name (the id {@code --workload} takes)
 * @param owner who owns it
 * @param roles its declared roles, lower case
 * @param topics topics it declares, followed by topics discovered through its matches, sorted and distinct
 * @param duplicateTolerance how it copes with duplicates ({@code none}, {@code idempotent-downstream}, {@code
 *     replay-ok})
 * @param sideEffects its downstream side effects, or {@code null}
 * @param rollbackOwner who decides on rollback, or {@code null}
 * @param liveness whether it was seen on the cluster
 * @param matched the discovered identities that matched it
 * @param clientSoftware software name/version attributed to its clients from broker JMX, e.g. {@code
 *     apache-kafka-java/3.9.1}; empty when no attribution was unambiguous
 */
public record WorkloadView(
        String name,
        String owner,
        List<String> roles,
        List<String> topics,
        String duplicateTolerance,
        String sideEffects,
        String rollbackOwner,
        Liveness liveness,
        List<DiscoveredClient> matched,
        List<String> clientSoftware) {
    public WorkloadView {
        roles = List.copyOf(roles);
        topics = List.copyOf(topics);
        matched = List.copyOf(matched);
        clientSoftware = List.copyOf(clientSoftware);
    }
}
