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
}
