package dev.cutover.orchestrator.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.clients.ClientApp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real clients for the watch ITs: consumers that join a group, producers of each kind, topics, commits. */
final class Clients {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Clients() {}

    /**
     * Creates the topic and waits until a broker describes it: created, it may not yet be in every broker's metadata,
     * and a scan taken before then says, rightly, that it could not read the topic.
     */
    static void topic(Admin admin, String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        onceTopicKnown(() -> admin.describeTopics(List.of(topic)).allTopicNames());
    }

    /** A consumer of {@code group} that has joined it and been given partitions (the classic protocol). */
    static KafkaConsumer<String, String> joined(EmbeddedCluster cluster, String group, String clientId, String topic) {
        return joined(cluster, group, clientId, topic, Map.of());
    }

    /** As {@link #joined(EmbeddedCluster, String, String, String)}, with more consumer properties. */
    static KafkaConsumer<String, String> joined(
            EmbeddedCluster cluster, String group, String clientId, String topic, Map<String, Object> more) {
        Map<String, Object> c = new HashMap<>(cluster.adminClientProperties());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.putAll(more);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.assignment().isEmpty()) {
            assertThat(System.nanoTime())
                    .as("consumer %s joined %s", clientId, group)
                    .isLessThan(deadline);
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }

    /** A producer: idempotent, or transactional (initialised) when {@code transactionalId} is not null. */
    static KafkaProducer<String, String> producer(EmbeddedCluster cluster, String clientId, String transactionalId) {
        Map<String, Object> p = new HashMap<>(cluster.adminClientProperties());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        KafkaProducer<String, String> producer = new KafkaProducer<>(p);
        if (transactionalId != null) {
            producer.initTransactions();
        }
        return producer;
    }

    /** A producer without idempotence: the broker keeps no producer state for it. */
    static KafkaProducer<String, String> plainProducer(EmbeddedCluster cluster) {
        Map<String, Object> p = new HashMap<>(cluster.adminClientProperties());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(p);
    }

    /** Writes {@code n} records to partition 0 and waits for them (in a committed transaction if transactional). */
    static void write(KafkaProducer<String, String> producer, String topic, int n, boolean transactional)
            throws Exception {
        if (transactional) {
            producer.beginTransaction();
        }
        for (int i = 0; i < n; i++) {
            producer.send(new ProducerRecord<>(topic, 0, "k" + i, "v" + i))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (transactional) {
            producer.commitTransaction();
        }
    }

    /**
     * Commits {@code offset} for partition 0. A topic just created may not yet be in the coordinator's metadata; until
     * it is, the broker answers "unknown topic", so that answer is awaited away (any other failure is thrown).
     */
    static void commit(Admin admin, String group, String topic, long offset) throws Exception {
        onceTopicKnown(() -> admin.alterConsumerGroupOffsets(
                        group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)))
                .all());
    }

    /**
     * Makes the call until the broker no longer answers "unknown topic" (a topic just created reaches each broker's
     * metadata a moment later); any other failure is thrown.
     */
    private static void onceTopicKnown(java.util.function.Supplier<org.apache.kafka.common.KafkaFuture<?>> call)
            throws Exception {
        ClientApp.await("the new topic known to the broker", TIMEOUT, () -> {
            try {
                call.get().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return false;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The producer ids active on partition 0 of {@code topic}. */
    static Set<Long> producerIds(Admin admin, String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        return Set.copyOf(admin
                .describeProducers(List.of(tp))
                .partitionResult(tp)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .activeProducers()
                .stream()
                .map(org.apache.kafka.clients.admin.ProducerState::producerId)
                .toList());
    }
}
