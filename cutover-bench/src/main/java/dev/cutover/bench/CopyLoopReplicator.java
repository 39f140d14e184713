package dev.cutover.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The practical limit: one thread, one consumer assigned every partition, one producer, records copied as they come
 * (same partition, key, value, headers and timestamp). Large fetches, batches sized by {@link ProducerSizing}; {@code
 * acks=all}. No offsets are
 * committed or translated, and nothing is exactly-once: a baseline for speed, not a replicator to use.
 */
public final class CopyLoopReplicator implements Replicator {
    public static final String NAME = "copy loop";
    private static final int FOUR_MB = 4 * 1024 * 1024;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AutoCloseable start(CopyJob job) {
        String topic = job.topic();
        Map<String, Object> consumerProps = new HashMap<>(job.source());
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FOUR_MB);
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FOUR_MB);
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50_000);
        Map<String, Object> producerProps = new HashMap<>(job.target());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        ProducerSizing sizing = ProducerSizing.forPartitions(job.partitions());
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, sizing.batchBytes());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.BUFFER_MEMORY_CONFIG, sizing.bufferBytes());
        Loop loop = new Loop(new KafkaConsumer<>(consumerProps), new KafkaProducer<>(producerProps), topic);
        loop.thread.start();
        return loop;
    }

    private static final class Loop implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final Thread thread;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private volatile boolean running = true;

        Loop(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer, String topic) {
            this.consumer = consumer;
            this.producer = producer;
            this.topic = topic;
            this.thread = new Thread(this::run, "copy-loop-" + topic);
            this.thread.setDaemon(true);
        }

        private void run() {
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        producer.send(
                                new ProducerRecord<>(
                                        topic, r.partition(), r.timestamp(), r.key(), r.value(), r.headers()),
                                (metadata, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    }
                                });
                    }
                }
            } catch (WakeupException e) {
                // close() asked us to stop
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                producer.close(Duration.ofSeconds(30));
                consumer.close(Duration.ofSeconds(5));
            }
        }

        @Override
        public void close() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Exception e = failure.get();
            if (e != null) {
                throw new IllegalStateException("the copy loop failed: " + e, e);
            }
        }
    }
}
