package dev.cutover.link.internal;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How big one Admin call of cutover-link may be, and why. {@link AdminBatches} splits every call by these numbers.
 *
 * <p><b>Writes.</b> A KRaft controller turns each write request into metadata records and refuses, as a whole, any
 * request that would need more than {@value #CONTROLLER_RECORDS_PER_OPERATION} records ({@code
 * QuorumController.MAX_RECORDS_PER_USER_OP}): every resource of the request fails with {@code
 * PolicyViolationException: Unable to perform excessively large batch operation.}, and nothing of it is applied.
 * Kafka 4.x also refuses a {@code CreateTopics} request of more than 10,000 partitions in all before it builds any
 * record ({@code ReplicationControlManager.MAX_PARTITIONS_PER_BATCH}, {@code "Excessively large number of partitions
 * per request."}, seen on 4.3.1); since every partition is a record, the record budget below keeps both. The records a
 * request needs:
 *
 * <ul>
 *   <li>{@code CreateTopics}: one {@code TopicRecord} per topic, one {@code PartitionRecord} per partition (the
 *       replicas are fields of that record, so the replication factor adds bytes, not records) and one {@code
 *       ConfigRecord} per config set on the topic;
 *   <li>{@code CreatePartitions}: one {@code PartitionRecord} per partition added;
 *   <li>{@code IncrementalAlterConfigs}: one {@code ConfigRecord} per operation;
 *   <li>{@code CreateAcls}: one {@code AccessControlEntryRecord} per binding;
 *   <li>{@code AlterClientQuotas}: one {@code ClientQuotaRecord} per quota value set.
 * </ul>
 *
 * Calls are sized to {@value #RECORDS_PER_WRITE} records, half the controller's limit: room for records we do not
 * count, and a request that the controller handles well within a client's timeout (the brokers create the logs in
 * the background afterwards). A
 * write also carries at most {@value #RESOURCES_PER_WRITE} resources (topics, bindings, quota entities), which bounds
 * the request and response size and the work one timeout must cover. A single resource over the budget (a topic of
 * more than ~5,000 partitions) is sent alone; if the controller still refuses it, that resource fails with the reason.
 *
 * <p><b>Visibility.</b> A create is answered once the controller has committed it, but a broker shows a new partition
 * (in {@code listTopics}, {@code describeTopics}, {@code listOffsets}) only once it has applied the metadata and
 * created the partition's log, one log at a time with a few fsyncs each: on the development machine (2026-12, one
 * KRaft broker, ext4 on a virtual disk) some 70 partitions a second, so 12,000 new partitions take three minutes to
 * show, whatever the batch size. Callers that create many topics must treat "created but not visible yet" as pending,
 * not as failed.
 *
 * <p><b>Reads.</b> Describe calls have no controller limit, but one call for every topic of a large estate builds
 * responses of many megabytes and must be answered within one timeout. They are paged: {@value
 * #TOPICS_PER_DESCRIBE} topics per {@code DescribeTopics}, {@value #RESOURCES_PER_DESCRIBE_CONFIGS} resources per
 * {@code DescribeConfigs} (a topic's configs with their sources are some 40 entries), {@value
 * #PARTITIONS_PER_LIST_OFFSETS} partitions per {@code ListOffsets} and {@value #USERS_PER_DESCRIBE} users per {@code
 * DescribeUserScramCredentials}. Each page has the whole timeout of the caller's {@link AdminAwait}, so a paged read
 * of {@code n} pages is bounded by {@code n} timeouts, and an unreachable cluster fails at the first page.
 */
public final class AdminLimits {
    /** The KRaft controller's limit on records per user operation (request). */
    public static final int CONTROLLER_RECORDS_PER_OPERATION = 10_000;

    /** Records one write call is sized to: half the controller's limit. */
    public static final int RECORDS_PER_WRITE = 5_000;

    /** Resources (topics, ACL bindings, quota entities, config resources) per write call. */
    public static final int RESOURCES_PER_WRITE = 500;

    public static final int TOPICS_PER_DESCRIBE = 1_000;
    public static final int RESOURCES_PER_DESCRIBE_CONFIGS = 500;
    public static final int PARTITIONS_PER_LIST_OFFSETS = 2_000;
    public static final int USERS_PER_DESCRIBE = 1_000;

    private AdminLimits() {}

    /** Controller records to create this topic: the topic, each partition, each config. */
    public static long records(NewTopic topic) {
        int partitions = topic.numPartitions() > 0
                ? topic.numPartitions()
                : topic.replicasAssignments() == null
                        ? 1
                        : Math.max(1, topic.replicasAssignments().size());
        int configs = topic.configs() == null ? 0 : topic.configs().size();
        return 1L + partitions + configs;
    }

    /** Controller records to grow a topic from {@code from} to {@code to} partitions. */
    public static long records(int from, int to) {
        return Math.max(1, to - from);
    }

    /** Controller records of one resource's config changes. */
    public static long records(Collection<AlterConfigOp> ops) {
        return Math.max(1, ops.size());
    }

    /** Controller records of one quota entity's changes. */
    public static long quotaRecords(Map<String, ?> values) {
        return Math.max(1, values.size());
    }
}
