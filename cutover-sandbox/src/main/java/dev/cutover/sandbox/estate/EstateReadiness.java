package dev.cutover.sandbox.estate;

import dev.cutover.sandbox.estate.SeededClient.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Decides when a starting estate is ready: every topic has records, every producer has sent a few, every running
 * group has committed offsets and Streams is RUNNING. Fails fast when a client reports a permanent problem.
 */
final class EstateReadiness {
    private static final int MIN_SENT = 3;

    private final Admin admin;
    private final SampleEstate estate;

    EstateReadiness(Admin admin, SampleEstate estate) {
        this.admin = admin;
        this.estate = estate;
    }

    void await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> pending = List.of("not checked yet");
        while (true) {
            if (!estate.problems().isEmpty()) {
                throw new IllegalStateException("the sample estate failed to start: " + estate.problems());
            }
            try {
                pending = pending();
            } catch (ExecutionException | TimeoutException e) {
                pending = List.of("cluster not answering: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the estate", e);
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sample estate on "
                        + estate.cluster().name() + " was not ready within " + timeout + ": " + pending);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the estate", e);
            }
        }
    }

    private List<String> pending() throws ExecutionException, TimeoutException, InterruptedException {
        List<String> pending = new ArrayList<>();
        for (Worker w : estate.workers()) {
            Role role = estate.client(w.clientId()).role();
            long needed = role == Role.CONSUMER ? 1 : MIN_SENT;
            if (w.progress() < needed) {
                pending.add(w.clientId() + " has done " + w.progress() + " of " + needed);
            }
        }
        if (estate.streamsState() != KafkaStreams.State.RUNNING) {
            pending.add("streams is " + estate.streamsState());
        }
        if (!pending.isEmpty()) {
            return pending;
        }
        pending.addAll(emptyTopics());
        pending.addAll(groupsWithoutOffsets());
        return pending;
    }

    private List<String> emptyTopics() throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (EstateTopic t : estate.topics()) {
            for (int p = 0; p < t.partitions(); p++) {
                latest.put(new TopicPartition(t.name(), p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        Map<String, Long> perTopic = ends.entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getKey().topic(), Collectors.summingLong(e -> e.getValue()
                        .offset())));
        return estate.topics().stream()
                .map(EstateTopic::name)
                .filter(t -> perTopic.getOrDefault(t, 0L) == 0)
                .map(t -> "topic " + t + " has no records")
                .toList();
    }

    private List<String> groupsWithoutOffsets() throws ExecutionException, TimeoutException, InterruptedException {
        List<String> groups = estate.clients().stream()
                .filter(c -> c.role() == Role.CONSUMER || c.role() == Role.STREAMS)
                .map(c -> c.groupId().orElseThrow())
                .toList();
        Map<String, ListConsumerGroupOffsetsSpec> specs =
                groups.stream().collect(Collectors.toMap(Function.identity(), g -> new ListConsumerGroupOffsetsSpec()));
        var offsets = admin.listConsumerGroupOffsets(specs);
        List<String> missing = new ArrayList<>();
        for (String g : groups) {
            if (offsets.partitionsToOffsetAndMetadata(g).get(10, TimeUnit.SECONDS).values().stream()
                    .allMatch(o -> o == null)) {
                missing.add("group " + g + " has not committed");
            }
        }
        return missing;
    }
}
