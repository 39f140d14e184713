package dev.cutover.orchestrator.watch;

import org.apache.kafka.clients.admin.ProducerState;

/**
 * What a partition's leader knew of one producer at the baseline ({@code DescribeProducers}). A producer whose epoch or
 * last sequence differs later has written since, whatever its clock says.
 *
 * @param lastTimestampMs the timestamp of its last record batch: the producer's clock under {@code CreateTime}
 */
public record ProducerMark(long producerId, int epoch, int lastSequence, long lastTimestampMs) {
    static ProducerMark of(ProducerState p) {
        return new ProducerMark(p.producerId(), p.producerEpoch(), p.lastSequence(), p.lastTimestamp());
    }

    /** Whether {@code now} is this producer with nothing written since. */
    boolean unchanged(ProducerState now) {
        return now.producerId() == producerId
                && now.producerEpoch() == epoch
                && now.lastSequence() == lastSequence
                && now.lastTimestamp() == lastTimestampMs;
    }
}
