package dev.cutover.testkit.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a steady trickle of unique values to every partition of a topic, round robin, until stopped, and remembers
 * what each partition got in order: the reference a consumer's own log is compared with.
 */
public final class TrickleProducer implements AutoCloseable {
    private final Map<Integer, List<String>> written = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    public TrickleProducer(Map<String, Object> clientProperties, String topic, int partitions) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        this.thread = new Thread(
                () -> {
                    try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                        for (int i = 0; running.get(); i++) {
                            int p = i % partitions;
                            String value = topic + "-" + p + "-" + i;
                            producer.send(new ProducerRecord<>(topic, p, "k" + i, value))
                                    .get();
                            synchronized (written) {
                                written.computeIfAbsent(p, k -> new ArrayList<>())
                                        .add(value);
                            }
                            if (i % 20 == 19) {
                                Thread.sleep(50); // the source's pace: a trickle, not a flood
                            }
                        }
                    } catch (Exception e) {
                        failure.set(e);
                    }
                },
                "trickle-" + topic);
        thread.start();
    }

    /** Stops writing and returns what each partition got, in order. */
    public Map<Integer, List<String>> stop() throws InterruptedException {
        running.set(false);
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException("the producer failed", failure.get());
        }
        synchronized (written) {
            Map<Integer, List<String>> copy = new TreeMap<>();
            written.forEach((p, l) -> copy.put(p, List.copyOf(l)));
            return copy;
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
