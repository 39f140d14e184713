package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.bytes;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * About 1,500 records a second until stopped: plain ones over every partition, and after every 300th a transaction
 * of 4 records per partition, one in three aborted; then a last plain record on every partition.
 */
final class LiveStream implements AutoCloseable {
    private final String topic;
    private final int partitions;
    private final Thread thread;
    private final AtomicLong produced = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;

    private LiveStream(Map<String, Object> clientProps, String topic, int partitions) {
        this.topic = topic;
        this.partitions = partitions;
        this.thread = new Thread(() -> produce(clientProps), "live-stream-" + topic);
        thread.setUncaughtExceptionHandler((th, e) -> failure = e);
    }

    static LiveStream start(Map<String, Object> clientProps, String topic, int partitions) {
        LiveStream stream = new LiveStream(clientProps, topic, partitions);
        stream.thread.start();
        return stream;
    }

    private void produce(Map<String, Object> clientProps) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Map<String, Object> txProps = new HashMap<>(props);
        txProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "live-stream-tx-" + topic);
        // One request at a time: with several in flight, a batch retried after CONCURRENT_TRANSACTIONS (the last
        // commit still completing) can be refused as out of sequence by a transaction-version-2 broker.
        txProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (var plain = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
                var tx = new KafkaProducer<>(txProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            tx.initTransactions();
            long start = System.nanoTime();
            int transactions = 0;
            for (long i = 0; running; i++) {
                plain.send(new ProducerRecord<>(
                        topic, (int) (i % partitions), bytes("k" + (i % 1000)), bytes("value-" + i)));
                produced.incrementAndGet();
                if (i % 300 == 299) {
                    tx.beginTransaction();
                    for (int j = 0; j < 4 * partitions; j++) {
                        tx.send(new ProducerRecord<>(
                                topic, j % partitions, bytes("tx"), bytes("tx-" + transactions + "-" + j)));
                    }
                    tx.flush();
                    if (transactions++ % 3 == 2) {
                        tx.abortTransaction();
                    } else {
                        tx.commitTransaction();
                    }
                }
                long ahead = start + i * 1_000_000_000L / 1_500 - System.nanoTime();
                if (ahead > 1_000_000) {
                    Thread.sleep(ahead / 1_000_000); // the stream's pace, not a wait for a condition
                }
            }
            // End every partition with a plain record, not a transaction marker: this test is about markers
            // written twice on the target, not about a source that ends on a marker (another defect of issue 7).
            for (int p = 0; p < partitions; p++) {
                plain.send(new ProducerRecord<>(topic, p, bytes("last"), bytes("last-" + p)));
            }
            plain.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void assertRunning() {
        if (failure != null) {
            throw new AssertionError("the live stream failed after " + produced.get() + " records", failure);
        }
    }

    /** Stops producing; fails if the producer thread failed. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertRunning();
    }

    /** Restores the interrupt flag rather than declaring InterruptedException (-Xlint:try). */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
