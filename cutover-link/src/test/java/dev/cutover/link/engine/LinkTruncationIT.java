package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static dev.cutover.link.engine.LinkHarness.await;
import static dev.cutover.link.engine.LinkHarness.bytes;
import static dev.cutover.link.engine.LinkHarness.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.LoggedRecord;
import dev.cutover.testkit.check.PartitionLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Source log truncation after a real unclean leader election, on a 3-node KRaft source: records written with acks=1
 * while the follower is down are copied, then the leader goes down and the out-of-sync follower is elected uncleanly,
 * so the source log ends below what the link copied, and then grows back past it with other records. A link running
 * through it and a link started only after the log grew back both stop that partition with the truncation reason,
 * never copy the replacing records, and leave what they copied as it was; the partitions on other nodes go on.
 *
 * <p>Layout: partition 0 of each topic on nodes 1 (leader) and 2; partition 1 on nodes 0 (leader) and 1. Node 2 is stopped, 5
 * records go to node 1 alone (acks=1), node 1 is stopped and node 2 started (for a moment only node 0 runs and the
 * controller quorum is lost), then node 2 is elected uncleanly ({@code Admin.electLeaders(UNCLEAN)}).
 */
@ExtendWith(ClustersExtension.class)
class LinkTruncationIT {
    private static final String RUNNING = "trunc-running";
    private static final String RESTARTED = "trunc-restarted";

    @Test
    void anUncleanElectionThatTruncatesCopiedRecordsStopsThePartitionEvenAfterTheLogGrowsBack(
            @Cluster("target") EmbeddedCluster target) throws Exception {
        try (EmbeddedCluster source = EmbeddedCluster.start(EmbeddedCluster.Options.named("trunc-source")
                .brokers(3)
                .brokerConfig(Map.of(
                        // fence a stopped node within seconds, not 9 s
                        "broker.session.timeout.ms", "3000",
                        "broker.heartbeat.interval.ms", "500")))) {
            var s = source.adminClientProperties();
            var t = target.adminClientProperties();
            Map<String, String> unclean = Map.of("unclean.leader.election.enable", "true", "min.insync.replicas", "1");
            try (Admin admin = source.admin()) {
                admin.createTopics(List.of(
                                new NewTopic(RUNNING, Map.of(0, List.of(1, 2), 1, List.of(0, 1))).configs(unclean),
                                new NewTopic(RESTARTED, Map.of(0, List.of(1, 2), 1, List.of(0, 1))).configs(unclean)))
                        .all()
                        .get();
            }
            // Given 10 records on each partition, on every replica
            for (String topic : List.of(RUNNING, RESTARTED)) {
                for (int p = 0; p < 2; p++) {
                    produce(s, topic, p, "all", "a", 0, 10);
                }
            }
            LinkSettings running = settings(RUNNING);
            LinkSettings restarted = settings(RESTARTED);
            Events runningErrors = new Events();
            Events restartedErrors = new Events();
            try (Background first = Background.start(s, t, running, runningErrors);
                    Background second = Background.start(s, t, restarted, restartedErrors)) {
                await(() -> first.link.copied() >= 20 && second.link.copied() >= 20);

                // and 5 more on partition 0, on node 1 alone (node 2 is down, acks=1), which both links copy
                source.stopNode(2);
                awaitIsr(source, Set.of(1));
                for (String topic : List.of(RUNNING, RESTARTED)) {
                    produce(s, topic, 0, "1", "b", 10, 5);
                }
                await(() -> first.link.copied() >= 25 && second.link.copied() >= 25);
                second.stop(); // the second link is down from here until the source log has grown back
            }
            // (the first link was stopped too: it starts again now, before the election, and runs through it)
            runningErrors.copying = false;
            List<LoggedRecord> copiedRunning = targetLog(t, RUNNING);
            List<LoggedRecord> copiedRestarted = targetLog(t, RESTARTED);
            assertThat(copiedRunning).hasSize(15);
            assertThat(copiedRestarted).hasSize(15);
            try (Background first = Background.start(s, t, running, runningErrors)) {
                await(() -> runningErrors.copying);

                // When node 1 (leader, holding the 5) goes down and node 2, which lacks them, is elected uncleanly
                source.stopNode(1);
                source.startNode(2);
                electUncleanly(source);
                await(() -> sourceEnd(s, RUNNING) == 10 && sourceEnd(s, RESTARTED) == 10); // below the 15 copied

                // Then the running link stops partition 0 with the truncation reason
                TopicPartition runningP0 = new TopicPartition(RUNNING, 0);
                await(() -> runningErrors.reasons.containsKey(runningP0));
                assertThat(runningErrors.reasons.get(runningP0))
                        .contains("truncated")
                        .contains("an unclean leader election?")
                        .contains("copied up to 15");

                // When the source log grows back past where the links were, with other records
                for (String topic : List.of(RUNNING, RESTARTED)) {
                    produce(s, topic, 0, "all", "c", 10, 10);
                    produce(s, topic, 1, "all", "d", 10, 5);
                }
                assertThat(sourceEnd(s, RESTARTED)).isEqualTo(20);
                // Then the running link copies partition 1 on, and nothing of the replacing records
                await(() -> state(t, running.topics())
                                .partitions()
                                .get(new TopicPartition(RUNNING, 1))
                                .replicatedTo()
                        == 15);
                assertUntouched(t, RUNNING, copiedRunning);
                assertStopped(t, running, runningP0, 15);
                first.stop(); // and the engine itself never failed
            }

            // When the second link starts only now, with the source log grown back past its position
            try (Background second = Background.start(s, t, restarted, restartedErrors)) {
                TopicPartition restartedP0 = new TopicPartition(RESTARTED, 0);
                // Then it stops partition 0 too, and copies partition 1 on
                await(() -> restartedErrors.reasons.containsKey(restartedP0));
                assertThat(restartedErrors.reasons.get(restartedP0))
                        .contains("truncated")
                        .contains("an unclean leader election?")
                        .contains("diverges from what the link read at offset 10");
                await(() -> state(t, restarted.topics())
                                .partitions()
                                .get(new TopicPartition(RESTARTED, 1))
                                .replicatedTo()
                        == 15);
                assertUntouched(t, RESTARTED, copiedRestarted);
                assertStopped(t, restarted, restartedP0, 15);
                second.stop();
            }
        }
    }

    private static LinkSettings settings(String topic) {
        return LinkSettings.defaults(topic).include(topic).lease(Duration.ofMillis(1500), Duration.ofMillis(500));
    }

    /** Partition 0 on the target still holds exactly what was copied before the election, and nothing aborted. */
    private static void assertUntouched(Map<String, Object> t, String topic, List<LoggedRecord> copied) {
        assertThat(targetLog(t, topic)).isEqualTo(copied);
        assertThat(PartitionLog.read(t, new TopicPartition(topic, 0), IsolationLevel.READ_UNCOMMITTED, TIMEOUT)
                        .records())
                .isEqualTo(copied);
        assertThat(copied.subList(10, 15))
                .extracting(r -> new String(r.value()))
                .containsExactly("b-10", "b-11", "b-12", "b-13", "b-14");
    }

    private static void assertStopped(Map<String, Object> t, LinkSettings settings, TopicPartition tp, long copiedTo)
            throws InterruptedException {
        await(() -> state(t, settings.topics()).partitions().get(tp).state() == PartitionState.ERROR);
        LinkState.PartitionStatus status =
                state(t, settings.topics()).partitions().get(tp);
        assertThat(status.reason()).contains("an unclean leader election?");
        assertThat(status.replicatedTo()).isEqualTo(copiedTo);
    }

    private static List<LoggedRecord> targetLog(Map<String, Object> t, String topic) {
        return PartitionLog.read(t, new TopicPartition(topic, 0), IsolationLevel.READ_COMMITTED, TIMEOUT)
                .records();
    }

    /** Waits until partition 0 of both topics has exactly {@code isr} in sync. */
    private static void awaitIsr(EmbeddedCluster source, Set<Integer> isr) throws Exception {
        try (Admin admin = source.admin()) {
            await(() -> {
                try {
                    Map<String, TopicDescription> topics = admin.describeTopics(List.of(RUNNING, RESTARTED))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS);
                    return topics.values().stream().allMatch(d -> {
                        TopicPartitionInfo p0 = d.partitions().get(0);
                        return p0.isr().stream()
                                .map(Node::id)
                                .collect(java.util.stream.Collectors.toSet())
                                .equals(isr);
                    });
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    /** Retries an unclean election of partition 0 of both topics until node 2 leads them. */
    private static void electUncleanly(EmbeddedCluster source) throws Exception {
        Set<TopicPartition> p0s = Set.of(new TopicPartition(RUNNING, 0), new TopicPartition(RESTARTED, 0));
        try (Admin admin = source.admin()) {
            await(() -> {
                try {
                    admin.electLeaders(ElectionType.UNCLEAN, p0s).partitions().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not yet: node 2 not registered, or node 1 not fenced yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                try {
                    return admin
                            .describeTopics(List.of(RUNNING, RESTARTED))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .values()
                            .stream()
                            .allMatch(d -> {
                                Node leader = d.partitions().get(0).leader();
                                return leader != null && leader.id() == 2;
                            });
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    private static long sourceEnd(Map<String, Object> s, String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (var c = new KafkaConsumer<>(s, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return c.endOffsets(List.of(tp), TIMEOUT).get(tp);
        }
    }

    private static void produce(
            Map<String, Object> clientProps, String topic, int partition, String acks, String prefix, int from, int n)
            throws Exception {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < from + n; i++) {
                producer.send(new ProducerRecord<>(topic, partition, bytes("k" + i), bytes(prefix + "-" + i)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Partition errors, and whether the link has started copying. */
    private static final class Events implements java.util.function.Consumer<LinkEvent> {
        final Map<TopicPartition, String> reasons = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean copying;

        @Override
        public void accept(LinkEvent event) {
            if (event instanceof LinkEvent.Started) {
                copying = true;
            } else if (event instanceof LinkEvent.PartitionStopped stopped) {
                reasons.put(stopped.partition(), stopped.reason());
            }
        }
    }

    /** A link running until closed; fails the test on close if the link failed. */
    private static final class Background implements AutoCloseable {
        final LinkHandle link;
        private boolean stopped;

        private Background(LinkHandle link) {
            this.link = link;
        }

        static Background start(
                Map<String, Object> s,
                Map<String, Object> t,
                LinkSettings settings,
                java.util.function.Consumer<LinkEvent> listener) {
            return new Background(LinkHarness.start(s, t, settings, listener));
        }

        /** Stops the link cleanly: it commits a last checkpoint. */
        void stop() throws InterruptedException {
            if (stopped) {
                return;
            }
            stopped = true;
            link.stop();
            assertThat(link.awaitEnded(TIMEOUT)).as("link ended").isTrue();
            assertThat(link.failure()).as("link failure").isEmpty();
        }

        @Override
        public void close() {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
