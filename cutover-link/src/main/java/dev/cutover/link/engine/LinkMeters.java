package dev.cutover.link.engine;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * A link's meters (Micrometer): what {@code /metrics} shows of a running link. The engine's parts report here, on
 * the link's thread, from the handle's start; {@link #bindTo} registers the meters, and a scrape reads on its own
 * thread. Counts and statuses are kept before a bind (a registry bound late misses none); the commit timer and the
 * transaction summaries record from the bind on. The per-partition lag and state are the statuses the last checkpoint wrote to the target, which is what {@code
 * link status} reads: the two agree by construction. The names and their meaning are in {@code docs/observability.md}.
 */
final class LinkMeters {
    /** Transaction commit latencies worth a bucket (a Prometheus histogram without hundreds of buckets). */
    private static final Duration[] COMMIT_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    /** The states a partition's state gauge reports, one series each (1 for the current state, 0 for the others). */
    private static final EnumSet<PartitionState> STATES = EnumSet.of(
            PartitionState.RUNNING,
            PartitionState.CAUGHT_UP,
            PartitionState.WAITING,
            PartitionState.RELEASED,
            PartitionState.ERROR);

    private final String link;
    private final Supplier<LinkHandle.State> handleState;
    private volatile MeterRegistry registry;

    private final Map<TopicPartition, PartitionMeters> partitions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> stoppedByReason = new ConcurrentHashMap<>();
    private Timer commits;
    private DistributionSummary transactionRecords;
    private DistributionSummary transactionBytes;
    // Counted from the handle's start, bound or not, so that a registry bound after the first checkpoint misses
    // nothing.
    private final AtomicLong mapChunks = new AtomicLong();
    private final AtomicLong mapBytes = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();

    LinkMeters(String link, Supplier<LinkHandle.State> handleState) {
        this.link = link;
        this.handleState = handleState;
        for (StopReason r : StopReason.values()) {
            stoppedByReason.put(r.label, new AtomicLong());
        }
    }

    /** Registers the link's meters in {@code registry}; later calls with another registry are ignored. */
    synchronized void bindTo(MeterRegistry target) {
        if (registry != null) {
            return;
        }
        // The newest handle of a link name owns its series: a reverse copy started again for a wave replaces the last.
        List.copyOf(target.getMeters()).stream()
                .filter(m -> m.getId().getName().startsWith("cutover.link.")
                        && link.equals(m.getId().getTag("link")))
                .forEach(target::remove);
        Tags tags = Tags.of("link", link);
        commits = Timer.builder("cutover.link.transaction.commit")
                .description("Time to commit one of the link's transactions on the target (data, map, statuses)")
                .tags(tags)
                .serviceLevelObjectives(COMMIT_BUCKETS)
                .register(target);
        transactionRecords = DistributionSummary.builder("cutover.link.transaction.records")
                .description("Records copied per committed transaction")
                .tags(tags)
                .register(target);
        transactionBytes = DistributionSummary.builder("cutover.link.transaction.size")
                .description("Bytes (keys and values) copied per committed transaction")
                .baseUnit("bytes")
                .tags(tags)
                .register(target);
        counter(
                target,
                "cutover.link.offset.map.chunks",
                mapChunks,
                null,
                "Offset-map chunks written to the" + " target's offsets topic");
        counter(
                target,
                "cutover.link.offset.map",
                mapBytes,
                "bytes",
                "Bytes of offset-map chunks written to the" + " target's offsets topic");
        counter(
                target,
                "cutover.link.checkpoints",
                checkpoints,
                null,
                "Checkpoints committed (offset map, statuses" + " and lease, in the data's transaction)");
        counter(
                target,
                "cutover.link.restarts",
                restarts,
                null,
                "Times the link restarted itself after a retriable" + " failure");
        for (LinkHandle.State s : LinkHandle.State.values()) {
            Gauge.builder("cutover.link.state", this, m -> m.handleState.get() == s ? 1 : 0)
                    .description("1 for the link's current state, 0 for the others")
                    .tags(tags.and("state", s.name().toLowerCase(Locale.ROOT)))
                    .register(target);
        }
        for (PartitionState s : STATES) {
            Gauge.builder("cutover.link.partitions", this, m -> m.countIn(s))
                    .description("Partitions of the link in each state, as of the last checkpoint")
                    .tags(tags.and("state", word(s)))
                    .register(target);
        }
        for (StopReason r : StopReason.values()) {
            AtomicLong count = stoppedByReason.get(r.label);
            Gauge.builder("cutover.link.partitions.stopped", count, AtomicLong::get)
                    .description("Partitions stopped for good, by reason (a bounded set; the exact text is in"
                            + " link status)")
                    .tags(tags.and("reason", r.label))
                    .register(target);
        }
        registry = target;
        partitions.values().forEach(p -> p.register(target));
    }

    private void counter(MeterRegistry target, String name, AtomicLong count, String unit, String description) {
        FunctionCounter.builder(name, count, AtomicLong::get)
                .description(description)
                .baseUnit(unit)
                .tags(Tags.of("link", link))
                .register(target);
    }

    /** The records and bytes of one partition's part of a committed transaction (counted bound or not). */
    void copied(TopicPartition tp, long records, long bytes) {
        if (records == 0) {
            return;
        }
        PartitionMeters p = partition(tp);
        p.records.addAndGet(records);
        p.bytes.addAndGet(bytes);
    }

    /** A committed transaction: how long its commit took, and what it copied. */
    void committed(long commitNanos, long records, long bytes) {
        if (registry == null) {
            return;
        }
        commits.record(commitNanos, TimeUnit.NANOSECONDS);
        transactionRecords.record(records);
        transactionBytes.record(bytes);
    }

    /**
     * A committed checkpoint: the statuses it wrote and the offset-map chunks (count, bytes) it stored. Kept bound or
     * not: a partition's status is written again only when it changes, so one missed here would stay unknown.
     */
    void checkpointed(List<LinkState.PartitionStatus> statuses, int chunks, long chunkBytes) {
        checkpoints.incrementAndGet();
        mapChunks.addAndGet(chunks);
        mapBytes.addAndGet(chunkBytes);
        for (LinkState.PartitionStatus status : statuses) {
            partition(new TopicPartition(status.topic(), status.partition())).status = status;
        }
        Map<String, Long> stopped = new java.util.HashMap<>();
        partitions.values().forEach(p -> {
            if (p.status != null && p.status.state() == PartitionState.ERROR) {
                stopped.merge(StopReason.of(p.status.reason()).label, 1L, Long::sum);
            }
        });
        stoppedByReason.forEach((label, count) -> count.set(stopped.getOrDefault(label, 0L)));
    }

    void restarted() {
        restarts.incrementAndGet();
    }

    private long countIn(PartitionState state) {
        return partitions.values().stream()
                .filter(p -> p.status != null && p.status.state() == state)
                .count();
    }

    private PartitionMeters partition(TopicPartition tp) {
        return partitions.computeIfAbsent(tp, k -> {
            PartitionMeters p = new PartitionMeters(k);
            MeterRegistry r = registry;
            if (r != null) {
                p.register(r);
            }
            return p;
        });
    }

    private static String word(PartitionState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    /** One partition's meters: copied counts, and gauges over its last checkpointed status. */
    private final class PartitionMeters {
        final TopicPartition tp;
        final AtomicLong records = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        volatile LinkState.PartitionStatus status;

        PartitionMeters(TopicPartition tp) {
            this.tp = tp;
        }

        void register(MeterRegistry r) {
            Tags tags = Tags.of("link", link, "topic", tp.topic(), "partition", String.valueOf(tp.partition()));
            FunctionCounter.builder("cutover.link.copied.records", records, AtomicLong::get)
                    .description("Records copied to the target and committed, by this process")
                    .tags(tags)
                    .register(r);
            FunctionCounter.builder("cutover.link.copied", bytes, AtomicLong::get)
                    .description("Bytes (keys and values) copied to the target and committed, by this process")
                    .baseUnit("bytes")
                    .tags(tags)
                    .register(r);
            Gauge.builder("cutover.link.lag.records", this, p -> p.value(LinkState.PartitionStatus::lagRecords))
                    .description("Records on the source not yet copied, as of the last checkpoint")
                    .tags(tags)
                    .register(r);
            Gauge.builder("cutover.link.lag", this, p -> p.value(s -> s.lagMs()) / 1000.0)
                    .description("How far behind the copy is, in time: the age of the last copied record while"
                            + " records are left to copy, 0 when caught up (as of the last checkpoint)")
                    .baseUnit("seconds")
                    .tags(tags)
                    .register(r);
            Gauge.builder("cutover.link.replicated.offset", this, p -> p.value(s -> s.replicatedTo()))
                    .description("Source offset below which every record is copied and mapped (the exact coverage)")
                    .tags(tags)
                    .register(r);
            Gauge.builder("cutover.link.source.end.offset", this, p -> p.value(s -> s.sourceEnd()))
                    .description("The source partition's end (last stable offset) at the last checkpoint")
                    .tags(tags)
                    .register(r);
            for (PartitionState s : STATES) {
                Gauge.builder("cutover.link.partition.state", this, p -> p.in(s))
                        .description("1 for the partition's state at the last checkpoint, 0 for the others")
                        .tags(tags.and("state", word(s)))
                        .register(r);
            }
        }

        /** NaN (no sample) until a checkpoint wrote the partition's status: unknown is not zero. */
        double value(java.util.function.ToLongFunction<LinkState.PartitionStatus> f) {
            LinkState.PartitionStatus s = status;
            return s == null ? Double.NaN : f.applyAsLong(s);
        }

        double in(PartitionState state) {
            LinkState.PartitionStatus s = status;
            return s == null ? Double.NaN : s.state() == state ? 1 : 0;
        }
    }

    /** Why a partition stopped, in a bounded set of labels (the full reason is in its status). */
    enum StopReason {
        RETENTION_GAP("retention_gap"),
        TRUNCATED("source_truncated"),
        FOREIGN_WRITE("foreign_write"),
        SOURCE_DELETED("source_deleted"),
        RECREATED("recreated"),
        TARGET_NOT_EMPTY("target_not_empty"),
        REJECTED("rejected_by_target"),
        OTHER("other");

        final String label;

        StopReason(String label) {
            this.label = label;
        }

        static StopReason of(String reason) {
            String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
            if (r.contains("retention gap")) {
                return RETENTION_GAP;
            } else if (r.contains("truncated")) {
                return TRUNCATED;
            } else if (r.contains("foreign write")) {
                return FOREIGN_WRITE;
            } else if (r.contains("recreated")) {
                return RECREATED;
            } else if (r.contains("was deleted")) {
                return SOURCE_DELETED;
            } else if (r.contains("already holds records")) {
                return TARGET_NOT_EMPTY;
            } else if (r.contains("reject") || r.contains("too large") || r.contains("timestamp")) {
                return REJECTED;
            }
            return OTHER;
        }
    }
}
