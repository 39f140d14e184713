package dev.cutover.sandbox.estate;

import dev.cutover.sandbox.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A large, synthetic estate for benchmarks: {@code topics} topics of up to {@value #PARTITIONS_PER_TOPIC} partitions
 * (named {@code gen.topic-NNNN}) holding {@value #RECORDS_PER_PARTITION} records in every partition, and {@code groups}
 * consumer groups ({@code gen.group-NNNN}) with committed offsets and no members. Group {@code i} has committed on
 * every partition of topic {@code i % topics}, half-way through each, so that every group has lag.
 *
 * @param topics the topics created, in order
 * @param partitions partitions created in total
 * @param groups the groups created, in order
 * @param records records written in total
 * @param took how long {@link #create} took
 */
public record GeneratedEstate(List<String> topics, int partitions, List<String> groups, long records, Duration took) {
    public static final int PARTITIONS_PER_TOPIC = 20;
    private static final Logger log = LoggerFactory.getLogger(GeneratedEstate.class);
    public static final int RECORDS_PER_PARTITION = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Offset commits sent at once: a thousand requests at the group coordinator at one time only queue there. */
    private static final int GROUPS_IN_FLIGHT = 100;

    public GeneratedEstate {
        topics = List.copyOf(topics);
        groups = List.copyOf(groups);
    }

    /**
     * Creates the estate with the cluster's super user. Topics use the broker's default replication factor.
     *
     * @param partitions total partitions, at least 1
     * @param groups consumer groups, at least 0
     */
    public static GeneratedEstate create(KafkaCluster cluster, int partitions, int groups) {
        if (partitions < 1 || groups < 0) {
            throw new IllegalArgumentException(
                    "need at least 1 partition and 0 groups, not " + partitions + "/" + groups);
        }
        long start = System.nanoTime();
        List<NewTopic> newTopics = new ArrayList<>();
        for (int left = partitions, i = 0; left > 0; left -= PARTITIONS_PER_TOPIC, i++) {
            newTopics.add(new NewTopic(
                    String.format("gen.topic-%04d", i),
                    Optional.of(Math.min(left, PARTITIONS_PER_TOPIC)),
                    Optional.empty()));
        }
        List<String> groupIds = IntStream.range(0, groups)
                .mapToObj(i -> String.format("gen.group-%04d", i))
                .toList();
        try (Admin admin = Admin.create(cluster.adminClientProperties())) {
            for (List<NewTopic> request : TopicBatches.split(newTopics)) {
                await(admin.createTopics(request).all(), "create " + request.size() + " topics");
            }
            log.debug("created {} topics after {} ms", newTopics.size(), millisSince(start));
            awaitLogs(admin, newTopics, partitions);
            log.debug("brokers hold all {} partitions after {} ms", partitions, millisSince(start));
            long records = produce(cluster, newTopics);
            log.debug("wrote {} records after {} ms", records, millisSince(start));
            List<KafkaFuture<Void>> commits = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                if (commits.size() == GROUPS_IN_FLIGHT) {
                    await(KafkaFuture.allOf(commits.toArray(KafkaFuture[]::new)), "commit offsets of groups");
                    commits.clear();
                }
                NewTopic topic = newTopics.get(g % newTopics.size());
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (int p = 0; p < topic.numPartitions(); p++) {
                    offsets.put(
                            new TopicPartition(topic.name(), p),
                            new OffsetAndMetadata(RECORDS_PER_PARTITION / 2, "generated"));
                }
                commits.add(admin.alterConsumerGroupOffsets(groupIds.get(g), offsets)
                        .all());
            }
            await(KafkaFuture.allOf(commits.toArray(KafkaFuture[]::new)), "commit offsets of " + groups + " groups");
            log.debug("committed offsets of {} groups after {} ms", groups, millisSince(start));
            return new GeneratedEstate(
                    newTopics.stream().map(NewTopic::name).toList(),
                    partitions,
                    groupIds,
                    records,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Waits until the brokers have created every new partition's log. Producing earlier works too, but thousands of
     * NOT_LEADER_OR_FOLLOWER retries then slow the broker down several times over. A broker creates logs one by one
     * (some 70 a second on a development machine's disk, each with a few fsyncs), so 10,000 partitions take minutes:
     * the wait fails only when no new log appeared for {@link #TIMEOUT}.
     */
    private static void awaitLogs(Admin admin, List<NewTopic> topics, int partitions) {
        Set<String> names = topics.stream().map(NewTopic::name).collect(Collectors.toSet());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long seen = 0;
        try {
            List<Integer> brokers = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                    .map(Node::id)
                    .toList();
            while (true) {
                long present = admin
                        .describeLogDirs(brokers)
                        .allDescriptions()
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .values()
                        .stream()
                        .flatMap(dirs -> dirs.values().stream())
                        .flatMap(dir -> dir.replicaInfos().keySet().stream())
                        .filter(tp -> names.contains(tp.topic()))
                        .distinct()
                        .count();
                if (present >= partitions) {
                    return;
                }
                if (present > seen) {
                    seen = present;
                    deadline = System.nanoTime() + TIMEOUT.toNanos();
                } else if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + present + " of " + partitions
                            + " partitions exist, and none was added for " + TIMEOUT);
                }
                Thread.sleep(200);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the brokers' log directories", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static long produce(KafkaCluster cluster, List<NewTopic> topics) {
        Map<String, Object> props = new HashMap<>(cluster.adminClientProperties());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "generated-estate-loader");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        long sent = 0;
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (NewTopic topic : topics) {
                for (int p = 0; p < topic.numPartitions(); p++) {
                    for (int r = 0; r < RECORDS_PER_PARTITION; r++) {
                        acks.add(producer.send(
                                new ProducerRecord<>(topic.name(), p, "key-" + r, "generated record " + r)));
                        sent++;
                    }
                }
            }
            producer.flush();
            for (var ack : acks) {
                ack.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the generated estate's records", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return sent;
    }

    private static void await(KafkaFuture<Void> future, String what) {
        try {
            future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
