package dev.cutover.probe.traffic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer's behaviour on the behaviour probe topic (two partitions), with a group of the run: joining, a rebalance
 * when a second member joins, a manual commit, a restart that resumes at the committed offset, and the workload's
 * {@code auto.offset.reset} for a group without offsets.
 */
final class ConsumerChecks {
    private static final int PER_PARTITION = 10;
    private static final long COMMIT_AT = 3;
    private final TrafficClients clients;
    private final Admin admin;

    ConsumerChecks(TrafficClients clients, Admin admin) {
        this.clients = clients;
        this.admin = admin;
    }

    List<ProbeCheck> run(String topic, WorkloadShape shape) {
        List<ProbeCheck> checks = new ArrayList<>();
        String group = clients.names().group("group");
        String isolation = shape.isolationLevel();
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try {
            seed(topic);
        } catch (Exception e) {
            checks.add(ProbeCheck.fail(
                    "consumer: group join",
                    ProbeArea.PROTOCOL,
                    "could not write records to consume: " + Failures.describe(e),
                    ""));
            return checks;
        }
        Map<TopicPartition, OffsetAndMetadata> commit =
                Map.of(p0, new OffsetAndMetadata(COMMIT_AT), p1, new OffsetAndMetadata(COMMIT_AT));
        try (KafkaConsumer<byte[], byte[]> first = clients.consumer(group, isolation, "earliest", 0);
                KafkaConsumer<byte[], byte[]> second = clients.consumer(group, isolation, "earliest", 0)) {
            first.subscribe(List.of(topic));
            long started = System.nanoTime();
            if (!pollUntil(() -> first.assignment().size() == 2, first)) {
                checks.add(ProbeCheck.fail(
                        "consumer: group join",
                        ProbeArea.PROTOCOL,
                        "not assigned both partitions within " + clients.timeout() + " (assigned " + first.assignment()
                                + ")",
                        "grant cutover's principal READ on GROUP prefix " + ProbeTopics.PREFIX));
                return checks;
            }
            checks.add(ProbeCheck.pass(
                    "consumer: group join",
                    ProbeArea.PROTOCOL,
                    "joined group " + group + " and got both partitions in " + millis(started) + " ms"));
            second.subscribe(List.of(topic));
            started = System.nanoTime();
            boolean split = pollUntil(
                    () -> first.assignment().size() == 1 && second.assignment().size() == 1, first, second);
            checks.add(
                    split
                            ? ProbeCheck.pass(
                                    "consumer: rebalance when a second member joins",
                                    ProbeArea.PROTOCOL,
                                    "the partitions were split between the two members in " + millis(started) + " ms")
                            : ProbeCheck.fail(
                                    "consumer: rebalance when a second member joins",
                                    ProbeArea.PROTOCOL,
                                    "no split within " + clients.timeout() + ": first " + first.assignment()
                                            + ", second " + second.assignment(),
                                    ""));
            first.commitSync(Map.of(p0, commit.get(p0), p1, commit.get(p1)), clients.timeout());
            Map<TopicPartition, OffsetAndMetadata> stored = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS);
            checks.add(
                    stored.equals(commit)
                            ? ProbeCheck.pass(
                                    "consumer: manual commit",
                                    ProbeArea.PROTOCOL,
                                    "committed offset " + COMMIT_AT + " on both partitions; the group coordinator"
                                            + " returns it")
                            : ProbeCheck.fail(
                                    "consumer: manual commit",
                                    ProbeArea.PROTOCOL,
                                    "committed " + commit + ", the coordinator returns " + stored,
                                    ""));
        } catch (Exception e) {
            checks.add(ProbeCheck.fail("consumer: group", ProbeArea.PROTOCOL, Failures.describe(e), ""));
            return checks;
        }
        checks.add(restart(topic, group, isolation));
        checks.add(reset(topic, shape));
        return checks;
    }

    private ProbeCheck restart(String topic, String group, String isolation) {
        String name = "consumer: restart resumes at the committed offset";
        try (KafkaConsumer<byte[], byte[]> again = clients.consumer(group, isolation, "earliest", 0)) {
            again.subscribe(List.of(topic));
            Map<Integer, Long> firstOffset = new HashMap<>();
            pollUntil(() -> firstOffset.size() == 2, again, r -> firstOffset.putIfAbsent(r.partition(), r.offset()));
            if (firstOffset.size() < 2) {
                return ProbeCheck.fail(
                        name, ProbeArea.PROTOCOL, "no records within " + clients.timeout() + ": " + firstOffset, "");
            }
            boolean exact = firstOffset.values().stream().allMatch(o -> o == COMMIT_AT);
            return exact
                    ? ProbeCheck.pass(
                            name, ProbeArea.PROTOCOL, "a new member of the group read from offset " + COMMIT_AT)
                    : ProbeCheck.fail(
                            name,
                            ProbeArea.PROTOCOL,
                            "committed " + COMMIT_AT + ", the restarted consumer began at " + firstOffset,
                            "");
        } catch (RuntimeException e) {
            return ProbeCheck.fail(name, ProbeArea.PROTOCOL, Failures.describe(e), "");
        }
    }

    private ProbeCheck reset(String topic, WorkloadShape shape) {
        String reset = shape.autoOffsetReset();
        String name = "consumer: auto.offset.reset=" + reset;
        if (!List.of("earliest", "latest", "none").contains(reset)) {
            return ProbeCheck.fail(
                    name, ProbeArea.PROTOCOL, "not a value Kafka accepts", "use earliest, latest or none");
        }
        String group = clients.names().group("reset");
        try (KafkaConsumer<byte[], byte[]> fresh = clients.consumer(group, shape.isolationLevel(), reset, 0)) {
            fresh.subscribe(List.of(topic));
            if (reset.equals("none")) {
                try {
                    pollUntil(() -> false, fresh);
                    return ProbeCheck.fail(name, ProbeArea.PROTOCOL, "no error for a group without offsets", "");
                } catch (NoOffsetForPartitionException e) {
                    return ProbeCheck.pass(
                            name, ProbeArea.PROTOCOL, "a group without offsets fails with NoOffsetForPartition");
                }
            }
            if (reset.equals("earliest")) {
                Map<Integer, Long> firstOffset = new HashMap<>();
                pollUntil(
                        () -> firstOffset.size() == 2, fresh, r -> firstOffset.putIfAbsent(r.partition(), r.offset()));
                Map<Integer, Long> start = new HashMap<>();
                fresh.beginningOffsets(fresh.assignment(), clients.timeout())
                        .forEach((tp, o) -> start.put(tp.partition(), o));
                return firstOffset.equals(start)
                        ? ProbeCheck.pass(
                                name, ProbeArea.PROTOCOL, "a group without offsets read from the log start " + start)
                        : ProbeCheck.fail(
                                name,
                                ProbeArea.PROTOCOL,
                                "first offsets read " + firstOffset + ", log start " + start,
                                "");
            }
            pollUntil(() -> fresh.assignment().size() == 2, fresh);
            List<TopicPartition> parts = new ArrayList<>(fresh.assignment());
            if (parts.size() != 2) {
                return ProbeCheck.fail(name, ProbeArea.PROTOCOL, "not assigned within " + clients.timeout(), "");
            }
            Map<TopicPartition, Long> end = fresh.endOffsets(parts, clients.timeout());
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition tp : parts) {
                positions.put(tp, fresh.position(tp, clients.timeout()));
            }
            return positions.equals(end)
                    ? ProbeCheck.pass(name, ProbeArea.PROTOCOL, "a group without offsets starts at the end " + end)
                    : ProbeCheck.fail(name, ProbeArea.PROTOCOL, "positions " + positions + ", end " + end, "");
        } catch (RuntimeException e) {
            return ProbeCheck.fail(name, ProbeArea.PROTOCOL, Failures.describe(e), "");
        }
    }

    private void seed(String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = clients.producer("none", 0, null)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    byte[] v = ("seed-" + p + "-" + i).getBytes(StandardCharsets.UTF_8);
                    sent.add(producer.send(new ProducerRecord<>(clients.names().requireProbeTopic(topic), p, v, v)));
                }
            }
            for (Future<?> f : sent) {
                f.get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @SafeVarargs
    private boolean pollUntil(BooleanSupplier done, KafkaConsumer<byte[], byte[]>... consumers) {
        long deadline = System.nanoTime() + clients.timeout().toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            for (KafkaConsumer<byte[], byte[]> c : consumers) {
                c.poll(Duration.ofMillis(100));
            }
        }
        return true;
    }

    private void pollUntil(
            BooleanSupplier done,
            KafkaConsumer<byte[], byte[]> consumer,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long deadline = System.nanoTime() + clients.timeout().toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(each);
        }
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
