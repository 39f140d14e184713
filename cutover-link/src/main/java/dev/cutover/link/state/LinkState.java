package dev.cutover.link.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The link's state in its compacted {@link LinkTopics#state()} topic on the target, as JSON values (each with a {@code
 * version} field, currently 1) under text keys:
 *
 * <ul>
 *   <li>{@code link}: {@link Identity}, written once when the link is created; a restart refuses clusters whose ids
 *       differ from it.
 *   <li>{@code lease}: {@link Lease}, renewed by the running instance in every transaction it commits; a new instance
 *       refuses to start while the lease is fresh (another instance runs), and takes over once it has expired.
 *   <li>{@code p/<topic>/<partition>}: {@link PartitionStatus}, written in the link's transactions.
 *   <li>{@code t/<topic>}: {@link TopicStatus}, a topic the link was asked to copy (it matches the selection) but
 *       cannot (the target refused to create it, or it conflicts); removed (a tombstone) once it is copied.
 *   <li>{@code stopped}: {@link Stopped}, written in the last transaction of a clean stop, with when and why;
 *       removed (a tombstone) by the first checkpoint of the next run.
 *   <li>{@code stop-request}: {@link StopRequest}, written by {@code cutover link stop} (with a plain producer, never
 *       the link's transactional id, which would fence the running instance); the running instance stops at its
 *       next checkpoint and removes it in its last transaction.
 *   <li>{@code drain-request/<id>}: {@link DrainRequest}, written by a wave (plain producer, as a stop request): the
 *       running instance drains the topics to the source's end, releases them and answers with {@code
 *       drain-done/<id>} ({@link DrainDone}); the request stays until a run has answered it, so a restart answers it.
 *   <li>{@code reverse/<topic>}: {@link Reversal}, written with the answer to a drain that turns the topic around: its
 *       writers moved to the target, and the link's process copies it back (target → source) from exactly there.
 * </ul>
 *
 * Everything but stop requests is written by the link's transactional producer, so the state is consistent with the
 * data it describes.
 */
public final class LinkState {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Who the link is: the clusters it links, fixed at creation. */
    public record Identity(
            int version, String link, String sourceClusterId, String targetClusterId, String createdAt) {}

    /** Who runs the link now, and until when the claim holds without renewal. */
    public record Lease(int version, String instance, String host, long pid, long renewedAtMs, long leaseMs) {
        public boolean freshAt(long nowMs) {
            return nowMs < renewedAtMs + leaseMs;
        }
    }

    /**
     * One partition's replication status.
     *
     * @param state see {@link PartitionState}
     * @param reason why it is in error (exact: offsets, sizes), or null
     * @param topicId the source topic's id when the link took it on; a different id means the topic was recreated
     * @param replicatedTo source position up to which everything is copied (exclusive)
     * @param sourceEnd the source's end offset (under read_committed: its last stable offset) when last seen
     * @param lagRecords {@code sourceEnd - replicatedTo}, at most
     * @param lagMs age of the oldest source record not yet copied, or 0 when caught up
     * @param warning why the copy may be incomplete although the partition goes on (a compacted topic that lagged
     *     beyond its {@code delete.retention.ms}), or null; once set it stays, across restarts
     * @param leaderEpoch the source partition's leader epoch at {@code replicatedTo} (of the last batch read before it),
     *     or null if unknown; a restart has the source check it (KIP-320), which finds a truncation of what was copied
     *     (an unclean leader election) even after the source log has grown back past {@code replicatedTo}
     */
    public record PartitionStatus(
            int version,
            String topic,
            int partition,
            String topicId,
            PartitionState state,
            String reason,
            long replicatedTo,
            long sourceEnd,
            long lagRecords,
            long lagMs,
            long updatedAtMs,
            String warning,
            Integer leaderEpoch) {}

    /**
     * A selected source topic that the link does not copy, and why: it never skips a topic silently.
     *
     * @param reason what the target or the topic rules said, e.g. the target's error on creation
     * @param sinceMs when the link first found it so
     */
    public record TopicStatus(int version, String topic, String reason, long sinceMs) {}

    /**
     * A clean stop: the instance committed its last transaction and gave its lease up.
     *
     * @param stoppedAt ISO-8601 form of {@code stoppedAtMs}
     * @param reason why, e.g. {@code stop requested by alice on ops-1 at 2026-12-03T10:15:00Z}
     */
    public record Stopped(
            int version, String instance, String host, long pid, long stoppedAtMs, String stoppedAt, String reason) {}

    /**
     * An operator's request that the running instance, wherever it runs, finish its transaction and stop.
     *
     * @param requestedBy the operating-system user who asked
     * @param host the machine asked from
     */
    public record StopRequest(int version, String requestedBy, String host, long requestedAtMs, String requestedAt) {
        /** {@code stop requested by <user> on <host> at <time>}: the reason the stopped link records. */
        public String describe() {
            return "stop requested by " + requestedBy + " on " + host + " at " + requestedAt;
        }
    }

    /**
     * A request that the running instance drain {@code topics} up to the source's end (read when it takes the request),
     * release them, and, when {@code reverse}, record their {@link Reversal}s; or, with {@code resumeFrom}, that it
     * take their released partitions on again from those exact source offsets (a producer move rolled back).
     *
     * @param id unique per request; the answer is {@code drain-done/<id>}
     * @param resumeFrom per partition, the source offset to resume from ({@link End#sourceEnd()}), or null for a drain
     */
    public record DrainRequest(
            int version,
            String id,
            List<String> topics,
            boolean reverse,
            String requestedBy,
            String host,
            long requestedAtMs,
            String requestedAt,
            List<End> resumeFrom) {
        public DrainRequest {
            topics = List.copyOf(topics);
            resumeFrom = resumeFrom == null ? null : List.copyOf(resumeFrom);
        }
    }

    /**
     * Where a drained partition ended: every source offset below {@code sourceEnd} is copied (or passed), and the
     * target's copy of them ends before {@code targetEnd}.
     */
    public record End(String topic, int partition, long sourceEnd, long targetEnd) {}

    /**
     * The answer to {@link DrainRequest} {@code id}: the topics are released, ending where {@code ends} say; or, when
     * {@code failure} is set, why they could not be (nothing was released).
     */
    public record DrainDone(int version, String id, List<End> ends, long doneAtMs, String failure) {
        public DrainDone {
            ends = List.copyOf(ends);
        }
    }

    /**
     * A topic turned around: its writers write to the target from {@code ends}' target offsets on, and the link's
     * process copies those records back to the source, where they land from the {@code ends}' source offsets on.
     */
    public record Reversal(int version, String topic, List<End> ends, String requestedBy, long atMs) {
        public Reversal {
            ends = List.copyOf(ends);
        }
    }

    /** The state read back from the topic. */
    public record Snapshot(
            Optional<Identity> identity,
            Optional<Lease> lease,
            Map<TopicPartition, PartitionStatus> partitions,
            Map<String, TopicStatus> unlinkedTopics,
            Optional<Stopped> stopped,
            Optional<StopRequest> stopRequest,
            Map<String, DrainRequest> drainRequests,
            Map<String, DrainDone> drainsDone,
            Map<String, Reversal> reversals) {
        public Snapshot {
            drainRequests = Map.copyOf(drainRequests);
            drainsDone = Map.copyOf(drainsDone);
            reversals = Map.copyOf(reversals);
        }

        public Snapshot(
                Optional<Identity> identity, Optional<Lease> lease, Map<TopicPartition, PartitionStatus> partitions) {
            this(identity, lease, partitions, Map.of());
        }

        public Snapshot(
                Optional<Identity> identity,
                Optional<Lease> lease,
                Map<TopicPartition, PartitionStatus> partitions,
                Map<String, TopicStatus> unlinkedTopics) {
            this(
                    identity,
                    lease,
                    partitions,
                    unlinkedTopics,
                    Optional.empty(),
                    Optional.empty(),
                    Map.of(),
                    Map.of(),
                    Map.of());
        }
    }

    /** The key of {@link Stopped}. */
    public static final String STOPPED = "stopped";
    /** The key of {@link StopRequest}. */
    public static final String STOP_REQUEST = "stop-request";
    /** The key prefix of {@link DrainRequest}s. */
    public static final String DRAIN_REQUEST = "drain-request/";
    /** The key prefix of {@link DrainDone}s. */
    public static final String DRAIN_DONE = "drain-done/";
    /** The key prefix of {@link Reversal}s. */
    public static final String REVERSE = "reverse/";

    private LinkState() {}

    public static Snapshot read(Map<String, Object> targetProps, LinkTopics topics, Duration timeout) {
        Identity identity = null;
        Lease lease = null;
        Map<TopicPartition, PartitionStatus> partitions = new LinkedHashMap<>();
        Map<String, TopicStatus> unlinked = new java.util.TreeMap<>();
        Stopped stopped = null;
        StopRequest stopRequest = null;
        Map<String, DrainRequest> drainRequests = new java.util.TreeMap<>();
        Map<String, DrainDone> drainsDone = new java.util.TreeMap<>();
        Map<String, Reversal> reversals = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : OffsetMapStore.readAll(targetProps, topics.state(), timeout)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            byte[] value = r.value();
            if (key.equals(STOPPED)) {
                stopped = value == null ? null : parse(value, Stopped.class);
            } else if (key.equals(STOP_REQUEST)) {
                stopRequest = value == null ? null : parse(value, StopRequest.class);
            } else if (key.startsWith(DRAIN_REQUEST)) {
                keep(drainRequests, key.substring(DRAIN_REQUEST.length()), value, DrainRequest.class);
            } else if (key.startsWith(DRAIN_DONE)) {
                keep(drainsDone, key.substring(DRAIN_DONE.length()), value, DrainDone.class);
            } else if (key.startsWith(REVERSE)) {
                keep(reversals, key.substring(REVERSE.length()), value, Reversal.class);
            } else if (key.equals("link")) {
                identity = value == null ? null : parse(value, Identity.class);
            } else if (key.equals("lease")) {
                lease = value == null ? null : parse(value, Lease.class);
            } else if (key.startsWith("t/")) {
                if (value == null) {
                    unlinked.remove(key.substring(2));
                } else {
                    unlinked.put(key.substring(2), parse(value, TopicStatus.class));
                }
            } else if (key.startsWith("p/")) {
                PartitionStatus status = value == null ? null : parse(value, PartitionStatus.class);
                TopicPartition tp = partitionOf(key);
                if (tp != null) {
                    if (status == null) {
                        partitions.remove(tp);
                    } else {
                        partitions.put(tp, status);
                    }
                }
            }
        }
        return new Snapshot(
                Optional.ofNullable(identity),
                Optional.ofNullable(lease),
                partitions,
                unlinked,
                Optional.ofNullable(stopped),
                Optional.ofNullable(stopRequest),
                drainRequests,
                drainsDone,
                reversals);
    }

    private static <T> void keep(Map<String, T> into, String id, byte[] value, Class<T> type) {
        if (value == null) {
            into.remove(id);
        } else {
            into.put(id, parse(value, type));
        }
    }

    public static ProducerRecord<byte[], byte[]> record(LinkTopics topics, DrainRequest request) {
        return record(topics, DRAIN_REQUEST + request.id(), request);
    }

    public static ProducerRecord<byte[], byte[]> record(LinkTopics topics, DrainDone done) {
        return record(topics, DRAIN_DONE + done.id(), done);
    }

    public static ProducerRecord<byte[], byte[]> record(LinkTopics topics, Reversal reversal) {
        return record(topics, REVERSE + reversal.topic(), reversal);
    }

    /** Parses a {@link DrainRequest} value, or empty for a tombstone. */
    public static Optional<DrainRequest> drainRequest(byte[] value) {
        return value == null ? Optional.empty() : Optional.of(parse(value, DrainRequest.class));
    }

    public static ProducerRecord<byte[], byte[]> record(LinkTopics topics, Stopped stopped) {
        return record(topics, STOPPED, stopped);
    }

    public static ProducerRecord<byte[], byte[]> record(LinkTopics topics, StopRequest request) {
        return record(topics, STOP_REQUEST, request);
    }

    /** Removes the record under {@code key} ({@link #STOPPED}, {@link #STOP_REQUEST}). */
    public static ProducerRecord<byte[], byte[]> tombstone(LinkTopics topics, String key) {
        return new ProducerRecord<>(topics.state(), 0, key.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Parses a {@link StopRequest} value, or empty for a tombstone. */
    public static Optional<StopRequest> stopRequest(byte[] value) {
        return value == null ? Optional.empty() : Optional.of(parse(value, StopRequest.class));
    }

    public static ProducerRecord<byte[], byte[]> record(LinkTopics topics, Identity identity) {
        return record(topics, "link", identity);
    }

    public static ProducerRecord<byte[], byte[]> record(LinkTopics topics, Lease lease) {
        return record(topics, "lease", lease);
    }

    public static ProducerRecord<byte[], byte[]> record(LinkTopics topics, PartitionStatus status) {
        return record(topics, "p/" + status.topic() + "/" + status.partition(), status);
    }

    public static ProducerRecord<byte[], byte[]> record(LinkTopics topics, TopicStatus status) {
        return record(topics, "t/" + status.topic(), status);
    }

    /** Removes a topic's {@link TopicStatus}: the link copies it now. */
    public static ProducerRecord<byte[], byte[]> topicLinked(LinkTopics topics, String topic) {
        return new ProducerRecord<>(topics.state(), 0, ("t/" + topic).getBytes(StandardCharsets.UTF_8), null);
    }

    private static ProducerRecord<byte[], byte[]> record(LinkTopics topics, String key, Object value) {
        try {
            return new ProducerRecord<>(
                    topics.state(), 0, key.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T parse(byte[] value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable link state record (" + type.getSimpleName() + ")", e);
        }
    }

    private static TopicPartition partitionOf(String key) {
        int slash = key.lastIndexOf('/');
        try {
            return new TopicPartition(key.substring(2, slash), Integer.parseInt(key.substring(slash + 1)));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
