package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorMakerReplicatorTest {
    private static final Map<String, Object> SOURCE = Map.of("bootstrap.servers", "s:9092");
    private static final Map<String, Object> TARGET = Map.of("bootstrap.servers", "t:9092");

    @Test
    void defaultsMirrorOnlyTheTopicAndGroupWithIdentityNames() {
        // When the properties of a run are built
        Map<String, String> props = MirrorMakerReplicator.defaults("g").properties("src1", "tgt1", SOURCE, TARGET, "t");

        // Then one flow copies one topic and one group, keeping names, with RF 1 internal topics
        assertThat(props)
                .containsEntry("clusters", "src1,tgt1")
                .containsEntry("src1.bootstrap.servers", "s:9092")
                .containsEntry("tgt1.bootstrap.servers", "t:9092")
                .containsEntry("src1->tgt1.enabled", "true")
                .containsEntry("src1->tgt1.topics", "t")
                .containsEntry("src1->tgt1.groups", "g")
                .containsEntry("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy")
                .containsEntry("offset.storage.replication.factor", "1")
                .containsEntry("sync.group.offsets.enabled", "true")
                .doesNotContainKey("tasks.max");
    }

    @Test
    void tunedSetsTasksBatchesAndFetchesOnTheRightClusters() {
        Map<String, String> props = MirrorMakerReplicator.tuned("g").properties("src2", "tgt2", SOURCE, TARGET, "t");

        assertThat(props)
                .containsEntry("tasks.max", "4")
                .containsEntry("tgt2.producer.linger.ms", "20")
                .containsEntry("tgt2.producer.batch.size", "524288")
                .containsEntry("src2.consumer.fetch.max.bytes", "4194304")
                .containsEntry("src2.consumer.max.partition.fetch.bytes", "4194304");
    }

    @Test
    void exactlyOnceIsTheTunedSetUpWithKip618SettingsOnTheRightClusters() {
        // When the properties of an exactly-once run are built
        Map<String, String> props =
                MirrorMakerReplicator.exactlyOnce("g").properties("src3", "tgt3", SOURCE, TARGET, "t");

        // Then the worker writing to the target supports exactly-once source tasks, the source is read committed, the
        // dedicated node runs its internal REST server (zombie fencing), and the tuning is the tuned set-up's
        assertThat(props)
                .containsEntry("tgt3.exactly.once.source.support", "enabled")
                .containsEntry("src3.consumer.isolation.level", "read_committed")
                .containsEntry("dedicated.mode.enable.internal.rest", "true")
                .containsEntry("listeners", "http://localhost:0")
                .containsEntry("tasks.max", "4")
                .containsEntry("tgt3.producer.batch.size", "524288")
                .containsEntry("src3->tgt3.topics", "t");
        assertThat(MirrorMakerReplicator.tuned("g").properties("src4", "tgt4", SOURCE, TARGET, "t"))
                .doesNotContainKey("tgt4.exactly.once.source.support");
    }
}
