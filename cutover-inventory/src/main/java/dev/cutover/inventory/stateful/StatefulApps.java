package dev.cutover.inventory.stateful;

import dev.cutover.api.CutoverException;
import dev.cutover.config.Workload;
import dev.cutover.config.WorkloadManifest;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.inventory.cluster.ClusterInventory.GroupOffset;
import dev.cutover.inventory.cluster.ClusterInventory.Topic;
import dev.cutover.inventory.connect.Connector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The stateful applications of a cluster, each linked to its group, topics and state: Kafka Streams applications
 * (groups using the {@code stream} assignor, or streams groups) and Kafka Connect clusters (groups of protocol {@code
 * connect}). What the cluster cannot show is said, not guessed: a Streams application's outputs come from {@code
 * writes:} in workloads.yaml; connectors and tasks come from the workers' REST API ({@code connect:} in the profile).
 *
 * @param streams the Kafka Streams applications, by application id
 * @param connect the Kafka Connect clusters, by group id
 */
public record StatefulApps(List<StreamsApplication> streams, List<ConnectCluster> connect) {
    public StatefulApps {
        streams = List.copyOf(streams);
        connect = List.copyOf(connect);
    }

    /**
     * A Kafka Streams application.
     *
     * @param applicationId its {@code application.id}: its group's id
     * @param state its group's state
     * @param members how many members its group has
     * @param workload the workload of workloads.yaml whose {@code match.groupId} matches it, or {@code null}
     * @param inputTopics the topics it reads, from its group's committed offsets (internal topics left out)
     * @param repartitionTopics its repartition (and foreign-key subscription) topics: written and read by it
     * @param changelogTopics its state stores' changelog topics
     * @param stores its state stores, named from their changelogs
     * @param outputTopics what it writes, from its workload's {@code writes:}; empty when not declared
     * @param outputsKnown whether {@code outputTopics} is known ({@code writes:} declared), else why not
     */
    public record StreamsApplication(
            String applicationId,
            String state,
            int members,
            String workload,
            List<String> inputTopics,
            List<String> repartitionTopics,
            List<String> changelogTopics,
            List<String> stores,
            List<String> outputTopics,
            String outputsKnown) {
        public StreamsApplication {
            inputTopics = List.copyOf(inputTopics);
            repartitionTopics = List.copyOf(repartitionTopics);
            changelogTopics = List.copyOf(changelogTopics);
            stores = List.copyOf(stores);
            outputTopics = List.copyOf(outputTopics);
        }
    }

    /**
     * A Kafka Connect cluster: its workers' group.
     *
     * @param groupId the workers' {@code group.id}
     * @param state the group's state
     * @param workers how many workers are in the group
     * @param workload the workload whose {@code match.groupId} matches it, or {@code null}
     * @param internalTopics its config, offsets and status topics, as found by name ({@link StatefulTopics})
     * @param connectors its connectors with their tasks, from the REST API; empty when not known
     * @param sinkGroups its sink connectors' consumer groups (from the connectors; without them, groups named {@code
     *     connect-*} on the cluster, marked as likely)
     * @param connectorsKnown {@code "yes"} or why the connectors are not known
     */
    public record ConnectCluster(
            String groupId,
            String state,
            int workers,
            String workload,
            List<String> internalTopics,
            List<ConnectorInfo> connectors,
            List<String> sinkGroups,
            String connectorsKnown) {
        public ConnectCluster {
            internalTopics = List.copyOf(internalTopics);
            connectors = List.copyOf(connectors);
            sinkGroups = List.copyOf(sinkGroups);
        }
    }

    /** A connector: name, {@code source}/{@code sink}, state, its tasks' states, and a sink's group. */
    public record ConnectorInfo(String name, String type, String state, List<String> tasks, String sinkGroup) {
        public ConnectorInfo {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * Links what the scan found.
     *
     * @param connectors the connectors of the workers at the profile's {@code connect:} URL, if it has one (asked
     *     only when the cluster has a Connect group); a {@link CutoverException} from it is reported as why they are
     *     unknown
     */
    public static StatefulApps of(
            ClusterInventory cluster,
            WorkloadManifest manifest,
            Optional<Supplier<Map<String, Connector>>> connectors) {
        List<String> topics = cluster.topics().stream().map(Topic::name).toList();
        List<StreamsApplication> streams = new ArrayList<>();
        for (Group g : cluster.groups()) {
            if (g.kind() == GroupKind.STREAMS_APP) {
                streams.add(streams(g, topics, manifest));
            }
        }
        List<Group> connectGroups = cluster.groups().stream()
                .filter(g -> g.kind() == GroupKind.CONNECT)
                .toList();
        List<ConnectCluster> connect = new ArrayList<>();
        Optional<Map<String, Connector>> listed = Optional.empty();
        String why = "no connect: URL in the profile (the workers' REST API lists connectors and tasks)";
        if (!connectGroups.isEmpty() && connectors.isPresent()) {
            try {
                listed = Optional.of(connectors.get().get());
            } catch (CutoverException e) {
                why = "the REST API did not answer: " + e.getMessage();
            }
        }
        if (listed.isPresent() && connectGroups.size() > 1) {
            why = connectGroups.size() + " Connect clusters and one connect: URL: its connectors are not attributed";
            listed = Optional.empty();
        }
        for (Group g : connectGroups) {
            connect.add(connect(g, cluster, topics, manifest, listed, why));
        }
        return new StatefulApps(streams, connect);
    }

    private static StreamsApplication streams(Group g, List<String> topics, WorkloadManifest manifest) {
        String app = g.groupId();
        List<String> internal = StatefulTopics.streamsInternal(app, topics);
        Set<String> inputs = new TreeSet<>();
        g.offsets().stream()
                .map(GroupOffset::topic)
                .filter(t -> !internal.contains(t) && !StatefulTopics.repartition(t))
                .forEach(inputs::add);
        Optional<Workload> w = workload(manifest, app);
        List<String> outputs = w.flatMap(Workload::writes).orElse(List.of());
        String known = w.isEmpty()
                ? "no workload of workloads.yaml matches it: its outputs are not visible from the cluster"
                : w.get().writes().isPresent()
                        ? "yes (writes: of workload " + w.get().name() + ")"
                        : "workload " + w.get().name() + " has no writes: (its outputs are not visible from the"
                                + " cluster)";
        return new StreamsApplication(
                app,
                g.state(),
                g.members().size(),
                w.map(Workload::name).orElse(null),
                List.copyOf(inputs),
                internal.stream().filter(StatefulTopics::repartition).toList(),
                internal.stream().filter(StatefulTopics::changelog).toList(),
                internal.stream()
                        .map(t -> StatefulTopics.store(app, t))
                        .flatMap(Optional::stream)
                        .toList(),
                outputs,
                known);
    }

    private static ConnectCluster connect(
            Group g,
            ClusterInventory cluster,
            List<String> topics,
            WorkloadManifest manifest,
            Optional<Map<String, Connector>> listed,
            String why) {
        List<ConnectorInfo> connectors = listed.map(m -> m.values().stream()
                        .map(c -> new ConnectorInfo(
                                c.name(), c.type(), c.state(), c.taskStates(), c.sink() ? c.sinkGroup() : null))
                        .toList())
                .orElse(List.of());
        List<String> sinkGroups = listed.isPresent()
                ? connectors.stream()
                        .map(ConnectorInfo::sinkGroup)
                        .filter(java.util.Objects::nonNull)
                        .sorted()
                        .toList()
                : cluster.groups().stream()
                        .filter(o ->
                                o.kind() == GroupKind.CONSUMER && o.groupId().startsWith("connect-"))
                        .map(o -> o.groupId() + " (likely: named like a sink connector's group)")
                        .sorted()
                        .toList();
        return new ConnectCluster(
                g.groupId(),
                g.state(),
                g.members().size(),
                workload(manifest, g.groupId()).map(Workload::name).orElse(null),
                StatefulTopics.connectInternal(g.groupId(), topics),
                connectors,
                sinkGroups,
                listed.isPresent() ? "yes" : why);
    }

    private static Optional<Workload> workload(WorkloadManifest manifest, String group) {
        return manifest.workloads().stream()
                .filter(w -> w.match().matchesGroupId(group))
                .findFirst();
    }
}
