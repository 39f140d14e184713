package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static dev.cutover.link.engine.LinkHarness.assertExact;
import static dev.cutover.link.engine.LinkHarness.await;
import static dev.cutover.link.engine.LinkHarness.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.LoggedRecord;
import dev.cutover.testkit.check.PartitionLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code --max-bytes-per-second}: the copy takes at least as long as the limit allows, and never holds more than a
 * fraction of a second's worth of records in one transaction (what the link keeps in flight between a fetch and a
 * commit), so memory follows the limit rather than the backlog.
 */
@ExtendWith(ClustersExtension.class)
class LinkThrottleIT {
    private static final int RECORDS = 10_000;
    private static final int VALUE_BYTES = 1000;
    private static final long LIMIT = 2_000_000;

    @Test
    void aThrottledLinkCopiesTenMegabytesNoFasterThanTheLimitInSmallTransactions(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given 10 MB on four source partitions, there before the link starts (a backlog it could copy at once)
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "throttled";
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
        }
        long copiedBytes = produce(s, topic);
        assertThat(copiedBytes).isGreaterThan(10_000_000);

        // When a link limited to 2 MB/s copies it
        LinkSettings settings = LinkSettings.defaults("throttled")
                .include(topic)
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500))
                .maxBytesPerSecond(LIMIT);
        long elapsedMs;
        long startNanos = System.nanoTime();
        try (LinkHandle link = LinkHarness.start(s, t, settings, event -> {})) {
            await(() -> link.copied() >= RECORDS || link.failure().isPresent());
            elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            link.stop();
            assertThat(link.awaitEnded(TIMEOUT)).isTrue();
            assertThat(link.failure()).as("link failure").isEmpty();
        }

        // Then it took at least (10 MB - the last transaction) / 2 MB/s: no burst beyond the limit
        assertThat(elapsedMs)
                .as("copying %d bytes at %d bytes/s", copiedBytes, LIMIT)
                .isGreaterThanOrEqualTo(4000);
        // and no transaction held more than half a second's worth on any partition: the target's commit markers
        // (one offset each, after each transaction's records) cut every partition into runs of one transaction
        for (int p = 0; p < 4; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            List<LoggedRecord> copied = PartitionLog.read(t, tp, IsolationLevel.READ_UNCOMMITTED, TIMEOUT)
                    .records();
            assertThat(longestRun(copied))
                    .as("records of one transaction on %s", tp)
                    .isPositive()
                    .isLessThanOrEqualTo((int) (LIMIT / 2 / VALUE_BYTES));
        }
        assertExact(s, t, topic, settings.topics());
    }

    /** The longest run of consecutive offsets: the records of one transaction on one partition. */
    private static int longestRun(List<LoggedRecord> records) {
        int longest = 0;
        int run = 0;
        long previous = Long.MIN_VALUE;
        for (LoggedRecord r : records) {
            run = r.offset() == previous + 1 ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = r.offset();
        }
        return longest;
    }

    /** {@value #RECORDS} records of {@value #VALUE_BYTES} bytes, round robin; returns their key and value bytes. */
    private static long produce(Map<String, Object> clientProps, String topic) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long total = 0;
        byte[] value = new byte[VALUE_BYTES];
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] key = bytes("k" + i);
                value[0] = (byte) i;
                producer.send(new ProducerRecord<>(topic, i % 4, key, value.clone()));
                total += key.length + value.length;
            }
            producer.flush();
        }
        return total;
    }
}
