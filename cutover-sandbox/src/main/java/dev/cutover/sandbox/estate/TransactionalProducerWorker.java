package dev.cutover.sandbox.estate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A transactional producer: each transaction sends the records of one business event; every {@code abortEvery}-th
 * transaction is aborted on purpose. Its records carry an {@value #OUTCOME_HEADER} header ({@code commit} or {@code
 * abort}) decided before sending, so a reader can tell that no aborted record is visible under read_committed.
 */
final class TransactionalProducerWorker extends Worker {
    static final String OUTCOME_HEADER = "tx-outcome";

    /** The records of transaction {@code sequence}, given the outcome it will have. */
    interface TransactionRecords {
        List<ProducerRecord<String, String>> of(long sequence, boolean abort);
    }

    private final Map<String, Object> props;
    private final Duration interval;
    private final int abortEvery;
    private final TransactionRecords records;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private long sequence;

    TransactionalProducerWorker(
            String clientId,
            Map<String, Object> props,
            Duration interval,
            int abortEvery,
            TransactionRecords records,
            Consumer<EstateProblem> problems) {
        super(clientId, problems);
        this.props = Map.copyOf(props);
        this.interval = interval;
        this.abortEvery = abortEvery;
        this.records = records;
    }

    long committedTransactions() {
        return committed.get();
    }

    long abortedTransactions() {
        return aborted.get();
    }

    @Override
    protected void session() {
        try (var producer = new KafkaProducer<>(new HashMap<>(props), new StringSerializer(), new StringSerializer())) {
            try {
                // A new session fences the previous one (same transactional.id) and aborts its open transaction.
                producer.initTransactions();
                while (running()) {
                    long n = ++sequence;
                    boolean abort = n % abortEvery == 0;
                    producer.beginTransaction();
                    for (ProducerRecord<String, String> record : records.of(n, abort)) {
                        producer.send(record);
                    }
                    if (abort) {
                        // Flush first: unsent records would be dropped, and the aborted data must reach the log.
                        producer.flush();
                        producer.abortTransaction();
                        aborted.incrementAndGet();
                    } else {
                        producer.commitTransaction();
                        committed.incrementAndGet();
                        progressed(1);
                    }
                    pause(interval);
                }
            } finally {
                producer.close(Duration.ofSeconds(2));
            }
        }
    }
}
