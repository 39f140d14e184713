package dev.cutover.inventory.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the tail of every partition of some topics, read-only, and keeps per topic the largest record seen and the
 * wire-format schema ids its keys and values carry ({@link SchemaIds}). One plain
 * consumer for all partitions (it fetches from all their leaders at once): no group id, nothing committed,
 * {@code read_uncommitted}, bytes not deserialized. Per partition it seeks to {@code max(log start, end - N)} and reads
 * up to the end offset captured before reading, stopping early once it has read the byte budget; the whole sample
 * gets one time budget.
 *
 * <p>Never fails: a topic it cannot see or may not read, or whose offsets do not come in time, is reported in {@link
 * RecordSamples#unreadable()} with the reason; a topic whose tails were not all read in time has a sample that says
 * so.
 */
public final class TailSampler {
    public static final int DEFAULT_RECORDS_PER_PARTITION = 500;
    public static final long DEFAULT_BYTES_PER_PARTITION = 8L * 1024 * 1024;
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * @param recordsPerPartition N: the tail is at most the last N offsets of each partition
     * @param bytesPerPartition stop reading a partition once the records read add up to this
     * @param timeout for the whole sample, metadata included
     */
    public record Limits(int recordsPerPartition, long bytesPerPartition, Duration timeout) {
        public Limits {
            if (recordsPerPartition <= 0 || bytesPerPartition <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
            Objects.requireNonNull(timeout, "timeout");
        }

        /** 500 records and 8 MiB per partition, within the given time. */
        public static Limits defaults(Duration timeout) {
            return new Limits(DEFAULT_RECORDS_PER_PARTITION, DEFAULT_BYTES_PER_PARTITION, timeout);
        }
    }

    private final Map<String, Object> clientProperties;
    private final Limits limits;

    /** @param clientProperties how to reach the source (a profile's client properties) */
    public TailSampler(Map<String, Object> clientProperties, Limits limits) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.limits = limits;
    }

    /** Samples these topics (each once); topics it cannot read are reported, not thrown. */
    public RecordSamples sample(Collection<String> topics) {
        Set<String> wanted = new TreeSet<>(topics);
        if (wanted.isEmpty()) {
            return RecordSamples.none();
        }
        Run run = new Run(System.nanoTime() + limits.timeout().toNanos());
        try (KafkaConsumer<byte[], byte[]> consumer = newConsumer()) {
            run.locate(consumer, wanted);
            run.read(consumer);
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            run.abort(wanted, "interrupted while reading it");
        } catch (KafkaException e) {
            run.abort(wanted, "the source could not be read: " + reason(e));
        }
        return run.result(wanted);
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Map<String, Object> c = new HashMap<>(clientProperties);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The log start may pass a sought offset while reading: then read on from the new start.
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, (int) Math.min(1024 * 1024, limits.bytesPerPartition()));
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-readiness-sample");
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String reason(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }

    /** One sample's state: the tails being read and the topics given up on. */
    private final class Run {
        private final long deadline;
        private final Map<TopicPartition, Tail> tails = new LinkedHashMap<>();
        private final Map<String, String> unreadable = new TreeMap<>();
        private boolean timedOut;

        Run(long deadline) {
            this.deadline = deadline;
        }

        /** Finds the partitions and their offsets, and where each tail starts. */
        void locate(KafkaConsumer<byte[], byte[]> consumer, Set<String> topics) {
            Map<String, List<PartitionInfo>> visible;
            try {
                visible = consumer.listTopics(remaining());
            } catch (TimeoutException e) {
                abort(topics, "the source did not list its topics within " + seconds());
                return;
            }
            Map<String, List<TopicPartition>> partitions = new TreeMap<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = visible.get(topic);
                if (infos == null || infos.isEmpty()) {
                    unreadable.put(
                            topic,
                            "the source profile cannot see it (it needs DESCRIBE and READ on the topic, or the topic"
                                    + " is gone)");
                } else {
                    partitions.put(
                            topic,
                            infos.stream()
                                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                                    .toList());
                }
            }
            offsets(consumer, partitions);
        }

        /**
         * Log start and end offsets of all partitions in two requests; when that fails for a reason other than time,
         * topic by topic, so one topic's refusal does not cost the others their sample.
         */
        private void offsets(KafkaConsumer<byte[], byte[]> consumer, Map<String, List<TopicPartition>> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            List<TopicPartition> all =
                    partitions.values().stream().flatMap(List::stream).toList();
            Map<TopicPartition, Long> start;
            Map<TopicPartition, Long> end;
            try {
                start = consumer.beginningOffsets(all, remaining());
                end = consumer.endOffsets(all, remaining());
            } catch (TimeoutException e) {
                abort(partitions.keySet(), "the source did not give its offsets within " + seconds());
                return;
            } catch (InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                if (partitions.size() == 1) {
                    abort(partitions.keySet(), "its offsets could not be read: " + reason(e));
                } else {
                    partitions.forEach((topic, list) -> offsets(consumer, Map.of(topic, list)));
                }
                return;
            }
            for (TopicPartition tp : all) {
                long logEnd = end.get(tp);
                long from = Math.max(start.get(tp), logEnd - limits.recordsPerPartition());
                tails.put(tp, new Tail(tp, from, logEnd));
            }
        }

        /** Reads every tail that is not empty, until all are done or the time is up. */
        void read(KafkaConsumer<byte[], byte[]> consumer) {
            List<TopicPartition> pending = new ArrayList<>(
                    tails.values().stream().filter(t -> !t.done).map(t -> t.tp).toList());
            if (pending.isEmpty()) {
                return;
            }
            consumer.assign(pending);
            pending.forEach(tp -> consumer.seek(tp, tails.get(tp).from));
            while (!pending.isEmpty()) {
                Duration left = remaining();
                if (left.isZero()) {
                    timedOut = true;
                    return;
                }
                ConsumerRecords<byte[], byte[]> polled;
                try {
                    polled = consumer.poll(left.compareTo(POLL) < 0 ? left : POLL);
                } catch (TopicAuthorizationException e) {
                    Set<String> denied = topicsOf(pending);
                    if (!e.unauthorizedTopics().isEmpty()) {
                        denied.retainAll(e.unauthorizedTopics());
                    }
                    abort(
                            denied,
                            "the source profile may not READ it ("
                                    + e.getClass().getSimpleName() + ")");
                    pending.removeIf(tp -> denied.contains(tp.topic()));
                    // Only the readable ones stay assigned (metadata of the others would fail each poll again).
                    consumer.assign(pending);
                    pending.forEach(tp -> consumer.seek(tp, tails.get(tp).next));
                    continue;
                }
                for (TopicPartition tp : polled.partitions()) {
                    Tail tail = tails.get(tp);
                    if (tail != null && !tail.done) {
                        tail.add(polled.records(tp));
                    }
                }
                List<TopicPartition> finished = new ArrayList<>();
                for (TopicPartition tp : pending) {
                    Tail tail = tails.get(tp);
                    if (!tail.done) {
                        position(consumer, tp).filter(p -> p >= tail.end).ifPresent(p -> tail.finish(tail.end));
                    }
                    if (tail.done) {
                        finished.add(tp);
                    }
                }
                if (!finished.isEmpty()) {
                    consumer.pause(finished);
                    pending.removeAll(finished);
                }
            }
        }

        /** The consumer's position if it has one at hand (it may be resetting after the log start moved). */
        private Optional<Long> position(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp) {
            try {
                return Optional.of(consumer.position(tp, Duration.ZERO));
            } catch (TimeoutException e) {
                return Optional.empty();
            }
        }

        void abort(Collection<String> topics, String why) {
            for (String topic : topics) {
                List<Tail> mine = tailsOf(topic);
                if (mine.isEmpty() || !mine.stream().allMatch(t -> t.done)) {
                    unreadable.putIfAbsent(topic, why);
                }
            }
            tails.keySet().removeIf(tp -> unreadable.containsKey(tp.topic()));
        }

        RecordSamples result(Set<String> topics) {
            Map<String, TopicSample> sampled = new TreeMap<>();
            for (String topic : topics) {
                if (unreadable.containsKey(topic)) {
                    continue;
                }
                List<Tail> mine = tailsOf(topic);
                if (mine.isEmpty()) {
                    unreadable.put(topic, "the source profile cannot see it");
                    continue;
                }
                long records = mine.stream().mapToLong(t -> t.records).sum();
                Optional<TopicSample.Largest> largest = mine.stream()
                        .filter(t -> t.records > 0)
                        .map(t -> new TopicSample.Largest(t.tp.partition(), t.largestOffset, t.largestBytes))
                        .reduce((a, b) -> b.bytes() > a.bytes() ? b : a);
                TopicSample.Traits traits = mine.stream()
                        .map(t -> new TopicSample.Traits(t.maxHeaders, t.nullKeys, t.tombstones))
                        .reduce(TopicSample.Traits.NONE, TopicSample.Traits::plus);
                SchemaIds ids = mine.stream().map(t -> t.ids.result()).reduce(SchemaIds.NONE, SchemaIds::plus);
                long unfinished = mine.stream().filter(t -> !t.done).count();
                Optional<String> incomplete = unfinished == 0
                        ? Optional.empty()
                        : Optional.of((timedOut ? "timed out after " + seconds() : "stopped") + " with "
                                + (mine.size() - unfinished) + " of " + mine.size()
                                + " partition tail(s) read to the end");
                sampled.put(
                        topic,
                        new TopicSample(
                                topic,
                                records,
                                mine.stream().map(Tail::range).toList(),
                                largest,
                                traits,
                                incomplete,
                                ids));
            }
            return new RecordSamples(sampled, unreadable);
        }

        private List<Tail> tailsOf(String topic) {
            return tails.values().stream()
                    .filter(t -> t.tp.topic().equals(topic))
                    .sorted(Comparator.comparingInt(t -> t.tp.partition()))
                    .toList();
        }

        private Duration remaining() {
            return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        }

        private String seconds() {
            return limits.timeout().toSeconds() + " s";
        }
    }

    private static Set<String> topicsOf(Collection<TopicPartition> partitions) {
        Set<String> topics = new TreeSet<>();
        partitions.forEach(tp -> topics.add(tp.topic()));
        return topics;
    }

    /** One partition's tail: offsets {@code from} to {@code end} (exclusive), and what was read of it so far. */
    private final class Tail {
        final TopicPartition tp;
        final long from;
        final long end;
        long next;
        long readTo;
        long records;
        long bytes;
        long largestBytes;
        long largestOffset = -1;
        int maxHeaders;
        long nullKeys;
        long tombstones;
        boolean done;
        final SchemaIds.Collector ids;

        Tail(TopicPartition tp, long from, long end) {
            this.tp = tp;
            this.ids = new SchemaIds.Collector(tp.partition());
            this.from = from;
            this.end = end;
            this.next = from;
            this.readTo = from;
            this.done = from >= end;
            if (done) {
                readTo = end;
            }
        }

        void add(List<ConsumerRecord<byte[], byte[]>> polled) {
            for (ConsumerRecord<byte[], byte[]> r : polled) {
                if (r.offset() >= end) {
                    finish(end);
                    return;
                }
                if (r.offset() < next) {
                    continue; // read again after a re-assignment
                }
                long size = RecordSizes.batchSizeUpperBound(r);
                records++;
                maxHeaders = Math.max(maxHeaders, r.headers().toArray().length);
                nullKeys += r.key() == null ? 1 : 0;
                tombstones += r.value() == null ? 1 : 0;
                ids.add(r.offset(), r.key(), r.value());
                bytes += size;
                if (size > largestBytes) {
                    largestBytes = size;
                    largestOffset = r.offset();
                }
                next = r.offset() + 1;
                readTo = next;
                if (bytes >= limits.bytesPerPartition()) {
                    finish(next);
                    return;
                }
            }
        }

        void finish(long to) {
            done = true;
            readTo = to;
        }

        TopicSample.Range range() {
            return new TopicSample.Range(tp.partition(), from, readTo, records);
        }
    }
}
