package dev.cutover.doctor;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ClusterConnection;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/** Disk use and free space from the brokers' log directories (DescribeLogDirs; needs DESCRIBE on CLUSTER). */
final class Space {
    /** A run of the offset map costs 1–5 bytes; a busy partition adds at most ~1.7 MB a day (docs/offset-map.md). */
    static final long MAP_BYTES_PER_PARTITION_DAY = 1_700_000;

    private Space() {}

    /** Bytes the topics hold, one replica each (the largest replica of each partition); empty if not readable. */
    static OptionalLong topicBytes(ClusterConnection c, Collection<Node> nodes, Set<String> topics) {
        if (topics.isEmpty()) {
            return OptionalLong.of(0);
        }
        Map<TopicPartition, Long> largest = new HashMap<>();
        try {
            for (Map<String, LogDirDescription> dirs : describe(c, nodes).values()) {
                for (LogDirDescription dir : dirs.values()) {
                    dir.replicaInfos().forEach((tp, info) -> {
                        if (topics.contains(tp.topic())) {
                            largest.merge(tp, info.size(), Math::max);
                        }
                    });
                }
            }
        } catch (CutoverException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(
                largest.values().stream().mapToLong(Long::longValue).sum());
    }

    /** Usable bytes per broker (summed over its log directories); brokers that do not report it are left out. */
    static Map<Integer, Long> usable(ClusterConnection c, Collection<Node> nodes) {
        Map<Integer, Long> usable = new HashMap<>();
        describe(c, nodes).forEach((broker, dirs) -> {
            long sum = 0;
            boolean reported = false;
            for (LogDirDescription dir : dirs.values()) {
                if (dir.usableBytes().isPresent()) {
                    sum += dir.usableBytes().getAsLong();
                    reported = true;
                }
            }
            if (reported) {
                usable.put(broker, sum);
            }
        });
        return usable;
    }

    private static Map<Integer, Map<String, LogDirDescription>> describe(ClusterConnection c, Collection<Node> nodes) {
        List<Integer> ids = nodes.stream().map(Node::id).toList();
        return c.await(c.admin().describeLogDirs(ids).allDescriptions(), "describe the brokers' log directories");
    }

    /** Bytes in words: 1.2 GiB, 340 MiB, 12 KiB. */
    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
