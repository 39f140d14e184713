package dev.cutover.testkit.clients;

import dev.cutover.testkit.check.PartitionLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** What a topic holds, as text values per partition in log order (committed records only): to compare with an app's log. */
public final class TopicValues {
    private TopicValues() {}

    /** Partitions with no record are left out, as an application's log of what it wrote has none for them. */
    public static Map<Integer, List<String>> byPartition(
            Map<String, Object> clientProps, String topic, int partitions, Duration timeout) {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (int p = 0; p < partitions; p++) {
            List<String> values = PartitionLog.read(
                            clientProps, new TopicPartition(topic, p), IsolationLevel.READ_COMMITTED, timeout)
                    .records()
                    .stream()
                    .map(r -> r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8))
                    .toList();
            if (!values.isEmpty()) {
                out.put(p, values);
            }
        }
        return out;
    }

    /**
     * Waits until every cluster ({@code sides}, as client properties) holds a record of {@code topic} stamped more than
     * {@code age} ago: what a dual-write comparison whose window ends {@code age} before now needs to compare.
     */
    public static void awaitRecordsOlderThan(
            List<Map<String, Object>> sides, String topic, int partitions, Duration age, Duration timeout)
            throws InterruptedException {
        ClientApp.await(
                topic + " to hold records older than " + age.toMillis() + " ms on every side",
                timeout,
                () -> sides.stream()
                        .allMatch(props -> hasRecordsBefore(
                                props,
                                topic,
                                partitions,
                                java.time.Instant.now().minus(age))));
    }

    /**
     * Whether some partition of {@code topic} holds a record stamped before {@code time}: a dual-write comparison whose
     * window ends then has records to compare.
     */
    public static boolean hasRecordsBefore(
            Map<String, Object> props, String topic, int partitions, java.time.Instant time) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> at = new java.util.HashMap<>();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> start = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                at.put(
                        new TopicPartition(topic, p),
                        org.apache.kafka.clients.admin.OffsetSpec.forTimestamp(time.toEpochMilli()));
                start.put(new TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.earliest());
            }
            var first = admin.listOffsets(start).all().get();
            var atTime = admin.listOffsets(at).all().get();
            var ends = admin.listOffsets(at.keySet().stream()
                            .collect(java.util.stream.Collectors.toMap(
                                    tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest())))
                    .all()
                    .get();
            for (TopicPartition tp : at.keySet()) {
                long offset = atTime.get(tp).offset();
                // the first record at or after the time comes after the log start, or every record is older
                if (offset > first.get(tp).offset()
                        || offset < 0 && ends.get(tp).offset() > first.get(tp).offset()) {
                    return true;
                }
            }
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot list offsets of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
