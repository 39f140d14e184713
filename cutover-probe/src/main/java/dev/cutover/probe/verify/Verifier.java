package dev.cutover.probe.verify;

import dev.cutover.api.Progress;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.offsets.StoredOffsetMaps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Verifies linked topics record by record through the link's stored offset map ({@link PartitionPairing}), up to
 * {@value #PARALLELISM} partitions at once, the source and the target of each read in parallel ({@link PartitionReader}). Reads only: nothing is
 * written to either cluster and no consumer group is used.
 *
 * <p>What is verified is what the link has committed: the map is read once, at the start, under read_committed, and
 * every range ends at its coverage then, so a link that goes on copying meanwhile changes nothing verify looks at.
 */
public final class Verifier {
    /**
     * Partitions verified at once, each with its own pair of consumers and reader threads: memory stays bounded
     * ({@value #PARALLELISM} × 2 × {@link PartitionReader#QUEUED_BATCHES} poll batches).
     */
    static final int PARALLELISM = 4;

    /**
     * @param topics the linked topics to verify (matched against the whole name)
     * @param fromTime verify only records at or after this time (by the source's first offset at or after it)
     * @param sample compare this many random records per partition instead of all
     * @param timeout per read that makes no progress, and per metadata call
     */
    public record Request(Pattern topics, Optional<Instant> fromTime, OptionalInt sample, Duration timeout) {
        public Request {
            Objects.requireNonNull(topics, "topics");
            Objects.requireNonNull(fromTime, "fromTime");
            Objects.requireNonNull(sample, "sample");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    private final Map<String, Object> sourceProps;
    private final Map<String, Object> targetProps;
    private final TopicConfigs configs;

    /** Source schema id → target schema id where the link rewrites ids ({@code schemaIds: rewrite}); else empty. */
    private final Map<Integer, Integer> schemaIdRewrites;

    public Verifier(Map<String, Object> sourceProps, Map<String, Object> targetProps, TopicConfigs configs) {
        this(sourceProps, targetProps, configs, Map.of());
    }

    /**
     * A verifier for a link that rewrites schema ids: a copy whose wire-format key or value carries the mapped id, and
     * is otherwise the same, is equal to its source record.
     */
    public Verifier(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            TopicConfigs configs,
            Map<Integer, Integer> schemaIdRewrites) {
        this.sourceProps = consumerProps(sourceProps);
        this.targetProps = consumerProps(targetProps);
        this.configs = configs;
        this.schemaIdRewrites = Map.copyOf(schemaIdRewrites);
    }

    public VerifyReport verify(LinkTopics link, Request request) throws InterruptedException {
        return verify(link, request, Progress.none());
    }

    /** As {@link #verify(LinkTopics, Request)}, telling {@code progress} the partitions verified of all to verify. */
    public VerifyReport verify(LinkTopics link, Request request, Progress progress) throws InterruptedException {
        StoredOffsetMaps stored = StoredOffsetMaps.read(targetProps, link.offsets(), request.timeout());
        TreeMap<String, TreeMap<Integer, PartitionOffsetMap>> byTopic = new TreeMap<>();
        stored.maps().forEach((tp, map) -> {
            if (request.topics().matcher(tp.topic()).matches()) {
                byTopic.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), map);
            }
        });
        String proves = proves(request.sample());
        Integer sample = request.sample().isPresent() ? request.sample().getAsInt() : null;
        String fromTime = request.fromTime().map(Instant::toString).orElse(null);
        if (byTopic.isEmpty()) {
            String why = stored.maps().isEmpty()
                    ? "the link '" + link.link() + "' has stored no offset map (" + link.offsets()
                            + " is empty or missing): it has copied nothing, or this is not its target"
                    : "no topic the link copies matches --topics "
                            + request.topics().pattern() + " (linked: "
                            + String.join(
                                    ", ",
                                    new java.util.TreeSet<>(stored.maps().keySet().stream()
                                            .map(TopicPartition::topic)
                                            .toList()))
                            + ")";
            return new VerifyReport(
                    VerifyReport.VERSION,
                    VerifyReport.KIND,
                    link.link(),
                    sample,
                    fromTime,
                    proves,
                    VerifyReport.Verdict.NOTHING_VERIFIED,
                    why,
                    Counts.ZERO,
                    List.of());
        }
        Map<String, TopicConfigs.Shape> shapes = configs.shapes(byTopic.keySet());
        List<VerifyReport.TopicResult> topics = new ArrayList<>();
        int partitions = byTopic.values().stream().mapToInt(Map::size).sum();
        int parallelism = Math.max(1, Math.min(PARALLELISM, partitions));
        Counted counted = new Counted(progress.begin("verify", "partitions", OptionalLong.of(partitions)), partitions);
        ExecutorService readers = Executors.newCachedThreadPool(daemon("cutover-verify-reader"));
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, daemon("cutover-verify-partition"));
        BlockingQueue<Consumers> idle = new ArrayBlockingQueue<>(parallelism);
        try (Consumers metadata = new Consumers(sourceProps, targetProps)) {
            for (int i = 0; i < parallelism; i++) {
                idle.add(new Consumers(sourceProps, targetProps));
            }
            for (var e : byTopic.entrySet()) {
                counted.task.note("topic " + e.getKey());
                topics.add(topic(
                        e.getKey(),
                        e.getValue(),
                        shapes.get(e.getKey()),
                        metadata,
                        idle,
                        workers,
                        readers,
                        request,
                        counted));
            }
        } finally {
            counted.task.close();
            workers.shutdownNow();
            readers.shutdownNow();
            idle.forEach(Consumers::close);
        }
        Counts summary = topics.stream().map(VerifyReport.TopicResult::counts).reduce(Counts.ZERO, Counts::plus);
        boolean anyVerified =
                topics.stream().flatMap(t -> t.partitions().stream()).anyMatch(p -> p.skipped() == null);
        VerifyReport.Verdict verdict = summary.differences() > 0
                ? VerifyReport.Verdict.DIFFERENCES
                : anyVerified ? VerifyReport.Verdict.NO_DIFFERENCE : VerifyReport.Verdict.NOTHING_VERIFIED;
        String reason = verdict == VerifyReport.Verdict.NOTHING_VERIFIED
                ? "no partition had a committed range to compare (see each partition's 'skipped')"
                : null;
        return new VerifyReport(
                VerifyReport.VERSION,
                VerifyReport.KIND,
                link.link(),
                sample,
                fromTime,
                proves,
                verdict,
                reason,
                summary,
                topics);
    }

    /** The partitions verified so far, told to the caller's progress. */
    private static final class Counted {
        private final Progress.Task task;
        private final long total;
        private long done;

        Counted(Progress.Task task, long total) {
            this.task = task;
            this.total = total;
        }

        void add(int partitions) {
            done += partitions;
            task.update(done, OptionalLong.of(total));
        }
    }

    /** A source and a target consumer, used by one partition's verification at a time. */
    private record Consumers(KafkaConsumer<byte[], byte[]> source, KafkaConsumer<byte[], byte[]> target)
            implements AutoCloseable {
        Consumers(Map<String, Object> sourceProps, Map<String, Object> targetProps) {
            this(
                    new KafkaConsumer<>(sourceProps, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                    new KafkaConsumer<>(targetProps, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        }

        @Override
        public void close() {
            try {
                source.close(Duration.ZERO);
            } finally {
                target.close(Duration.ZERO);
            }
        }
    }

    private VerifyReport.TopicResult topic(
            String topic,
            TreeMap<Integer, PartitionOffsetMap> maps,
            TopicConfigs.Shape shape,
            Consumers metadata,
            BlockingQueue<Consumers> idle,
            ExecutorService workers,
            ExecutorService readers,
            Request request,
            Counted counted)
            throws InterruptedException {
        List<TopicPartition> tps =
                maps.keySet().stream().map(p -> new TopicPartition(topic, p)).toList();
        List<VerifyReport.PartitionResult> partitions = new ArrayList<>();
        if (!shape.onTarget()) {
            maps.forEach((p, map) -> partitions.add(skipped(p, map, -1, "the topic does not exist on the target")));
            counted.add(partitions.size());
            return result(topic, shape, partitions);
        }
        KafkaConsumer<byte[], byte[]> source = metadata.source();
        Map<TopicPartition, Long> sourceStarts = source.beginningOffsets(tps, request.timeout());
        Map<TopicPartition, Long> sourceEnds = source.endOffsets(tps, request.timeout());
        Map<TopicPartition, Long> targetStarts = metadata.target().beginningOffsets(tps, request.timeout());
        Map<TopicPartition, OffsetAndTimestamp> fromTime = new HashMap<>();
        request.fromTime().ifPresent(at -> {
            Map<TopicPartition, Long> query = new HashMap<>();
            tps.forEach(tp -> query.put(tp, at.toEpochMilli()));
            fromTime.putAll(source.offsetsForTimes(query, request.timeout()));
        });
        PartitionPairing.Rules rules = new PartitionPairing.Rules(
                shape.compactedSource(), shape.compactedTarget(), !shape.logAppendTime(), schemaIdRewrites);
        List<Future<VerifyReport.PartitionResult>> results = new ArrayList<>();
        for (TopicPartition tp : tps) {
            PartitionOffsetMap map = maps.get(tp.partition());
            long sourceEnd = sourceEnds.getOrDefault(tp, 0L);
            OptionalLong timeOffset = OptionalLong.empty();
            if (request.fromTime().isPresent()) {
                OffsetAndTimestamp at = fromTime.get(tp);
                timeOffset = OptionalLong.of(at == null ? sourceEnd : at.offset());
            }
            VerifiedRange.Result range = VerifiedRange.of(
                    map, sourceStarts.getOrDefault(tp, 0L), sourceEnd, targetStarts.getOrDefault(tp, 0L), timeOffset);
            if (range instanceof VerifiedRange.Nothing nothing) {
                results.add(CompletableFuture.completedFuture(skipped(tp.partition(), map, sourceEnd, nothing.why())));
                continue;
            }
            VerifiedRange r = ((VerifiedRange.Some) range).range();
            results.add(workers.submit(() -> {
                Consumers c = idle.take();
                try {
                    return partition(tp, map, r, sourceEnd, rules, c, readers, request);
                } finally {
                    idle.add(c);
                }
            }));
        }
        for (Future<VerifyReport.PartitionResult> f : results) {
            try {
                partitions.add(f.get());
                counted.add(1);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return result(topic, shape, partitions);
    }

    private static VerifyReport.PartitionResult partition(
            TopicPartition tp,
            PartitionOffsetMap map,
            VerifiedRange r,
            long sourceEnd,
            PartitionPairing.Rules rules,
            Consumers c,
            ExecutorService readers,
            Request request)
            throws InterruptedException {
        PartitionPairing.Outcome outcome = request.sample().isPresent()
                ? SampleCheck.check(
                        c.source(),
                        c.target(),
                        tp,
                        r,
                        map,
                        rules,
                        request.sample().getAsInt(),
                        new Random(),
                        request.timeout())
                : full(c.source(), c.target(), tp, r, map, rules, readers, request.timeout());
        return new VerifyReport.PartitionResult(
                tp.partition(),
                map.coveredTo(),
                sourceEnd,
                r.sourceFrom(),
                r.sourceTo(),
                r.targetFrom(),
                r.targetTo(),
                r.from(),
                r.mappedRecords(map),
                outcome.counts(),
                outcome.firstMismatch().orElse(null),
                null);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static PartitionPairing.Outcome full(
            KafkaConsumer<byte[], byte[]> source,
            KafkaConsumer<byte[], byte[]> target,
            TopicPartition tp,
            VerifiedRange r,
            PartitionOffsetMap map,
            PartitionPairing.Rules rules,
            ExecutorService pool,
            Duration idle)
            throws InterruptedException {
        try (PartitionReader s = new PartitionReader(source, tp, r.sourceFrom(), r.sourceTo(), idle).start(pool);
                PartitionReader t = new PartitionReader(target, tp, r.targetFrom(), r.targetTo(), idle).start(pool)) {
            return PartitionPairing.pair(map, rules, s, t);
        }
    }

    private static VerifyReport.TopicResult result(
            String topic, TopicConfigs.Shape shape, List<VerifyReport.PartitionResult> partitions) {
        Counts counts =
                partitions.stream().map(VerifyReport.PartitionResult::counts).reduce(Counts.ZERO, Counts::plus);
        long committed = partitions.stream()
                .mapToLong(p -> Math.min(p.committedTo(), Math.max(p.sourceEnd(), 0)))
                .sum();
        long end =
                partitions.stream().mapToLong(p -> Math.max(p.sourceEnd(), 0)).sum();
        String text = "the link has committed source offsets up to " + committed + " of " + end + " (summed over "
                + partitions.size() + " partitions; behind by " + Math.max(0, end - committed) + ")";
        return new VerifyReport.TopicResult(
                topic,
                shape.compactedSource(),
                shape.compactedTarget(),
                !shape.logAppendTime(),
                text,
                counts,
                partitions);
    }

    private static VerifyReport.PartitionResult skipped(int partition, PartitionOffsetMap map, long end, String why) {
        return new VerifyReport.PartitionResult(
                partition, map.coveredTo(), end, -1, -1, -1, -1, null, 0, Counts.ZERO, null, why);
    }

    /** What a no-difference result proves, for the report. */
    static String proves(OptionalInt sample) {
        if (sample.isEmpty()) {
            return "every record in each verified range was compared, and every target record in it accounted for";
        }
        int n = sample.getAsInt();
        return "up to " + n + " random source records per partition were compared with their copies; no difference"
                + " among n sampled records means, at 95% confidence, that fewer than 3/n of the partition's records"
                + " differ or are missing (the rule of three); extra target records are not looked for";
    }

    private static Map<String, Object> consumerProps(Map<String, Object> props) {
        Map<String, Object> c = new HashMap<>(props);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        return c;
    }
}
