package dev.cutover.inventory.workloads;

import dev.cutover.config.Workload;
import dev.cutover.config.WorkloadManifest;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.cluster.ClusterInventory.Member;
import dev.cutover.inventory.cluster.ClusterInventory.Transaction;
import dev.cutover.inventory.files.ConfigScanResult;
import dev.cutover.inventory.files.DiscoveredClientConfig;
import dev.cutover.inventory.files.TopicMention;
import dev.cutover.inventory.jmx.Attribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Matches {@code workloads.yaml} against what the inventory discovered. A discovered identity belongs to every
 * workload whose match criteria accept it (groups by group id, transactions by transactional id, group members and
 * config files by client id, ACL principals by principal; config files also by group and transactional id); what no
 * workload accepts is unowned. Internal groups and principals of super users are never listed as unowned: the
 * former are Kafka's, the latter invisible.
 */
public final class WorkloadMerger {
    private WorkloadMerger() {}

    public static WorkloadMerge merge(
            WorkloadManifest manifest, ClusterInventory cluster, ConfigScanResult configs, List<Attribution> software) {
        List<Identity> identities = identities(cluster, configs);
        List<WorkloadView> views = new ArrayList<>();
        Set<Identity> claimed = new LinkedHashSet<>();
        for (Workload workload : manifest.workloads()) {
            List<Identity> mine =
                    identities.stream().filter(i -> i.matches(workload)).toList();
            claimed.addAll(mine);
            views.add(view(workload, mine, software));
        }
        List<DiscoveredClient> unowned = identities.stream()
                .filter(i -> !claimed.contains(i))
                .filter(i -> i.ownable)
                .map(Identity::client)
                .sorted(Comparator.comparing(DiscoveredClient::kind).thenComparing(DiscoveredClient::id))
                .toList();
        return new WorkloadMerge(views, unowned);
    }

    private static WorkloadView view(Workload workload, List<Identity> mine, List<Attribution> software) {
        Set<String> topics = new LinkedHashSet<>(workload.topics());
        mine.forEach(i -> topics.addAll(i.client.topics()));
        Set<String> clientIds = new TreeSet<>();
        mine.forEach(i -> clientIds.addAll(i.clientIds));
        List<String> softwareSeen = software.stream()
                .filter(a -> clientIds.contains(a.connection().clientId()))
                .map(a -> a.clientSoftwareName() + "/" + a.clientSoftwareVersion())
                .distinct()
                .sorted()
                .toList();
        return new WorkloadView(
                workload.name(),
                workload.owner(),
                workload.roles().stream()
                        .map(r -> r.name().toLowerCase(Locale.ROOT))
                        .toList(),
                List.copyOf(topics),
                workload.duplicateTolerance().yamlName(),
                workload.sideEffects().orElse(null),
                workload.rollbackOwner().orElse(null),
                liveness(workload, mine),
                mine.stream().map(Identity::client).toList(),
                softwareSeen);
    }

    private static Liveness liveness(Workload workload, List<Identity> mine) {
        if (mine.stream().anyMatch(i -> i.live)) {
            return Liveness.SEEN;
        }
        var match = workload.match();
        boolean observable =
                !match.groupIds().isEmpty() || !match.transactionalIds().isEmpty();
        return observable ? Liveness.NOT_SEEN : Liveness.NOT_OBSERVABLE;
    }

    private static List<Identity> identities(ClusterInventory cluster, ConfigScanResult configs) {
        List<Identity> all = new ArrayList<>();
        for (Group group : cluster.groups()) {
            List<String> clientIds = group.members().stream()
                    .map(Member::clientId)
                    .distinct()
                    .sorted()
                    .toList();
            Set<String> topics = new TreeSet<>();
            group.offsets().forEach(o -> topics.add(o.topic()));
            group.members().forEach(m -> m.assignment().forEach(a -> topics.add(a.topic())));
            String detail =
                    group.kind() + ", " + group.state() + ", " + group.members().size() + " member(s)"
                            + (clientIds.isEmpty() ? "" : ", client ids " + String.join(", ", clientIds));
            all.add(new Identity(
                    new DiscoveredClient("group", group.groupId(), detail, List.copyOf(topics)),
                    group.groupId(),
                    null,
                    clientIds,
                    null,
                    !group.members().isEmpty(),
                    true));
        }
        for (Transaction tx : cluster.transactions()) {
            List<String> topics = tx.topicPartitions().stream()
                    .map(ClusterInventory.TopicPartitionRef::topic)
                    .distinct()
                    .sorted()
                    .toList();
            all.add(new Identity(
                    new DiscoveredClient("transactional-id", tx.transactionalId(), "state " + tx.state(), topics),
                    null,
                    tx.transactionalId(),
                    List.of(),
                    null,
                    true,
                    true));
        }
        cluster.acls().stream()
                .map(ClusterInventory.Acl::principal)
                .distinct()
                .sorted()
                .forEach(principal -> {
                    List<String> topics = cluster.acls().stream()
                            .filter(a -> a.principal().equals(principal)
                                    && a.resourceType().equals("TOPIC"))
                            .map(ClusterInventory.Acl::resourceName)
                            .distinct()
                            .sorted()
                            .toList();
                    all.add(new Identity(
                            new DiscoveredClient("principal", principal, "has ACLs", topics),
                            null,
                            null,
                            List.of(),
                            principal,
                            false,
                            !principal.equals("User:*")));
                });
        for (DiscoveredClientConfig config : configs.clients()) {
            List<String> topics = config.topics().stream()
                    .map(TopicMention::name)
                    .distinct()
                    .sorted()
                    .toList();
            String detail = config.role().role().toString().toLowerCase(Locale.ROOT) + " config, "
                    + (config.bootstrapServers() == null ? "no bootstrap" : "bootstrap " + config.bootstrapServers());
            all.add(new Identity(
                    new DiscoveredClient("config-file", config.file() + ":" + config.line(), detail, topics),
                    config.groupId(),
                    config.transactionalId(),
                    Stream.ofNullable(config.clientId()).toList(),
                    null,
                    false,
                    true));
        }
        return all;
    }

    /** One discovered identity and the keys a workload's match can use. */
    private record Identity(
            DiscoveredClient client,
            String groupId,
            String transactionalId,
            List<String> clientIds,
            String principal,
            boolean live,
            boolean ownable) {
        boolean matches(Workload workload) {
            var m = workload.match();
            return (groupId != null && m.matchesGroupId(groupId))
                    || (transactionalId != null && m.matchesTransactionalId(transactionalId))
                    || clientIds.stream().anyMatch(m::matchesClientId)
                    || (principal != null && m.matchesPrincipal(principal));
        }
    }
}
