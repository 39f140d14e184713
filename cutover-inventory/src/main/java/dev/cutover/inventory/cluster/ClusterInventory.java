package dev.cutover.inventory.cluster;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a read-only scan of one live cluster found: the cluster, its topics, groups, ACLs, quotas, SCRAM users and
 * transactions. Immutable; serialised with Jackson as the documented JSON schema of {@code cutover inventory}, version
 * {@value #SCHEMA_VERSION}. Field names are part of that schema: renaming or changing the meaning of one needs a new
 * schema version. Absent values are {@code null} (never a magic number); lists are empty, never {@code null}.
 *
 * <p>Lists are sorted (topics and groups by name, partitions by number) so two scans of an unchanged cluster give the
 * same JSON apart from times, offsets and rates.
 *
 * @param schemaVersion always {@value #SCHEMA_VERSION} for this shape
 * @param profile the workspace profile the scan used, e.g. {@code source}
 * @param bootstrapServers the bootstrap servers the scan connected to
 * @param scannedAt when the scan started, ISO-8601 UTC (e.g. {@code 2026-11-24T23:44:00Z})
 * @param durationMillis how long the scan took, in milliseconds, including the rate sampling interval
 * @param principal who the scan ran as, as far as the client properties tell (e.g. {@code User:alice}); never a secret
 * @param cluster the cluster itself
 * @param topics every topic the principal may describe, internal ones included (see {@link Topic#internal()})
 * @param groups every group of every type (classic, consumer, share, streams) the broker lists
 * @param acls every ACL binding
 * @param quotas every client quota entity and its values
 * @param scramUsers every user with SCRAM credentials: names and mechanisms only
 * @param transactions every transactional id the principal may describe, with its state
 * @param problems what the scan could not see; empty when the result is complete
 */
public record ClusterInventory(
        int schemaVersion,
        String profile,
        String bootstrapServers,
        String scannedAt,
        long durationMillis,
        String principal,
        ClusterInfo cluster,
        List<Topic> topics,
        List<Group> groups,
        List<Acl> acls,
        List<Quota> quotas,
        List<ScramUser> scramUsers,
        List<Transaction> transactions,
        List<ScanProblem> problems) {

    /** The version of this JSON shape. */
    public static final int SCHEMA_VERSION = 1;

    public ClusterInventory {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(cluster, "cluster");
        topics = List.copyOf(topics);
        groups = List.copyOf(groups);
        acls = List.copyOf(acls);
        quotas = List.copyOf(quotas);
        scramUsers = List.copyOf(scramUsers);
        transactions = List.copyOf(transactions);
        problems = List.copyOf(problems);
    }

    /** Whether the scan saw everything (no problems recorded). */
    public boolean complete() {
        return problems.isEmpty();
    }

    public Optional<Topic> topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<Group> group(String groupId) {
        return groups.stream().filter(g -> g.groupId().equals(groupId)).findFirst();
    }

    public Optional<Transaction> transaction(String transactionalId) {
        return transactions.stream()
                .filter(t -> t.transactionalId().equals(transactionalId))
                .findFirst();
    }

    /** The problems recorded about one subject (a topic, group, ...) in any section. */
    public List<ScanProblem> problemsAbout(String subject) {
        return problems.stream().filter(p -> p.subject().equals(subject)).toList();
    }

    /**
     * The cluster.
     *
     * @param clusterId the cluster id
     * @param controllerId the node id the brokers report as controller (in KRaft, a broker that forwards to the active
     *     controller), or {@code null} if unknown
     * @param brokers the live brokers
     * @param metadataVersion the finalized {@code metadata.version} feature level, or {@code null} if not reported
     * @param finalizedFeatures feature name to the finalized version range in force on the cluster
     * @param supportedFeatures feature name to the version range the answering broker supports
     * @param brokerVersion the brokers' Kafka software version; {@code null} because the Admin API does not report
     *     it (the JMX scan can supply it)
     * @param authorizer whether the brokers enforce ACLs: {@code false} when they report that no authorizer is
     *     configured (then {@code acls} is empty because there are none), {@code true} when the ACL listing worked,
     *     {@code null} when unknown
     */
    public record ClusterInfo(
            String clusterId,
            Integer controllerId,
            List<Broker> brokers,
            Integer metadataVersion,
            Map<String, FeatureRange> finalizedFeatures,
            Map<String, FeatureRange> supportedFeatures,
            String brokerVersion,
            Boolean authorizer) {
        public ClusterInfo {
            brokers = List.copyOf(brokers);
            finalizedFeatures = Collections.unmodifiableMap(new TreeMap<>(finalizedFeatures));
            supportedFeatures = Collections.unmodifiableMap(new TreeMap<>(supportedFeatures));
        }
    }

    /**
     * A broker.
     *
     * @param id the node id
     * @param host the advertised host of the listener the scan connected through
     * @param port the advertised port of that listener
     * @param rack the rack ({@code broker.rack}), or {@code null} if none is set
     */
    public record Broker(int id, String host, int port, String rack) {}

    /** A version range of a feature: finalized {@code min..max} levels, or supported {@code min..max} versions. */
    public record FeatureRange(int min, int max) {}

    /**
     * A topic.
     *
     * @param name the topic name
     * @param topicId the topic id (UUID, base64 as Kafka prints it)
     * @param internal whether Kafka marks it internal ({@code __consumer_offsets}, {@code __transaction_state}, {@code
     *     __share_group_state}); other double-underscore topics are not internal to Kafka and are marked false
     * @param partitionCount the number of partitions
     * @param replicationFactor the number of replicas of partition 0 (partitions may differ after reassignment)
     * @param configs the settings whose source is not the broker's built-in default, sorted by name
     * @param sizeBytes the bytes on disk of one copy of the topic: the sum of each partition's {@link
     *     Partition#sizeBytes()}, or {@code null} if log dirs could not be described
     * @param replicatedSizeBytes the bytes on disk of all replicas together, or {@code null} if unknown
     * @param messagesPerSecond records appended per second over the sampling interval (the growth of the sum of end
     *     offsets, which counts transaction markers too), or {@code null} if not sampled
     * @param retryOf the topic this one retries, if its name says so (a naming heuristic), else {@code null}
     * @param deadLetterOf the topic this one is the dead-letter queue of, if its name says so, else {@code null}
     * @param partitions the partitions, by number
     */
    public record Topic(
            String name,
            String topicId,
            boolean internal,
            int partitionCount,
            int replicationFactor,
            List<ConfigSetting> configs,
            Long sizeBytes,
            Long replicatedSizeBytes,
            Double messagesPerSecond,
            String retryOf,
            String deadLetterOf,
            List<Partition> partitions) {
        public Topic {
            configs = List.copyOf(configs);
            partitions = List.copyOf(partitions);
        }

        /** The value of one non-default config, if set; {@code null} values (sensitive ones) are empty. */
        public Optional<String> config(String name) {
            return configs.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .map(ConfigSetting::value);
        }

        public Partition partition(int number) {
            return partitions.stream()
                    .filter(p -> p.partition() == number)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " has no partition " + number));
        }
    }

    /**
     * A config that is set somewhere other than the built-in default.
     *
     * @param name the config name, e.g. {@code cleanup.policy}
     * @param value the value; {@code null} when {@code sensitive} (never printed)
     * @param source where it is set, as Kafka names it: {@code DYNAMIC_TOPIC_CONFIG}, {@code STATIC_BROKER_CONFIG},
     *     {@code DYNAMIC_DEFAULT_BROKER_CONFIG}, ...
     * @param sensitive whether Kafka marks the value secret; its value is then redacted
     */
    public record ConfigSetting(String name, String value, String source, boolean sensitive) {}

    /**
     * A partition.
     *
     * @param partition the partition number
     * @param leader the leader's node id, or {@code null} if it has none
     * @param replicas node ids of the replicas, preferred leader first
     * @param isr node ids of the in-sync replicas
     * @param sizeBytes bytes on disk of the leader's replica (of the largest replica if there is no leader), or {@code
     *     null} if unknown
     * @param logStartOffset the earliest offset, or {@code null} if unknown
     * @param logEndOffset the high watermark (the end offset read_uncommitted consumers see), or {@code null} if unknown
     * @param producers producers with state on this partition (idempotent and transactional), by producer id
     */
    public record Partition(
            int partition,
            Integer leader,
            List<Integer> replicas,
            List<Integer> isr,
            Long sizeBytes,
            Long logStartOffset,
            Long logEndOffset,
            List<Producer> producers) {
        public Partition {
            replicas = List.copyOf(replicas);
            isr = List.copyOf(isr);
            producers = List.copyOf(producers);
        }
    }

    /**
     * A producer the partition leader keeps state for (idempotent or transactional, until it expires).
     *
     * @param producerId the producer id
     * @param producerEpoch the producer epoch
     * @param lastSequence the last sequence number written, or -1 as Kafka reports for none
     * @param lastTimestamp the timestamp of the last write, epoch milliseconds
     * @param coordinatorEpoch the transaction coordinator epoch of the last transaction marker, or {@code null}
     * @param currentTransactionStartOffset the first offset of the open transaction, or {@code null} if none is open
     */
    public record Producer(
            long producerId,
            int producerEpoch,
            int lastSequence,
            long lastTimestamp,
            Integer coordinatorEpoch,
            Long currentTransactionStartOffset) {}

    /**
     * A group of any type.
     *
     * @param groupId the group id
     * @param type the group type the broker reports: {@code classic}, {@code consumer} (KIP-848), {@code share},
     *     {@code streams} (KIP-1071), or {@code unknown}
     * @param protocolType the classic protocol type: {@code consumer} for consumer groups (also for KIP-848 groups),
     *     {@code connect} for Kafka Connect workers, empty for groups that only commit offsets; {@code share} and
     *     {@code streams} for those types
     * @param kind what the group is, for people: see {@link GroupKind}
     * @param state the group state as Kafka names it, e.g. {@code Stable}, {@code Empty}
     * @param assignor the partition assignor (classic: the chosen protocol, e.g. {@code range} or {@code stream};
     *     KIP-848: the server-side assignor, e.g. {@code uniform}), or {@code null}
     * @param coordinator the node id of the group coordinator, or {@code null} if unknown
     * @param members the members, by member id
     * @param offsets committed offsets by partition (share groups: the share-partition start offset), sorted
     * @param totalLag the sum of the partitions' lags, or {@code null} if no lag is known
     */
    public record Group(
            String groupId,
            String type,
            String protocolType,
            GroupKind kind,
            String state,
            String assignor,
            Integer coordinator,
            List<Member> members,
            List<GroupOffset> offsets,
            Long totalLag) {
        public Group {
            members = List.copyOf(members);
            offsets = List.copyOf(offsets);
        }

        public Optional<GroupOffset> offset(String topic, int partition) {
            return offsets.stream()
                    .filter(o -> o.topic().equals(topic) && o.partition() == partition)
                    .findFirst();
        }
    }

    /** What a group is used by. */
    public enum GroupKind {
        /** Consumers (classic or KIP-848 protocol), including groups that only commit offsets. */
        CONSUMER,
        /** A Kafka Streams application: a consumer group using the {@code stream} assignor, or a streams group. */
        STREAMS_APP,
        /** Kafka Connect workers (classic protocol type {@code connect}): not a consumer group. */
        CONNECT,
        /** A share group (KIP-932 queues). */
        SHARE,
        /** A classic group of another protocol type (e.g. a schema registry leader election). */
        OTHER
    }

    /**
     * A group member.
     *
     * @param memberId the member id
     * @param clientId the member's {@code client.id}
     * @param host the client host as the broker saw it (e.g. {@code /10.0.0.1})
     * @param groupInstanceId the static membership id ({@code group.instance.id}), or {@code null}
     * @param assignment the partitions currently assigned (empty for Connect workers and streams groups' tasks)
     * @param tasks for streams groups: active tasks as {@code subtopology:partition}; empty otherwise
     */
    public record Member(
            String memberId,
            String clientId,
            String host,
            String groupInstanceId,
            List<TopicPartitionRef> assignment,
            List<String> tasks) {
        public Member {
            assignment = List.copyOf(assignment);
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * A group's position on one partition.
     *
     * @param topic the topic
     * @param partition the partition
     * @param committedOffset the committed offset (share groups: the start offset), or {@code null} if none
     * @param logEndOffset the partition's high watermark, or {@code null} if unknown
     * @param lag records between the committed offset and the end (never negative: a commit taken after the end
     *     offset was read counts as 0), or {@code null} if either is unknown; share groups report the broker's own lag
     * @param metadata the commit metadata string, or {@code null}
     */
    public record GroupOffset(
            String topic, int partition, Long committedOffset, Long logEndOffset, Long lag, String metadata) {}

    /** A topic partition, as {@code {"topic": ..., "partition": ...}}. */
    public record TopicPartitionRef(String topic, int partition) {}

    /**
     * A transactional id.
     *
     * @param transactionalId the transactional id
     * @param state the state, as Kafka names it: {@code Ongoing}, {@code CompleteCommit}, {@code Empty}, ...
     * @param producerId the current producer id
     * @param producerEpoch the current producer epoch
     * @param coordinatorId the node id of the transaction coordinator
     * @param timeoutMs the transaction timeout, in milliseconds
     * @param startTimeMs when the open transaction started, epoch milliseconds, or {@code null} if none is open
     * @param topicPartitions the partitions in the open transaction
     */
    public record Transaction(
            String transactionalId,
            String state,
            long producerId,
            int producerEpoch,
            Integer coordinatorId,
            long timeoutMs,
            Long startTimeMs,
            List<TopicPartitionRef> topicPartitions) {
        public Transaction {
            topicPartitions = List.copyOf(topicPartitions);
        }
    }

    /**
     * An ACL binding, with Kafka's names for each part.
     *
     * @param resourceType e.g. {@code TOPIC}, {@code GROUP}, {@code CLUSTER}, {@code TRANSACTIONAL_ID}
     * @param resourceName the resource name or prefix ({@code *} for all)
     * @param patternType {@code LITERAL} or {@code PREFIXED}
     * @param principal e.g. {@code User:alice}
     * @param host the host the rule applies to ({@code *} for all)
     * @param operation e.g. {@code READ}, {@code DESCRIBE}
     * @param permission {@code ALLOW} or {@code DENY}
     */
    public record Acl(
            String resourceType,
            String resourceName,
            String patternType,
            String principal,
            String host,
            String operation,
            String permission) {}

    /**
     * A client quota entity and its quota values.
     *
     * @param entity entity type ({@code user}, {@code client-id}, {@code ip}) to name; a {@code null} name is the
     *     default entity of that type
     * @param values quota name (e.g. {@code producer_byte_rate}) to value
     */
    public record Quota(Map<String, String> entity, Map<String, Double> values) {}

    /**
     * A SCRAM user: the name and its credentials' mechanisms; never salts or keys.
     *
     * @param user the user name
     * @param mechanisms e.g. {@code SCRAM-SHA-512}, with iteration counts
     */
    public record ScramUser(String user, List<ScramCredential> mechanisms) {
        public ScramUser {
            mechanisms = List.copyOf(mechanisms);
        }
    }

    /** One SCRAM credential of a user: the mechanism and its iteration count. */
    public record ScramCredential(String mechanism, int iterations) {}
}
