package dev.cutover.probe.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Streams one partition's records in {@code [from, to)} on a thread of its own, into a queue of a few poll batches
 * (memory is bounded by {@value #QUEUED_BATCHES} batches of the consumer's {@code max.poll.records}), so that the
 * source and the target are read in parallel while {@link PartitionPairing} consumes both.
 *
 * <p>The consumer is assigned (no group) with {@code auto.offset.reset=none}: when retention or {@code deleteRecords}
 * moves the log start past the reader's position while it reads, the fetch fails with an out-of-range error, and the
 * reader resumes at the new log start and remembers the skipped offsets ({@link #skipped}). It fails with a {@link
 * TimeoutException} when its position does not move for {@code idle}.
 */
final class PartitionReader implements PartitionPairing.RecordStream, AutoCloseable {
    static final int QUEUED_BATCHES = 4;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final List<SideRecord> END = List.of();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition tp;
    private final long from;
    private final long to;
    private final Duration idle;
    private final BlockingQueue<List<SideRecord>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final List<long[]> skips = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private volatile RuntimeException failure;
    private Future<?> pump;
    private Iterator<SideRecord> current = END.iterator();
    private boolean ended;

    PartitionReader(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long from, long to, Duration idle) {
        this.consumer = consumer;
        this.tp = tp;
        this.from = from;
        this.to = to;
        this.idle = idle;
    }

    PartitionReader start(ExecutorService pool) {
        pump = pool.submit(this::pump);
        return this;
    }

    private void pump() {
        try {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            long position = from;
            long lastProgress = System.nanoTime();
            while (position < to && !stopped) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (OffsetOutOfRangeException e) {
                    long start = consumer.beginningOffsets(List.of(tp), idle).get(tp);
                    if (start > position) {
                        skips.add(new long[] {position, Math.min(start, to)});
                        position = start;
                    }
                    consumer.seek(tp, position);
                    continue;
                }
                List<SideRecord> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                    if (r.offset() >= from && r.offset() < to) {
                        batch.add(SideRecord.of(r));
                    }
                }
                if (!batch.isEmpty()) {
                    queue.put(batch);
                }
                long now = consumer.position(tp, idle);
                if (now > position) {
                    position = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > idle.toNanos()) {
                    throw new TimeoutException("could not read " + tp + " up to offset " + to + " within " + idle
                            + " (reached " + position + "); is a transaction open on it, or did its log shrink?");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            try {
                consumer.unsubscribe();
            } catch (RuntimeException ignored) {
                // the consumer is closed with the verifier
            }
            if (!stopped) {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public SideRecord next() throws InterruptedException {
        while (!current.hasNext()) {
            if (ended) {
                return null;
            }
            List<SideRecord> batch = queue.take();
            if (batch == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            current = batch.iterator();
        }
        return current.next();
    }

    @Override
    public boolean skipped(long offset) {
        for (long[] range : skips) {
            if (offset >= range[0] && offset < range[1]) {
                return true;
            }
        }
        return false;
    }

    /** Stops the pump (if still reading) and waits for it, so that its consumer is free for the next partition. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        if (pump != null) {
            try {
                pump.get(idle.toMillis() + POLL.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                pump.cancel(true);
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                pump.cancel(true);
            }
        }
    }
}
