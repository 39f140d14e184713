package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells whether target offsets the link did not expect to be skipped hold only control records. Where a copied
 * record lands is what the target reports, never a prediction: after a commit the link expects one marker per
 * written partition, but a transaction coordinator that fails over while writing a commit's markers has its successor
 * write them again, so a partition can hold the same marker twice. Such a gap holds no data and is harmless; a data
 * record in it (read_uncommitted, so aborted data counts too) was written by someone else.
 */
final class TargetGaps implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private final EngineClients clients;
    private KafkaConsumer<byte[], byte[]> reader;

    TargetGaps(EngineClients clients) {
        this.clients = clients;
    }

    /** What lies in {@code [from, to)} of the target partition. */
    enum Content {
        CONTROL_ONLY,
        DATA
    }

    /**
     * Reads the target partition from {@code from} until its position reaches {@code to}. Throws a retriable {@link
     * CutoverException} when the target does not answer in time: the restart realigns from the target's tail.
     */
    Content between(TopicPartition tp, long from, long to) {
        if (reader == null) {
            reader = clients.newTargetReader();
        }
        reader.assign(List.of(tp));
        reader.seek(tp, from);
        long deadline = System.nanoTime() + clients.settings.timeout().toNanos();
        while (reader.position(tp) < to) {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(POLL).records(tp)) {
                if (r.offset() < to) {
                    return Content.DATA;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new CutoverException(
                        Reason.CLUSTER_UNREACHABLE,
                        "could not read target offsets " + from + " to " + (to - 1) + " of " + tp + " within "
                                + clients.settings.timeout().toSeconds() + " s to check what the link's copy skipped",
                        "check that the target cluster is healthy; the link restarts and realigns");
            }
        }
        return Content.CONTROL_ONLY;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close(Duration.ofSeconds(2));
        }
    }
}
