package dev.cutover.inventory.workloads;

import java.util.List;

/**
 * A client identity found on the cluster or in config files, as something an owner can claim.
 *
 * @param kind what identifies it: {@code group}, {@code transactional-id}, {@code client-id}, {@code principal} or
 *     {@code config-file}
 * @param id the group id, transactional id, client id, principal, or {@code file:line}
 * @param detail a short human description (group kind and state, member count, transaction state…)
 * @param topics the topics it is known to use, sorted
 */
public record DiscoveredClient(String kind, String id, String detail, List<String> topics) {
    public DiscoveredClient {
        topics = List.copyOf(topics);
    }
}
