package dev.cutover.link.engine;

import dev.cutover.link.state.LinkState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests through the link's state topic, which {@link StopWatch} reads: stops, turn-arounds begun or ended, and
 * drains ({@link LinkState.DrainRequest}, written by a wave in another process): each drain becomes a {@link LinkControl.Request.Drain} on this engine, and once it completes (or fails) the
 * answer is written back — the {@link LinkState.Reversal}s first when the request turns the topics around, then {@link
 * LinkState.DrainDone}, then the request's tombstone — with a plain producer (the state's readers need no transaction
 * of ours to see it). A request for topics already released (a restart after the drain, before its answer was written)
 * is answered at once with where they ended, so that asking twice is harmless.
 */
final class StateDrains implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateDrains.class);

    private final EngineClients clients;
    private final Partitions partitions;
    private final LinkControl control;
    private final EngineEvents events;
    /** Requests taken by this run (answered or in progress): a request seen again is not drained twice. */
    private final Set<String> taken = new HashSet<>();

    /** How often the state topic is looked at between checkpoints (a poll without waiting: cheap). */
    private static final java.time.Duration WATCH = java.time.Duration.ofMillis(250);

    private final StopWatch stopWatch;
    private KafkaProducer<byte[], byte[]> producer;
    private long nextWatch;

    StateDrains(
            EngineClients clients,
            Partitions partitions,
            LinkControl control,
            EngineEvents events,
            StopWatch stopWatch) {
        this.clients = clients;
        this.partitions = partitions;
        this.control = control;
        this.events = events;
        this.stopWatch = stopWatch;
    }

    /** Whether {@link #WATCH} has passed since the last {@link #watch()}. */
    boolean due() {
        return System.nanoTime() >= nextWatch;
    }

    /**
     * Takes what was asked through the state topic since the last look: a stop, drains (a wave's), a turn-around that
     * began or ended. The engine looks after every checkpoint and, in between, whenever {@link #due()}, so that a
     * producer move's drain waits for no checkpoint interval.
     */
    void watch() {
        stopWatch.poll().ifPresent(r -> control.requestStop(r.describe()));
        stopWatch.takeDrains().forEach(this::take);
        if (stopWatch.takeReversalsChanged()) {
            events.emit(new LinkEvent.Reversed(Set.of()));
        }
        nextWatch = System.nanoTime() + WATCH.toNanos();
    }

    /** Takes the requests still waiting for an answer when the run began. */
    void pending(LinkState.Snapshot state) {
        state.drainRequests().values().stream()
                .filter(r -> !state.drainsDone().containsKey(r.id()))
                .forEach(this::take);
    }

    void take(LinkState.DrainRequest request) {
        if (!taken.add(request.id())) {
            return;
        }
        if (request.resumeFrom() != null) {
            resume(request);
            return;
        }
        events.info("drain of " + request.topics() + " asked by " + request.requestedBy() + " on " + request.host()
                + (request.reverse() ? ", turning them around" : ""));
        Set<String> topics = new TreeSet<>(request.topics());
        List<TopicPartition> tps = partitions.ofTopics(topics);
        boolean allReleased = Partitions.topicsOf(tps).containsAll(topics)
                && tps.stream().map(partitions::get).allMatch(c -> c.released && !c.inError());
        if (allReleased) {
            answer(request, ends(tps), Optional.empty());
            return;
        }
        CompletableFuture<DrainResult> done = new CompletableFuture<>();
        done.whenComplete((result, failure) -> answer(
                request,
                result == null
                        ? List.of()
                        : ends(new ArrayList<>(result.partitions().keySet())),
                Optional.ofNullable(failure).map(f -> String.valueOf(f.getMessage()))));
        control.requests.add(new LinkControl.Request.Drain(topics, Optional.empty(), done));
    }

    private void resume(LinkState.DrainRequest request) {
        events.info("resume of " + request.topics() + " asked by " + request.requestedBy() + " on " + request.host());
        Map<TopicPartition, Long> from = new HashMap<>();
        request.resumeFrom().forEach(e -> from.put(new TopicPartition(e.topic(), e.partition()), e.sourceEnd()));
        CompletableFuture<Map<TopicPartition, DrainResult.End>> done = new CompletableFuture<>();
        done.whenComplete((result, failure) -> answer(
                request,
                result == null
                        ? List.of()
                        : result.entrySet().stream()
                                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::topic)
                                        .thenComparingInt(TopicPartition::partition)))
                                .map(e -> new LinkState.End(
                                        e.getKey().topic(),
                                        e.getKey().partition(),
                                        e.getValue().sourceEnd(),
                                        e.getValue().targetEnd()))
                                .toList(),
                Optional.ofNullable(failure).map(f -> String.valueOf(f.getMessage()))));
        control.requests.add(new LinkControl.Request.Resume(from, done));
    }

    private List<LinkState.End> ends(List<TopicPartition> tps) {
        return tps.stream()
                .sorted(java.util.Comparator.comparing(TopicPartition::topic)
                        .thenComparingInt(TopicPartition::partition))
                .map(tp -> {
                    PartitionCopy c = partitions.get(tp);
                    return new LinkState.End(tp.topic(), tp.partition(), c.map.coveredTo(), c.map.targetNext());
                })
                .toList();
    }

    private void answer(LinkState.DrainRequest request, List<LinkState.End> ends, Optional<String> failure) {
        var topics = clients.settings.topics();
        long now = System.currentTimeMillis();
        try {
            KafkaProducer<byte[], byte[]> p = producer();
            if (failure.isEmpty() && request.reverse() && request.resumeFrom() == null) {
                Map<String, List<LinkState.End>> byTopic = new HashMap<>();
                ends.forEach(e -> byTopic.computeIfAbsent(e.topic(), t -> new ArrayList<>())
                        .add(e));
                for (var entry : byTopic.entrySet()) {
                    p.send(LinkState.record(
                            topics,
                            new LinkState.Reversal(
                                    LinkState.VERSION, entry.getKey(), entry.getValue(), request.requestedBy(), now)));
                }
            }
            p.send(LinkState.record(
                    topics, new LinkState.DrainDone(LinkState.VERSION, request.id(), ends, now, failure.orElse(null))));
            p.send(LinkState.tombstone(topics, LinkState.DRAIN_REQUEST + request.id()))
                    .get(clients.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            events.info(failure.map(f -> "drain of " + request.topics() + " failed: " + f)
                    .orElse("drained and released " + request.topics()));
            if (failure.isEmpty() && request.reverse()) {
                events.emit(new LinkEvent.Reversed(Set.copyOf(request.topics())));
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // Unanswered, the request stays: asked again, or at the next run, it is answered from the released state.
            taken.remove(request.id());
            log.warn("could not answer the drain request {} on {}: {}", request.id(), topics.state(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken.remove(request.id());
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> p = new HashMap<>(clients.targetProps);
            p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(
                    ProducerConfig.CLIENT_ID_CONFIG,
                    "cutover-link-" + clients.settings.topics().link() + "-answers");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, clients.settings.timeout().toMillis());
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void close() {
        stopWatch.close();
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
