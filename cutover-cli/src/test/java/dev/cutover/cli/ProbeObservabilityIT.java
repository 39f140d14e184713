package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.PlatformJmx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover probe} answers {@code OBS-001} itself: with the target brokers' JMX in the target profile, a link
 * copying the workload's topic and the workload's group committed on the target, every check passes and the
 * observability evidence is a pass, which readiness counts.
 */
@ExtendWith(ClustersExtension.class)
class ProbeObservabilityIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void withJmxALinkAndCommittedOffsetsTheProbesObservabilityEvidenceAnswersObs001(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a topic with 5 records per partition, copied by link "default", the group committed at 2 and 5 on
        // the target (5 is not the end there: the link's transaction markers follow the records), and the target
        // profile naming the brokers' JMX
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("obs", 2, (short) 1))).all().get();
        }
        try (var producer =
                new KafkaProducer<>(source.adminClientProperties(), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("obs", i % 2, "k" + i, "v" + i))
                        .get();
            }
        }
        LinkSettings settings =
                LinkSettings.defaults("default").include("obs").lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        try (PlatformJmx jmx = PlatformJmx.start();
                LinkHandle link = LinkService.start(
                        source.adminClientProperties(), target.adminClientProperties(), settings, event -> {})) {
            assertThat(link.awaitStarted(TIMEOUT))
                    .as("started: %s", link.failure())
                    .isTrue();
            link.awaitCoverage(Map.of(new TopicPartition("obs", 0), 5L, new TopicPartition("obs", 1), 5L), TIMEOUT);
            try (Admin admin = target.admin()) {
                admin.alterConsumerGroupOffsets(
                                "obs-app",
                                Map.of(
                                        new TopicPartition("obs", 0), new OffsetAndMetadata(2),
                                        new TopicPartition("obs", 1), new OffsetAndMetadata(5)))
                        .all()
                        .get();
            }
            workspace(source, target, jmx.url());
            Cli.Result before = Cli.run("readiness", "--workspace", dir.toString());
            assertThat(before.out()).as(before.all()).contains("OBS-001");

            // When
            Cli.Result r = Cli.run("probe", "--workspace", dir.toString(), "--workload", "obs-app", "--output", "json");

            // Then every check passes, the observability ones with what they read
            assertThat(r.exitCode()).as(r.all()).isZero();
            JsonNode report = ProbeIT.JSON.readTree(r.out());
            assertThat(ProbeIT.check(report, "observability: target broker metrics readable")
                            .get("details")
                            .asText())
                    .contains(
                            jmx.url(),
                            "FailedProduceRequestsPerSec Count=",
                            "failed-authentication-total=",
                            "ErrorsPerSec");
            // (the link writes in transactions: their markers take offsets, and lag counts offsets as Kafka's tools do)
            long end0 = ProbeIT.endOffsets(target, "obs").get("obs-0");
            long end1 = ProbeIT.endOffsets(target, "obs").get("obs-1");
            assertThat(end0).isGreaterThan(5);
            assertThat(ProbeIT.check(report, "observability: consumer lag of obs-app on the target")
                            .get("details")
                            .asText())
                    .startsWith("obs-app: lag " + ((end0 - 2) + (end1 - 5)) + " over 2 partition(s), max " + (end0 - 2)
                            + " on obs-0");
            assertThat(ProbeIT.check(report, "observability: replication lag of link default")
                            .get("details")
                            .asText())
                    .startsWith("obs: 2 partition(s), lag ");

            // And the observability evidence is a pass, which answers OBS-001
            JsonNode evidence = observabilityEvidence();
            assertThat(evidence.get("kind").asText()).isEqualTo("probe");
            assertThat(evidence.get("result").asText()).isEqualTo("pass");
            assertThat(evidence.get("targetClusterId").asText()).isEqualTo(target.clusterId());
            Cli.Result after = Cli.run("readiness", "--workspace", dir.toString());
            assertThat(after.out()).as(after.all()).doesNotContain("OBS-001");
            link.stop();
            assertThat(link.awaitEnded(TIMEOUT)).isTrue();
        }
    }

    private JsonNode observabilityEvidence() throws Exception {
        try (var files = Files.list(dir.resolve("evidence"))) {
            List<Path> mine = files.filter(f -> f.getFileName().toString().contains("-observability-"))
                    .toList();
            assertThat(mine).hasSize(1);
            return ProbeIT.JSON.readTree(mine.get(0).toFile());
        }
    }

    private void workspace(EmbeddedCluster source, EmbeddedCluster target, String jmxUrl) throws Exception {
        TwoClusterWorkspace.write(dir, source, target);
        String yaml = Files.readString(dir.resolve("cutover.yaml"))
                .replace(
                        "      bootstrap.servers: " + target.bootstrapServers() + "\n",
                        "      bootstrap.servers: " + target.bootstrapServers() + "\n    jmx: [\"" + jmxUrl + "\"]\n");
        assertThat(yaml).contains("jmx:");
        Files.writeString(dir.resolve("cutover.yaml"), yaml);
        Files.writeString(
                dir.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: obs-app
                    owner: team
                    roles: [consumer]
                    topics: [obs]
                    match: {groupId: obs-app}
                """);
    }
}
