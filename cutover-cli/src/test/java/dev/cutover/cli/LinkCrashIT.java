package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.offsets.Translation;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.CheckOptions;
import dev.cutover.testkit.check.ReplicationAssert;
import dev.cutover.testkit.check.ReplicationCheck;
import dev.cutover.testkit.check.TopicLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link as a separate process, killed with SIGKILL again and again while records keep arriving, and then paused
 * (SIGSTOP) while a successor takes over, then woken: afterwards the target must hold every committed source record
 * exactly once under both isolation levels (no aborted copies), in order, and the offset map must be exact.
 */
@ExtendWith(ClustersExtension.class)
class LinkCrashIT {
    private static final int RECORDS = 200_000;
    private static final int KILLS = 5;
    private static final String TOPIC = "crash";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void noLossNoDuplicateNoAbortedCopyAcrossKillsAndAPausedZombie(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        try (var admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
        }
        Files.writeString(
                dir.resolve("cutover.yaml"),
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap.servers: %s
                  target:
                    properties:
                      bootstrap.servers: %s
                """
                        .formatted(source.bootstrapServers(), target.bootstrapServers()));
        AtomicInteger produced = new AtomicInteger();
        Thread producer = new Thread(() -> produce(source, produced), "crash-it-producer");
        producer.start();
        Random random = new Random(42);

        // SIGKILL the link at random moments while records arrive
        for (int kill = 0; kill < KILLS; kill++) {
            try (Cli.Child link = startLink(kill)) {
                link.awaitLine(l -> l.startsWith("copying "), TIMEOUT);
                Thread.sleep(1500 + random.nextInt(2500));
                link.kill();
            }
        }

        // Pause one instance, let a successor take over, then wake the paused one
        try (Cli.Child zombie = startLink(100)) {
            zombie.awaitLine(l -> l.startsWith("copying "), TIMEOUT);
            Thread.sleep(1000);
            zombie.signal("STOP");
            try (Cli.Child successor = startLink(101)) {
                successor.awaitLine(l -> l.startsWith("copying "), TIMEOUT);
                Thread.sleep(2000);
                zombie.signal("CONT");
                // The woken instance is fenced: it must not write; it stops instead of fighting for the link.
                int zombieExit = zombie.waitForExit(TIMEOUT);
                assertThat(zombieExit)
                        .as("the woken instance ends with an error: %s", zombie.output())
                        .isNotZero();

                producer.join(TIMEOUT.toMillis());
                assertThat(produced.get()).isEqualTo(RECORDS);
                awaitCaughtUp(source, target);
                assertThat(successor.terminate(Duration.ofSeconds(60))).isZero();
            }
        }

        assertExact(source, target);
    }

    private Cli.Child startLink(int run) throws Exception {
        return Cli.Child.start(
                dir.resolve("link-" + run + ".log"),
                "link",
                "start",
                "--workspace",
                dir.toString(),
                "--topics",
                TOPIC,
                "--lease",
                "2s");
    }

    /** 200,000 records over ~25 s: plain ones, and every 2,000th record a transaction of 50, one in three aborted. */
    private static void produce(EmbeddedCluster source, AtomicInteger produced) {
        Map<String, Object> props = new HashMap<>(source.adminClientProperties());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Map<String, Object> txProps = new HashMap<>(props);
        txProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "crash-it-tx");
        try (var plain = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
                var tx = new KafkaProducer<>(txProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            tx.initTransactions();
            long start = System.nanoTime();
            int transactions = 0;
            for (int i = 0; i < RECORDS; i++) {
                plain.send(new ProducerRecord<>(TOPIC, i % 4, bytes("k" + (i % 1000)), bytes("value-" + i)));
                produced.incrementAndGet();
                if (i % 2000 == 1999) {
                    tx.beginTransaction();
                    for (int j = 0; j < 50; j++) {
                        tx.send(new ProducerRecord<>(TOPIC, j % 4, bytes("tx"), bytes("tx-" + transactions + "-" + j)));
                    }
                    tx.flush();
                    if (transactions++ % 3 == 2) {
                        tx.abortTransaction();
                    } else {
                        tx.commitTransaction();
                    }
                }
                long due = start + (long) (i * (25e9 / RECORDS));
                long ahead = due - System.nanoTime();
                if (ahead > 1_000_000) {
                    Thread.sleep(ahead / 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitCaughtUp(EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long expected = TopicLogs.read(source.adminClientProperties(), TOPIC, IsolationLevel.READ_COMMITTED, TIMEOUT)
                .recordCount();
        while (System.nanoTime() < deadline) {
            long copied = TopicLogs.read(target.adminClientProperties(), TOPIC, IsolationLevel.READ_COMMITTED, TIMEOUT)
                    .recordCount();
            if (copied >= expected) {
                Thread.sleep(3000); // a checkpoint, so that the stored map covers everything
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the link did not catch up within " + TIMEOUT);
    }

    private static void assertExact(EmbeddedCluster source, EmbeddedCluster target) {
        Map<TopicPartition, PartitionOffsetMap> maps = OffsetMapStore.load(
                        target.adminClientProperties(), LinkTopics.named("default"), TIMEOUT)
                .maps();
        CheckOptions options = CheckOptions.defaults().offsetMapping((tp, s) -> {
            PartitionOffsetMap map = maps.get(tp);
            if (map == null) {
                return OptionalLong.empty();
            }
            return map.translate(s) instanceof Translation.Exact e ? OptionalLong.of(e.offset()) : OptionalLong.empty();
        });
        ReplicationAssert.assertThat(ReplicationCheck.compare(
                        TopicLogs.read(source.adminClientProperties(), TOPIC, IsolationLevel.READ_COMMITTED, TIMEOUT),
                        TopicLogs.read(target.adminClientProperties(), TOPIC, IsolationLevel.READ_COMMITTED, TIMEOUT),
                        TopicLogs.read(target.adminClientProperties(), TOPIC, IsolationLevel.READ_UNCOMMITTED, TIMEOUT),
                        options))
                .isClean();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
