package dev.cutover.connect;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Awkward source data for the Connect tests: records with duplicate header keys, null header values, null keys,
 * tombstones and equal records side by side, interleaved with transactions of which one in three aborts; written once
 * ({@link #write}) or continuously until stopped ({@link Writer}).
 */
final class Estate {
    private Estate() {}

    static void createTopic(Map<String, Object> props, String topic, int partitions, Map<String, String> configs)
            throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
                    .all()
                    .get();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One round: {@code count} plain records over the partitions, then two transactions of ten records, the second
     * aborted. Returns the committed data records written.
     */
    static int write(
            KafkaProducer<byte[], byte[]> plain,
            KafkaProducer<byte[], byte[]> transactional,
            String topic,
            int partitions,
            int round,
            int count) {
        long base = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < count; i++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("h", bytes("a" + i));
            headers.add("h", bytes("b" + i)); // a duplicate key: order matters
            headers.add("null-value", null);
            byte[] key = i % 7 == 0 ? null : bytes("k" + (i % 13));
            byte[] value = i % 11 == 0 ? null : i % 5 == 0 ? bytes("same") : bytes("v" + round + "-" + i);
            // i % 5 == 0 with the same key and timestamp: equal records, which must still be copied once each
            long timestamp = i % 5 == 0 ? base : base + i;
            plain.send(new ProducerRecord<>(topic, i % partitions, timestamp, key, value, headers));
        }
        plain.flush();
        for (int t = 0; t < 2; t++) {
            transactional.beginTransaction();
            for (int i = 0; i < 10; i++) {
                transactional.send(new ProducerRecord<>(
                        topic, (t + i) % partitions, bytes("tk"), bytes("tx" + round + "-" + t + "-" + i)));
            }
            transactional.flush();
            if (t == 1) {
                transactional.abortTransaction();
            } else {
                transactional.commitTransaction();
            }
        }
        return count + 10;
    }

    static KafkaProducer<byte[], byte[]> plainProducer(Map<String, Object> props) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static KafkaProducer<byte[], byte[]> transactionalProducer(Map<String, Object> props, String id) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    /** Writes rounds of {@link #write} to a topic until closed; counts the committed data records. */
    static final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong committed = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Thread thread;

        Writer(Map<String, Object> props, String topic, int partitions) {
            thread = new Thread(
                    () -> {
                        try (var plain = plainProducer(props);
                                var tx = transactionalProducer(props, "estate-writer-" + topic)) {
                            for (int round = 1000; running.get(); round++) {
                                committed.addAndGet(write(plain, tx, topic, partitions, round, 50));
                            }
                        } catch (Exception e) {
                            failure.set(e);
                        }
                    },
                    "estate-writer-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        long committed() {
            return committed.get();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("the estate writer failed", failure.get());
            }
        }
    }
}
