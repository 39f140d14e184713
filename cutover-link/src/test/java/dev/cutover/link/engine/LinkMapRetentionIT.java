package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.assertExact;
import static dev.cutover.link.engine.LinkHarness.runUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stored offset map follows the source's retention: chunks below the source's log start are deleted. */
@ExtendWith(ClustersExtension.class)
class LinkMapRetentionIT {

    @Test
    void chunksBelowTheSourceLogStartAreDroppedAndEveryRetainedOffsetStillTranslatesExactly(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a source partition of 150 transactions of 3 records (a marker after each: 150 runs in the map),
        // copied in six runs of a link whose map chunks are tiny, so that the map is stored in several chunks
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "retained";
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        LinkSettings settings = LinkSettings.defaults("retention")
                .include(topic)
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500))
                .mapChunkBytes(16);
        for (int round = 0; round < 6; round++) { // each run of the link continues the map in a new chunk
            produceTransactions(s, topic, round, 25, 3);
            runUntil(s, t, settings, e -> e.copied() >= 75);
        }
        assertExact(s, t, topic, settings.topics());
        OffsetMapStore.Stored before = OffsetMapStore.load(t, settings.topics(), LinkHarness.TIMEOUT);
        PartitionOffsetMap whole = before.maps().get(tp);
        assertThat(before.chunkStarts(tp)).hasSizeGreaterThan(4);

        // When retention moves the source's log start to 300 and the link runs again
        long logStart = 300;
        try (Admin admin = Admin.create(s)) {
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(logStart)))
                    .all()
                    .get();
        }
        runUntil(s, t, settings, e -> true);

        // Then the chunks wholly below the log start are gone, the first kept one begins at or below it
        OffsetMapStore.Stored after = OffsetMapStore.load(t, settings.topics(), LinkHarness.TIMEOUT);
        assertThat(after.chunkStarts(tp)).hasSizeLessThan(before.chunkStarts(tp).size());
        assertThat(after.chunkStarts(tp).firstEntry().getValue()).isLessThanOrEqualTo(logStart);
        assertThat(after.chunkStarts(tp).firstEntry().getValue())
                .isGreaterThan(before.chunkStarts(tp).firstEntry().getValue());
        // And every offset from the log start translates as before, and one below it as the log start
        PartitionOffsetMap trimmed = after.maps().get(tp);
        for (long offset = logStart; offset <= whole.coveredTo(); offset++) {
            assertThat(trimmed.translate(offset)).as("source offset %d", offset).isEqualTo(whole.translate(offset));
        }
        assertThat(trimmed.translate(10)).isEqualTo(whole.translate(logStart));
    }

    private static void produceTransactions(
            Map<String, Object> props, String topic, int round, int transactions, int size) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "retention-writer");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int i = 0; i < transactions; i++) {
                producer.beginTransaction();
                for (int j = 0; j < size; j++) {
                    producer.send(new ProducerRecord<>(topic, 0, null, ("r-" + round + "-" + i + "-" + j).getBytes()));
                }
                producer.commitTransaction();
            }
        }
    }
}
