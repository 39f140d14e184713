package dev.cutover.config;

import java.util.List;

/**
 * How to recognise a workload among discovered clients. A client belongs to the workload when any one criterion
 * matches. Each list holds exact ids or {@link Glob globs} ({@code orders-tx-*}); principals are written as Kafka
 * prints them ({@code User:orders}).
 */
public record WorkloadMatch(
        List<String> groupIds, List<String> transactionalIds, List<String> clientIds, List<String> principals) {
    public WorkloadMatch {
        groupIds = List.copyOf(groupIds);
        transactionalIds = List.copyOf(transactionalIds);
        clientIds = List.copyOf(clientIds);
        principals = List.copyOf(principals);
        if (groupIds.isEmpty() && transactionalIds.isEmpty() && clientIds.isEmpty() && principals.isEmpty()) {
            throw new IllegalArgumentException("a match needs at least one criterion");
        }
    }

    public boolean matchesGroupId(String groupId) {
        return anyMatch(groupIds, groupId);
    }

    public boolean matchesTransactionalId(String transactionalId) {
        return anyMatch(transactionalIds, transactionalId);
    }

    public boolean matchesClientId(String clientId) {
        return anyMatch(clientIds, clientId);
    }

    public boolean matchesPrincipal(String principal) {
        return anyMatch(principals, principal);
    }

    private static boolean anyMatch(List<String> globs, String value) {
        return value != null && globs.stream().anyMatch(g -> Glob.matches(g, value));
    }
}
