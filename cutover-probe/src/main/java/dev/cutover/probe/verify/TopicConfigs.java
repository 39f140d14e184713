package dev.cutover.probe.verify;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The topic configs that decide how verify compares (compaction on either side, the target's timestamp type). */
@FunctionalInterface
public interface TopicConfigs {
    /**
     * @param onTarget the topic exists on the target
     * @param compactedSource the source topic's cleanup.policy includes compact
     * @param compactedTarget the target topic's cleanup.policy includes compact
     * @param logAppendTime the target topic's message.timestamp.type is LogAppendTime: the broker stamps its own time,
     *     so copies' timestamps legitimately differ from the source's and are not compared
     */
    record Shape(boolean onTarget, boolean compactedSource, boolean compactedTarget, boolean logAppendTime) {}

    Map<String, Shape> shapes(Collection<String> topics) throws InterruptedException;

    /** Described with both clusters' Admin clients (DESCRIBE_CONFIGS on the topics). */
    static TopicConfigs of(Admin source, Admin target, Duration timeout) {
        return topics -> {
            Map<String, Config> s = describe(source, topics, timeout);
            Map<String, Config> t = describe(target, topics, timeout);
            Map<String, Shape> out = new HashMap<>();
            for (String topic : topics) {
                Config sc = s.get(topic);
                Config tc = t.get(topic);
                out.put(
                        topic,
                        new Shape(
                                tc != null,
                                compacted(sc),
                                compacted(tc),
                                tc != null && "LogAppendTime".equals(value(tc, "message.timestamp.type"))));
            }
            return out;
        };
    }

    private static Map<String, Config> describe(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException {
        Map<ConfigResource, KafkaFuture<Config>> futures = admin.describeConfigs(
                        topics.stream()
                                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                                .toList(),
                        new DescribeConfigsOptions().timeoutMs((int) timeout.toMillis()))
                .values();
        Map<String, Config> out = new HashMap<>();
        for (var e : futures.entrySet()) {
            try {
                out.put(e.getKey().name(), e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw ex.getCause() instanceof RuntimeException re ? re : new IllegalStateException(ex.getCause());
                }
            } catch (java.util.concurrent.TimeoutException ex) {
                throw new org.apache.kafka.common.errors.TimeoutException(
                        "describing topic configs took longer than " + timeout, ex);
            }
        }
        return out;
    }

    private static boolean compacted(Config c) {
        return c != null && value(c, "cleanup.policy").contains("compact");
    }

    private static String value(Config c, String name) {
        ConfigEntry e = c.get(name);
        return e == null || e.value() == null ? "" : e.value();
    }
}
