package dev.cutover.probe.verify;

import static dev.cutover.probe.verify.VerifyLinkIT.bytes;
import static dev.cutover.probe.verify.VerifyLinkIT.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verify must find what is wrong, with both offsets: a copy altered on the target, a copy missing on the target. The
 * copies are made by {@link FakeCopier} (one transaction per record: copy i is at target offset 2i), which damages
 * chosen records; an undamaged partition beside them shows the fake copies are otherwise exact.
 */
@ExtendWith(ClustersExtension.class)
class VerifyDamageIT {

    @Test
    void anAlteredAndAMissingCopyAreFoundWithBothOffsets(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given 20 records per partition, copied with source 7 of partition 0 altered (one header's value) and the
        // copy of source 4 of partition 1 aborted (the map claims it; read_committed readers never see it)
        var s = source.adminClientProperties();
        String topic = "verify-damaged";
        produce(s, topic, 3, 20);
        FakeCopier.copy(s, target.adminClientProperties(), "verify-damaged", topic, 3, Map.of(), r -> {
            if (r.partition() == 0 && r.offset() == 7) {
                RecordHeaders headers = new RecordHeaders(r.headers().toArray());
                headers.remove("h");
                headers.add("h", bytes("tampered"));
                return new ConsumerRecord<>(
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        r.timestamp(),
                        r.timestampType(),
                        -1,
                        -1,
                        r.key(),
                        r.value(),
                        headers,
                        Optional.empty());
            }
            return r.partition() == 1 && r.offset() == 4 ? null : r;
        });

        // When
        VerifyReport report = verify(source, target, "verify-damaged", OptionalInt.empty());

        // Then
        assertThat(report.verdict()).isEqualTo(VerifyReport.Verdict.DIFFERENCES);
        assertThat(report.exitCode()).isEqualTo(1);
        var partitions = report.topics().get(0).partitions();
        assertThat(partitions.get(0).firstMismatch())
                .isEqualTo(new Mismatch(Mismatch.Kind.DIFFERING, 7L, 14L, "header 0 ('h') differs"));
        assertThat(partitions.get(0).counts()).isEqualTo(new Counts(20, 20, 20, 1, 0, 0, 0, 0));
        assertThat(partitions.get(1).firstMismatch())
                .isEqualTo(new Mismatch(
                        Mismatch.Kind.MISSING, 4L, 8L, "the target holds no record where the map puts its copy"));
        assertThat(partitions.get(1).counts()).isEqualTo(new Counts(20, 19, 19, 0, 1, 0, 0, 0));
        assertThat(partitions.get(2).firstMismatch()).isNull();
        assertThat(partitions.get(2).counts()).isEqualTo(new Counts(20, 20, 20, 0, 0, 0, 0, 0));
        assertThat(report.summary().differences()).isEqualTo(2);
    }

    @Test
    void aLogAppendTimeTargetIsComparedWithoutTimestamps(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given records with old timestamps, copied into a target topic that stamps LogAppendTime
        var s = source.adminClientProperties();
        produce(s, "verify-lat", 1, 10);
        FakeCopier.copy(
                s,
                target.adminClientProperties(),
                "verify-lat",
                "verify-lat",
                1,
                Map.of("message.timestamp.type", "LogAppendTime"),
                r -> r);

        // When
        VerifyReport report = verify(source, target, "verify-lat", OptionalInt.empty());

        // Then the broker's own timestamps are not a difference, and the report says they were not compared
        assertThat(report.verdict()).as("%s", report).isEqualTo(VerifyReport.Verdict.NO_DIFFERENCE);
        assertThat(report.topics().get(0).timestampsCompared()).isFalse();
        assertThat(report.summary().compared()).isEqualTo(10);
    }

    /** {@code perPartition} records per partition with headers, timestamps an hour old; offsets 0… per partition. */
    static void produce(Map<String, Object> props, String topic, int partitions, int perPartition) throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        long base = System.currentTimeMillis() - 3_600_000;
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < perPartition; i++) {
                for (int partition = 0; partition < partitions; partition++) {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add("h", bytes("h" + i));
                    headers.add("trace", null);
                    producer.send(new ProducerRecord<>(
                            topic,
                            partition,
                            base + i,
                            i % 5 == 0 ? null : bytes("k" + i),
                            bytes(topic + "-" + partition + "-" + i),
                            headers));
                }
            }
        }
    }
}
