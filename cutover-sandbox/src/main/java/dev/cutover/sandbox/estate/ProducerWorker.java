package dev.cutover.sandbox.estate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** A producer that sends a few records at a fixed pace, each send acknowledged before the next. */
final class ProducerWorker extends Worker {
    private final Map<String, Object> props;
    private final Duration interval;
    private final LongFunction<List<ProducerRecord<String, String>>> records;
    private long sequence;

    ProducerWorker(
            String clientId,
            Map<String, Object> props,
            Duration interval,
            LongFunction<List<ProducerRecord<String, String>>> records,
            Consumer<EstateProblem> problems) {
        super(clientId, problems);
        this.props = Map.copyOf(props);
        this.interval = interval;
        this.records = records;
    }

    @Override
    protected void session() throws Exception {
        try (var producer = new KafkaProducer<>(new HashMap<>(props), new StringSerializer(), new StringSerializer())) {
            try {
                while (running()) {
                    for (ProducerRecord<String, String> record : records.apply(sequence)) {
                        producer.send(record).get(30, TimeUnit.SECONDS);
                        progressed(1);
                    }
                    sequence++;
                    pause(interval);
                }
            } finally {
                producer.close(Duration.ofSeconds(2));
            }
        }
    }
}
