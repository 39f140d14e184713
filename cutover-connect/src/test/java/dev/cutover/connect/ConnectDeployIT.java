package dev.cutover.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.LinkConfig;
import dev.cutover.link.deploy.ConnectClient;
import dev.cutover.link.deploy.ConnectUrl;
import dev.cutover.link.deploy.ConnectorPlan;
import dev.cutover.link.deploy.LinkDeployment;
import dev.cutover.link.lifecycle.LinkStop;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Await;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.Discrepancy;
import dev.cutover.testkit.check.ReplicationReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code link deploy}'s path end to end against a real worker with the plugin installed (the CLI renders what {@link
 * LinkDeployment} returns; its own tests cover the refusals): the connector is created from the workspace's profiles
 * and runs, the link copies; {@code link stop} refuses a link on Connect without writing anything; an update to fewer
 * tasks goes on from the same state; the delete removes the connector, and what was copied is exact.
 */
@ExtendWith(ClustersExtension.class)
class ConnectDeployIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aDeployedConnectorRunsTheLinkAnUpdateGoesOnFromTheSameStateAndADeleteRemovesIt(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path dir)
            throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "c3-deployed";
        Estate.createTopic(s, topic, 3, Map.of());
        ConnectionProfile sourceProfile = new ConnectionProfile(
                "source", Map.of("bootstrap.servers", source.bootstrapServers()), List.of(), Duration.ofSeconds(30));
        ConnectionProfile targetProfile = new ConnectionProfile(
                "target", Map.of("bootstrap.servers", target.bootstrapServers()), List.of(), Duration.ofSeconds(30));
        LinkConfig link = new LinkConfig(
                "c3",
                Optional.of("c3-.*"),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.of(false),
                Map.of(),
                Optional.of(Duration.ofSeconds(3)),
                Optional.empty());
        List<String> said = new ArrayList<>();
        try (ConnectWorker worker = ConnectWorker.start(dir, "w1", target.bootstrapServers(), "c3-connect");
                var plain = Estate.plainProducer(s);
                var tx = Estate.transactionalProducer(s, "c3-writer")) {
            LinkDeployment deployment = new LinkDeployment(
                    new ConnectClient(ConnectUrl.parse(worker.url()), Duration.ofSeconds(30)),
                    target::clusterId,
                    TIMEOUT);
            Estate.write(plain, tx, topic, 3, 0, 150);

            ConnectorPlan plan = ConnectorPlan.of("cutover-link-c3", link, sourceProfile, targetProfile, 3);
            LinkDeployment.Result created = deployment.deploy(plan, said::add);
            assertThat(created.action()).as(said.toString()).isEqualTo(LinkDeployment.Action.CREATED);
            assertThat(created.outcome())
                    .as(created.detail().orElse("") + " " + worker.logTail(80))
                    .isEqualTo(LinkDeployment.Outcome.RUNNING);
            awaitCovered(s, t, topic);

            // link stop does not ask Connect's tasks (they would never answer): it says where the link runs
            LinkStop.Outcome stop = LinkStop.stop(targetProfile, "c3", "tester", "here", TIMEOUT, Clock.systemUTC());
            assertThat(stop).isInstanceOfSatisfying(LinkStop.Outcome.OnKafkaConnect.class, c -> assertThat(
                            c.lease().instance())
                    .startsWith("connect:cutover-link-c3/"));

            // fewer tasks: a new task generation goes on from the stored state
            LinkDeployment.Result updated = deployment.deploy(
                    ConnectorPlan.of("cutover-link-c3", link, sourceProfile, targetProfile, 1), said::add);
            assertThat(updated.action()).isEqualTo(LinkDeployment.Action.UPDATED);
            assertThat(updated.outcome()).isEqualTo(LinkDeployment.Outcome.RUNNING);
            Estate.write(plain, tx, topic, 3, 1, 150);
            awaitCovered(s, t, topic);

            LinkDeployment.Result deleted = deployment.delete("cutover-link-c3", "c3", said::add);
            assertThat(deleted.outcome()).isEqualTo(LinkDeployment.Outcome.DELETED);
            assertThat(worker.status("cutover-link-c3")).isNull();
        }
        ReplicationReport report = ConnectLinkIT.check(s, t, topic, LinkTopics.named("c3"));
        for (Discrepancy.Kind kind : Discrepancy.Kind.values()) {
            assertThat(report.count(IsolationLevel.READ_UNCOMMITTED, kind))
                    .as(kind + " under read_uncommitted: " + report)
                    .isZero();
        }
    }

    private static void awaitCovered(Map<String, Object> s, Map<String, Object> t, String topic) throws Exception {
        Map<String, Object> c = new HashMap<>(s);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<TopicPartition, Long> ends;
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            ends = consumer.endOffsets(
                    List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1), new TopicPartition(topic, 2)),
                    Duration.ofSeconds(30));
        }
        Await.until(topic + " covered to " + ends, TIMEOUT, () -> {
            var maps = OffsetMapStore.load(t, LinkTopics.named("c3"), Duration.ofSeconds(30))
                    .maps();
            return ends.entrySet().stream()
                    .allMatch(e ->
                            maps.containsKey(e.getKey()) && maps.get(e.getKey()).coveredTo() >= e.getValue());
        });
    }
}
