package dev.cutover.sandbox.estate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A subscribed group member. It commits automatically ({@code enable.auto.commit=true} in its properties) or with
 * {@code commitSync} after processing each non-empty batch, may pause between polls (a slow consumer whose lag grows),
 * and may forward some records to another topic with its own producer (a retry or dead-letter flow).
 */
final class ConsumerWorker extends Worker {
    /** Sends the records that match {@code when} to {@code topic} with a producer of its own. */
    record Forwarding(String topic, Predicate<ConsumerRecord<String, String>> when, Map<String, Object> producerProps) {
        Forwarding {
            producerProps = Map.copyOf(producerProps);
        }
    }

    private final Map<String, Object> props;
    private final List<String> topics;
    private final Duration pauseBetweenPolls;
    private final Optional<Forwarding> forwarding;
    private final boolean autoCommit;
    private volatile KafkaConsumer<String, String> consumer;

    ConsumerWorker(
            String clientId,
            Map<String, Object> props,
            List<String> topics,
            Duration pauseBetweenPolls,
            Optional<Forwarding> forwarding,
            Consumer<EstateProblem> problems) {
        super(clientId, problems);
        this.props = Map.copyOf(props);
        this.topics = List.copyOf(topics);
        this.pauseBetweenPolls = pauseBetweenPolls;
        this.forwarding = forwarding;
        this.autoCommit = Boolean.parseBoolean(String.valueOf(props.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)));
    }

    @Override
    protected void session() throws Exception {
        KafkaProducer<String, String> producer = forwarding
                .map(f -> new KafkaProducer<>(
                        new HashMap<>(f.producerProps()), new StringSerializer(), new StringSerializer()))
                .orElse(null);
        try (var c = new KafkaConsumer<>(new HashMap<>(props), new StringDeserializer(), new StringDeserializer())) {
            consumer = c;
            if (!running()) {
                return;
            }
            c.subscribe(topics);
            try {
                while (running()) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, String> record : records) {
                        forward(producer, record);
                        progressed(1);
                    }
                    if (!autoCommit && !records.isEmpty()) {
                        c.commitSync(Duration.ofSeconds(30));
                    }
                    if (!pauseBetweenPolls.isZero()) {
                        pause(pauseBetweenPolls);
                    }
                }
            } finally {
                consumer = null;
                c.close(CloseOptions.timeout(Duration.ofSeconds(3)));
            }
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(2));
            }
        }
    }

    private void forward(KafkaProducer<String, String> producer, ConsumerRecord<String, String> record)
            throws Exception {
        if (producer == null || !forwarding.get().when().test(record)) {
            return;
        }
        var out = new ProducerRecord<>(forwarding.get().topic(), null, record.key(), record.value());
        for (Header header : record.headers()) {
            out.headers().add(header);
        }
        out.headers().add("x-original-topic", record.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.headers()
                .add(
                        "x-original-offset",
                        Long.toString(record.offset()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        producer.send(out).get(30, TimeUnit.SECONDS);
    }

    @Override
    protected void wakeup() {
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }
}
