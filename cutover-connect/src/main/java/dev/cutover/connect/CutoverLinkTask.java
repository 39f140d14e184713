package dev.cutover.connect;

import dev.cutover.api.CutoverException;
import dev.cutover.link.engine.HostedCopy;
import dev.cutover.link.engine.LinkEvent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One share of the link's partitions, copied by the link's engine parts ({@link HostedCopy}) through Kafka Connect's
 * exactly-once source machinery: the worker's transactional producer writes the copies and, in the same transactions,
 * the offset-map chunks, statuses and lease the copy hands over; this task says where each transaction ends. Bytes
 * go through unchanged: keys, values and headers as byte arrays (the byte-array converters are required), each copy to
 * the same partition of the same topic, with its timestamp.
 *
 * <p>Connect's own source offsets are written too (one per task and transaction) but not read: the link resumes from
 * its state on the target, as it does in-process.
 */
public final class CutoverLinkTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(CutoverLinkTask.class);

    private HostedCopy copy;
    private TransactionContext transactions;
    private Map<String, Object> sourcePartition;
    private long transactionsCommitted;
    private long handedOver;
    /** Who to tell where each handed-over record landed, once its transaction commits. */
    private final Map<SourceRecord, Callback> landing = new IdentityHashMap<>();
    /** A failure found in {@link #commit()}, where Connect only logs exceptions: thrown by the next {@link #poll}. */
    private volatile RuntimeException failure;

    private volatile boolean stopping;

    @Override
    public String version() {
        return Versions.of(getClass());
    }

    @Override
    public void start(Map<String, String> props) {
        transactions = context.transactionContext();
        if (transactions == null) {
            throw new ConnectException("the cutover link connector runs only in Kafka Connect's exactly-once mode with"
                    + " its own transaction boundaries: set exactly.once.source.support=enabled on every worker and"
                    + " exactly.once.support=required, transaction.boundary=connector on the connector (cutover link"
                    + " deploy does the latter)");
        }
        TaskSettings settings = TaskSettings.of(props);
        String connector = props.getOrDefault(TaskSettings.CONNECTOR, "cutover-link");
        String index = props.getOrDefault(TaskSettings.INDEX, "0");
        sourcePartition = Map.of("link", settings.link().topics().link(), "task", index);
        copy = new HostedCopy(
                settings.source(),
                settings.target(),
                settings.link(),
                settings.partitions(),
                HostedCopy.CONNECT_INSTANCE + connector + "/" + index,
                this::tell);
        try {
            copy.start();
        } catch (CutoverException e) {
            copy.close();
            throw new ConnectException(TaskSettings.describe(e), e);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    private void tell(LinkEvent event) {
        if (event instanceof LinkEvent.Info info) {
            log.info(info.message());
        } else if (event instanceof LinkEvent.PartitionStopped stopped) {
            log.warn("{} stopped: {}", stopped.partition(), stopped.reason());
        }
    }

    @Override
    public synchronized List<SourceRecord> poll() {
        if (failure != null) {
            throw failure;
        }
        if (stopping) {
            return null;
        }
        List<HostedCopy.Outgoing> out = copy.nextTransaction();
        if (out.isEmpty()) {
            return null;
        }
        // One poll, one transaction: committed once this batch is sent, so that none stays open between two polls
        // (a task stopped, paused or moved between them leaves nothing open on the target).
        transactions.commitTransaction();
        List<SourceRecord> records = new ArrayList<>(out.size());
        for (HostedCopy.Outgoing o : out) {
            // A distinct source offset per record: Connect keys what it reports back by record equality, and two
            // copies of equal records (same key, value, timestamp and headers) must not be taken for one.
            SourceRecord record =
                    toSourceRecord(o.record(), Map.of("transactions", transactionsCommitted, "record", handedOver++));
            if (o.landed() != null) {
                landing.put(record, o.landed());
            }
            records.add(record);
        }
        return records;
    }

    private SourceRecord toSourceRecord(ProducerRecord<byte[], byte[]> r, Map<String, Object> offset) {
        ConnectHeaders headers = new ConnectHeaders();
        for (Header h : r.headers()) {
            headers.addBytes(h.key(), h.value());
        }
        return new SourceRecord(
                sourcePartition,
                offset,
                r.topic(),
                r.partition(),
                Schema.OPTIONAL_BYTES_SCHEMA,
                r.key(),
                Schema.OPTIONAL_BYTES_SCHEMA,
                r.value(),
                r.timestamp(),
                headers);
    }

    /** Called for each record of a transaction once it committed: the copy learns where it landed. */
    @Override
    public synchronized void commitRecord(SourceRecord record, RecordMetadata metadata) {
        Callback landed = landing.remove(record);
        if (landed != null) {
            landed.onCompletion(metadata, null);
        }
    }

    /** Called once the transaction committed and every record's landing was reported. */
    @Override
    public synchronized void commit() {
        try {
            copy.committed();
            transactionsCommitted++;
            if (!landing.isEmpty()) {
                throw new IllegalStateException(
                        landing.size() + " record(s) of a committed transaction were not reported as landed");
            }
        } catch (RuntimeException e) {
            log.error(
                    "the link's bookkeeping of a committed transaction failed; the task fails and its restart"
                            + " realigns the offset map with the target",
                    e);
            failure = new ConnectException("the link's bookkeeping of a committed transaction failed: " + e, e);
        }
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (this) {
            if (copy != null) {
                copy.close();
            }
        }
    }
}
