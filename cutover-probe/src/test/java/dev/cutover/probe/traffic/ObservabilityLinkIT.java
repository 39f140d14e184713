package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ClusterConnection;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The replication-lag check against the state a real link ({@link LinkService}) stored on the target. */
@ExtendWith(ClustersExtension.class)
class ObservabilityLinkIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theLinksStoredLagOfEachLinkedPartitionPassesAndATopicItDoesNotCopyIsUnknownByName(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given link "obs" copying obs-linked (2 partitions, 7 records) to the target, and obs-other on the target
        // that no link copies
        var s = source.adminClientProperties();
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("obs-linked", 2, (short) 1)))
                    .all()
                    .get();
        }
        try (Admin admin = target.admin()) {
            admin.createTopics(List.of(new NewTopic("obs-other", 1, (short) 1)))
                    .all()
                    .get();
        }
        try (var producer = new KafkaProducer<>(s, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 7; i++) {
                producer.send(new ProducerRecord<>("obs-linked", i % 2, "k" + i, "v" + i))
                        .get();
            }
        }
        LinkSettings settings = LinkSettings.defaults("obs")
                .include("obs-linked")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        try (LinkHandle link = LinkService.start(s, target.adminClientProperties(), settings, event -> {})) {
            assertThat(link.awaitStarted(TIMEOUT))
                    .as("started: %s", link.failure())
                    .isTrue();
            link.awaitCoverage(ends(source), TIMEOUT);

            // When the probe asks for the replication lag of the workload's topics
            ProbeCheck linked;
            ProbeCheck withOther;
            ProbeCheck otherLink;
            try (ClusterConnection c = ClusterConnection.open(ObservabilityIT.profile(target, List.of(), TIMEOUT))) {
                ObservabilityChecks checks = new ObservabilityChecks(c);
                linked = checks.replicationLag(List.of("obs-linked"), "obs");
                withOther = checks.replicationLag(List.of("obs-linked", "obs-other"), "obs");
                otherLink = checks.replicationLag(List.of("obs-linked"), "default");
            }

            System.out.println("observability: " + linked.details());
            // Then the linked topic's lag is visible, per partition, with the link running
            assertThat(linked.status()).as(linked.details()).isEqualTo(ProbeCheck.Status.PASS);
            assertThat(linked.name()).isEqualTo("observability: replication lag of link obs");
            assertThat(linked.details())
                    .containsPattern("^obs-linked: 2 partition\\(s\\), lag \\d+ record\\(s\\), oldest uncopied \\d+ ms"
                            + " \\(((caught-up|running) \\d)(, (caught-up|running) \\d)?\\)")
                    .contains("the link runs: the lag is current");
            // and a topic the link does not copy is unknown, by name, as is a link that never ran
            assertThat(withOther.status()).isEqualTo(ProbeCheck.Status.UNKNOWN);
            assertThat(withOther.details()).startsWith("obs-other is not linked by link obs");
            assertThat(otherLink.status()).isEqualTo(ProbeCheck.Status.UNKNOWN);
            assertThat(otherLink.details()).startsWith("link default has no state on the target");
            link.stop();
            assertThat(link.awaitEnded(TIMEOUT)).isTrue();
        }
    }

    private static Map<TopicPartition, Long> ends(EmbeddedCluster source) throws Exception {
        try (Admin admin = source.admin()) {
            Map<TopicPartition, OffsetSpec> latest = Map.of(
                    new TopicPartition("obs-linked", 0), OffsetSpec.latest(),
                    new TopicPartition("obs-linked", 1), OffsetSpec.latest());
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }
}
