package dev.cutover.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads MirrorMaker 2's documented per-partition metric {@code record-count} ("number of source records replicated to
 * the target cluster", MBeans {@code kafka.connect.mirror:type=MirrorSourceConnector,target=…,topic=…,partition=…})
 * from this JVM's MBean server. A record counts once the target acknowledged it, which under exactly-once may be before
 * its transaction commits.
 */
final class MirrorMakerMetrics {
    private static final String COUNT = "record-count";

    private MirrorMakerMetrics() {}

    /** Records of {@code topic} that the MirrorMaker 2 flow into {@code targetAlias} has copied, summed over partitions. */
    static long recordCount(String targetAlias, String topic) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        // Legacy and current metrics may both be registered for a partition (different tags): count each partition
        // once.
        Map<String, Long> perPartition = new HashMap<>();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("*:type=MirrorSourceConnector,*"), null)) {
                String partition = name.getKeyProperty("partition");
                if (partition == null
                        || !targetAlias.equals(name.getKeyProperty("target"))
                        || !topic.equals(name.getKeyProperty("topic"))) {
                    continue;
                }
                Object value;
                try {
                    value = server.getAttribute(name, COUNT);
                } catch (InstanceNotFoundException | AttributeNotFoundException e) {
                    continue; // a task stopping or rebalancing right now
                }
                if (value instanceof Number count) {
                    perPartition.merge(partition, count.longValue(), Math::max);
                }
            }
        } catch (JMException e) {
            throw new IllegalStateException("cannot read MirrorMaker 2's " + COUNT + " metric: " + e, e);
        }
        return perPartition.values().stream().mapToLong(Long::longValue).sum();
    }
}
