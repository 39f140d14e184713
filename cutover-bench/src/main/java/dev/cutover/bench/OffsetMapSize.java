package dev.cutover.bench;

import dev.cutover.link.state.OffsetMapStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * How big a link's offset map is on the target once it has copied the benchmark topic: the bytes its topic ({@code
 * __cutover.<link>.offsets}) takes in the target's log directories (record batches, transaction markers and indexes
 * not counted), the records in it (map bases and chunks, every version of each written so far, as a reader that
 * loads the map reads them before compaction) and the distinct keys among them (what compaction would keep).
 */
public record OffsetMapSize(String topic, long bytesOnDisk, long records, long keys) {

    static OffsetMapSize measure(Admin targetAdmin, Map<String, Object> target, String topic, Duration timeout)
            throws Exception {
        long bytes = BenchTopics.bytesOnDisk(targetAdmin, topic);
        var records = OffsetMapStore.readAll(target, topic, timeout);
        Set<String> keys = records.stream()
                .map(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.toCollection(HashSet::new));
        return new OffsetMapSize(topic, bytes, records.size(), keys.size());
    }
}
