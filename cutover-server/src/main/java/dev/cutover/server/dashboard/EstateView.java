package dev.cutover.server.dashboard;

import dev.cutover.config.Redactor;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.workloads.DiscoveredClient;
import dev.cutover.inventory.workloads.WorkloadView;
import java.util.Comparator;
import java.util.List;

/**
 * The estate as the dashboard shows it: the workspace's cluster profiles, and from the last inventory of the source
 * ({@code reports/inventory.json}, matched against the current workloads.yaml as {@code cutover plan --inventory} does)
 * its topics, groups, workloads with their owners, and the clients no workload claims.
 */
public record EstateView(
        String scannedAt,
        String profile,
        String clusterId,
        String brokerVersion,
        int brokers,
        List<Profile> clusters,
        List<Topic> topics,
        int internalTopics,
        List<Group> groups,
        List<Workload> workloads,
        List<Client> unowned) {

    /** A connection profile of cutover.yaml: its name and where it connects; nothing else (no secret). */
    public record Profile(String name, String bootstrapServers) {}

    public record Topic(String name, int partitions, int replicationFactor, Double messagesPerSecond, Long sizeBytes) {}

    public record Group(String groupId, String kind, String state, int members, Long totalLag) {}

    public record Workload(
            String name,
            String owner,
            List<String> roles,
            List<String> topics,
            String liveness,
            int clients,
            List<String> clientSoftware) {}

    public record Client(String kind, String id, String detail, List<String> topics) {}

    static List<Profile> profiles(Workspace ws) {
        return ws.config().clusters().values().stream()
                .map(p -> new Profile(
                        p.name(), p.bootstrapServers() == null ? null : Redactor.redactText(p.bootstrapServers())))
                .toList();
    }

    static EstateView of(Workspace ws, InventoryReport report) {
        ClusterInventory c = report.cluster();
        List<Topic> topics = c.topics().stream()
                .filter(t -> !t.internal())
                .sorted(Comparator.comparing(ClusterInventory.Topic::name))
                .map(t -> new Topic(
                        t.name(), t.partitionCount(), t.replicationFactor(), t.messagesPerSecond(), t.sizeBytes()))
                .toList();
        int internal = (int)
                c.topics().stream().filter(ClusterInventory.Topic::internal).count();
        List<Group> groups = c.groups().stream()
                .sorted(Comparator.comparing(ClusterInventory.Group::groupId))
                .map(g -> new Group(
                        g.groupId(),
                        g.kind() == null ? null : g.kind().toString(),
                        g.state(),
                        g.members().size(),
                        g.totalLag()))
                .toList();
        List<Workload> workloads = report.workloads().workloads().stream()
                .sorted(Comparator.comparing(WorkloadView::name))
                .map(w -> new Workload(
                        w.name(),
                        w.owner(),
                        w.roles(),
                        w.topics(),
                        w.liveness() == null ? null : w.liveness().toString(),
                        w.matched().size(),
                        w.clientSoftware()))
                .toList();
        List<Client> unowned = report.workloads().unowned().stream()
                .map((DiscoveredClient d) -> new Client(d.kind(), d.id(), d.detail(), d.topics()))
                .toList();
        return new EstateView(
                c.scannedAt(),
                c.profile(),
                c.cluster() == null ? null : c.cluster().clusterId(),
                c.cluster() == null ? null : c.cluster().brokerVersion(),
                c.cluster() == null ? 0 : c.cluster().brokers().size(),
                profiles(ws),
                topics,
                internal,
                groups,
                workloads,
                unowned);
    }
}
