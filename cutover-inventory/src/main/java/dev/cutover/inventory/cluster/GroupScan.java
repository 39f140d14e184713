package dev.cutover.inventory.cluster;

import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.inventory.cluster.ClusterInventory.GroupOffset;
import dev.cutover.inventory.cluster.ClusterInventory.Member;
import dev.cutover.inventory.cluster.ClusterInventory.TopicPartitionRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.StreamsGroupMemberAssignment;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * The group part of a scan. Lists groups of every type once, then describes each type with its own API in one batched
 * call per type, and fetches committed offsets of all groups in one call (share groups: one share-offsets call).
 *
 * <p>Which API describes which group: consumer-protocol groups (classic with protocol type {@code consumer} or empty,
 * and KIP-848 {@code consumer} groups) use {@code describeConsumerGroups}; other classic groups (Connect's {@code
 * connect}, anything else) use {@code describeClassicGroups}, since the consumer API refuses them; {@code share} and
 * {@code streams} groups use their own APIs.
 */
final class GroupScan {
    private static final String CONSUMER_PROTOCOL = "consumer";

    private final Admin admin;
    private final Problems problems;
    private final ScanOptions options;

    private final Map<String, GroupListing> listings = new TreeMap<>();
    private final Map<String, KafkaFuture<ConsumerGroupDescription>> consumerDescriptions = new HashMap<>();
    private final Map<String, KafkaFuture<ClassicGroupDescription>> classicDescriptions = new HashMap<>();
    private final Map<String, KafkaFuture<ShareGroupDescription>> shareDescriptions = new HashMap<>();
    private final Map<String, KafkaFuture<StreamsGroupDescription>> streamsDescriptions = new HashMap<>();
    private final Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> committed = new HashMap<>();
    private final Map<String, KafkaFuture<Map<TopicPartition, SharePartitionOffsetInfo>>> shareOffsets =
            new HashMap<>();

    private final KafkaFuture<Collection<GroupListing>> listing;

    /** Sends the group listing (every type: no type filter). */
    GroupScan(Admin admin, Problems problems, ScanOptions options) {
        this.admin = admin;
        this.problems = problems;
        this.options = options;
        this.listing = admin.listGroups(new ListGroupsOptions()).all();
    }

    /** Waits for the listing, then sends the describe and offset calls. */
    void start() {
        problems.await(listing, "groups", "*", "DESCRIBE on CLUSTER")
                .ifPresent(all -> all.forEach(g -> listings.put(g.groupId(), g)));
        List<String> consumer = new ArrayList<>();
        List<String> classic = new ArrayList<>();
        List<String> share = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        listings.values().forEach(g -> {
            switch (g.type().orElse(GroupType.CLASSIC)) {
                case SHARE -> share.add(g.groupId());
                case STREAMS -> streams.add(g.groupId());
                case CONSUMER -> consumer.add(g.groupId());
                default -> (isConsumerProtocol(g.protocol()) ? consumer : classic).add(g.groupId());
            }
        });
        for (List<String> chunk : Chunks.of(consumer, options.chunkSize())) {
            consumerDescriptions.putAll(admin.describeConsumerGroups(chunk).describedGroups());
        }
        for (List<String> chunk : Chunks.of(classic, options.chunkSize())) {
            classicDescriptions.putAll(admin.describeClassicGroups(chunk).describedGroups());
        }
        for (List<String> chunk : Chunks.of(share, options.chunkSize())) {
            shareDescriptions.putAll(admin.describeShareGroups(chunk).describedGroups());
        }
        for (List<String> chunk : Chunks.of(streams, options.chunkSize())) {
            streamsDescriptions.putAll(admin.describeStreamsGroups(chunk).describedGroups());
        }
        List<String> committing = new ArrayList<>(consumer);
        committing.addAll(classic);
        committing.addAll(streams);
        for (List<String> chunk : Chunks.of(committing, options.chunkSize())) {
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            chunk.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
            var result = admin.listConsumerGroupOffsets(specs);
            chunk.forEach(id -> committed.put(id, result.partitionsToOffsetAndMetadata(id)));
        }
        for (List<String> chunk : Chunks.of(share, options.chunkSize())) {
            Map<String, ListShareGroupOffsetsSpec> specs = new HashMap<>();
            chunk.forEach(id -> specs.put(id, new ListShareGroupOffsetsSpec()));
            var result = admin.listShareGroupOffsets(specs);
            chunk.forEach(id -> shareOffsets.put(id, result.partitionsToOffsetInfo(id)));
        }
    }

    /** Waits for the descriptions and offsets and builds the groups, with lag against the given end offsets. */
    List<Group> finish(Map<TopicPartition, Long> endOffsets) {
        List<Group> groups = new ArrayList<>();
        for (GroupListing listing : listings.values()) {
            String id = listing.groupId();
            String permission = "DESCRIBE on GROUP " + id;
            Optional<Group> described;
            if (consumerDescriptions.containsKey(id)) {
                described = problems.await(consumerDescriptions.get(id), "groups", id, permission)
                        .map(d -> consumerGroup(listing, d));
            } else if (classicDescriptions.containsKey(id)) {
                described = problems.await(classicDescriptions.get(id), "groups", id, permission)
                        .map(d -> classicGroup(listing, d));
            } else if (shareDescriptions.containsKey(id)) {
                described = problems.await(shareDescriptions.get(id), "groups", id, permission)
                        .map(this::shareGroup);
            } else {
                described = problems.await(streamsDescriptions.get(id), "groups", id, permission)
                        .map(this::streamsGroup);
            }
            Group base = described.orElseGet(() -> listedOnly(listing));
            List<GroupOffset> offsets = offsets(id, endOffsets);
            Long totalLag = offsets.stream().anyMatch(o -> o.lag() != null)
                    ? offsets.stream()
                            .map(GroupOffset::lag)
                            .filter(l -> l != null)
                            .mapToLong(Long::longValue)
                            .sum()
                    : null;
            groups.add(new Group(
                    base.groupId(),
                    base.type(),
                    base.protocolType(),
                    base.kind(),
                    base.state(),
                    base.assignor(),
                    base.coordinator(),
                    base.members(),
                    offsets,
                    totalLag));
        }
        return groups;
    }

    private List<GroupOffset> offsets(String id, Map<TopicPartition, Long> endOffsets) {
        List<GroupOffset> offsets = new ArrayList<>();
        String permission = "DESCRIBE on GROUP " + id + " and DESCRIBE on its topics";
        if (committed.containsKey(id)) {
            problems.await(committed.get(id), "groupOffsets", id, permission)
                    .ifPresent(map -> map.forEach((tp, om) -> {
                        if (om != null) {
                            Long end = endOffsets.get(tp);
                            Long lag = end == null ? null : Math.max(0, end - om.offset());
                            offsets.add(new GroupOffset(
                                    tp.topic(),
                                    tp.partition(),
                                    om.offset(),
                                    end,
                                    lag,
                                    om.metadata() == null || om.metadata().isEmpty() ? null : om.metadata()));
                        }
                    }));
        } else if (shareOffsets.containsKey(id)) {
            problems.await(shareOffsets.get(id), "groupOffsets", id, permission)
                    .ifPresent(map -> map.forEach((tp, info) -> {
                        if (info != null) {
                            offsets.add(new GroupOffset(
                                    tp.topic(),
                                    tp.partition(),
                                    info.startOffset(),
                                    endOffsets.get(tp),
                                    info.lag().orElse(null),
                                    null));
                        }
                    }));
        }
        offsets.sort(Comparator.comparing(GroupOffset::topic).thenComparingInt(GroupOffset::partition));
        return offsets;
    }

    private static Group consumerGroup(GroupListing listing, ConsumerGroupDescription d) {
        String type = name(d.type() == null ? listing.type().orElse(GroupType.UNKNOWN) : d.type());
        String protocolType = listing.protocol() == null || listing.protocol().isEmpty()
                ? (d.isSimpleConsumerGroup() ? "" : CONSUMER_PROTOCOL)
                : listing.protocol();
        String assignor =
                d.partitionAssignor() == null || d.partitionAssignor().isEmpty() ? null : d.partitionAssignor();
        GroupKind kind = "stream".equals(assignor) ? GroupKind.STREAMS_APP : GroupKind.CONSUMER;
        return new Group(
                d.groupId(),
                type,
                protocolType,
                kind,
                d.groupState() == null ? null : d.groupState().toString(),
                assignor,
                coordinator(d.coordinator()),
                members(d.members()),
                List.of(),
                null);
    }

    private static Group classicGroup(GroupListing listing, ClassicGroupDescription d) {
        String protocolType = listing.protocol() == null ? "" : listing.protocol();
        GroupKind kind =
                switch (protocolType) {
                    case "connect" -> GroupKind.CONNECT;
                    case CONSUMER_PROTOCOL, "" ->
                        "stream".equals(d.protocol()) ? GroupKind.STREAMS_APP : GroupKind.CONSUMER;
                    default -> GroupKind.OTHER;
                };
        return new Group(
                d.groupId(),
                name(GroupType.CLASSIC),
                protocolType,
                kind,
                d.state() == null ? null : d.state().toString(),
                d.protocol() == null || d.protocol().isEmpty() ? null : d.protocol(),
                coordinator(d.coordinator()),
                members(d.members()),
                List.of(),
                null);
    }

    private Group shareGroup(ShareGroupDescription d) {
        List<Member> members = d.members().stream()
                .map(m -> new Member(
                        m.consumerId(),
                        m.clientId(),
                        m.host(),
                        null,
                        refs(m.assignment() == null ? Set.of() : m.assignment().topicPartitions()),
                        List.of()))
                .sorted(Comparator.comparing(Member::memberId))
                .toList();
        return new Group(
                d.groupId(),
                name(GroupType.SHARE),
                "share",
                GroupKind.SHARE,
                d.groupState() == null ? null : d.groupState().toString(),
                null,
                coordinator(d.coordinator()),
                members,
                List.of(),
                null);
    }

    private Group streamsGroup(StreamsGroupDescription d) {
        List<Member> members = d.members().stream()
                .map(m -> new Member(
                        m.memberId(),
                        m.clientId(),
                        m.clientHost(),
                        m.instanceId().orElse(null),
                        List.of(),
                        tasks(m.assignment())))
                .sorted(Comparator.comparing(Member::memberId))
                .toList();
        return new Group(
                d.groupId(),
                name(GroupType.STREAMS),
                "streams",
                GroupKind.STREAMS_APP,
                d.groupState() == null ? null : d.groupState().toString(),
                null,
                coordinator(d.coordinator()),
                members,
                List.of(),
                null);
    }

    private static Group listedOnly(GroupListing listing) {
        GroupType type = listing.type().orElse(GroupType.UNKNOWN);
        GroupKind kind =
                switch (type) {
                    case SHARE -> GroupKind.SHARE;
                    case STREAMS -> GroupKind.STREAMS_APP;
                    default ->
                        "connect".equals(listing.protocol())
                                ? GroupKind.CONNECT
                                : isConsumerProtocol(listing.protocol()) ? GroupKind.CONSUMER : GroupKind.OTHER;
                };
        return new Group(
                listing.groupId(),
                name(type),
                listing.protocol(),
                kind,
                listing.groupState().map(Object::toString).orElse(null),
                null,
                null,
                List.of(),
                List.of(),
                null);
    }

    private static List<Member> members(Collection<MemberDescription> members) {
        return members.stream()
                .map(m -> new Member(
                        m.consumerId(),
                        m.clientId(),
                        m.host(),
                        m.groupInstanceId().orElse(null),
                        refs(m.assignment() == null ? Set.of() : m.assignment().topicPartitions()),
                        List.of()))
                .sorted(Comparator.comparing(Member::memberId))
                .toList();
    }

    private static List<String> tasks(StreamsGroupMemberAssignment assignment) {
        if (assignment == null) {
            return List.of();
        }
        List<String> tasks = new ArrayList<>();
        assignment.activeTasks().forEach(t -> t.partitions().forEach(p -> tasks.add(t.subtopologyId() + ":" + p)));
        tasks.sort(null);
        return tasks;
    }

    private static List<TopicPartitionRef> refs(Collection<TopicPartition> partitions) {
        return partitions.stream()
                .map(tp -> new TopicPartitionRef(tp.topic(), tp.partition()))
                .sorted(Comparator.comparing(TopicPartitionRef::topic).thenComparingInt(TopicPartitionRef::partition))
                .toList();
    }

    private static boolean isConsumerProtocol(String protocol) {
        return protocol == null || protocol.isEmpty() || CONSUMER_PROTOCOL.equals(protocol);
    }

    private static Integer coordinator(Node node) {
        return node == null || node.isEmpty() ? null : node.id();
    }

    private static String name(GroupType type) {
        return type.toString().toLowerCase(Locale.ROOT);
    }
}
