package dev.cutover.probe.traffic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.ElectionNotNeededException;

/**
 * The producer's behaviour on the behaviour probe topic: idempotent writes land once and in order, also while the
 * partition's leader moves to another broker; committed transactions are visible and aborted ones invisible to
 * {@code read_committed}.
 */
final class ProducerChecks {
    private static final int RECORDS = 100;
    private final TrafficClients clients;
    private final Admin admin;

    ProducerChecks(TrafficClients clients, Admin admin) {
        this.clients = clients;
        this.admin = admin;
    }

    ProbeCheck idempotent(String topic) {
        String name = "producer: idempotent writes";
        try (KafkaProducer<byte[], byte[]> producer = clients.producer("none", 0, null)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                sent.add(producer.send(record(topic, null, "idem", i)));
            }
            await(sent);
        } catch (Exception e) {
            return ProbeCheck.fail(name, ProbeArea.PROTOCOL, "writing failed: " + Failures.describe(e), "");
        }
        return onceInOrder(name, topic, "idem", RECORDS, "enable.idempotence=true, acks=all");
    }

    ProbeCheck leaderMove(String topic, int brokers) {
        String name = "producer: retries across a leader move";
        if (brokers < 2) {
            return ProbeCheck.skipped(name, ProbeArea.PROTOCOL, "not exercised: single broker");
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaProducer<byte[], byte[]> producer = clients.producer("none", 0, null)) {
            TopicPartitionInfo info = partition(tp);
            List<Integer> replicas = info.replicas().stream().map(Node::id).toList();
            if (replicas.size() < 2) {
                return ProbeCheck.skipped(name, ProbeArea.PROTOCOL, "not exercised: the probe topic has one replica");
            }
            int from = info.leader().id();
            List<Integer> order = new ArrayList<>(replicas);
            order.remove(Integer.valueOf(from));
            order.add(from);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < RECORDS / 2; i++) {
                sent.add(producer.send(record(topic, 0, "move", i)));
            }
            admin.alterPartitionReassignments(Map.of(tp, Optional.of(new NewPartitionReassignment(order))))
                    .all()
                    .get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS);
            int to = electUntilMoved(tp, from);
            for (int i = RECORDS / 2; i < RECORDS; i++) {
                sent.add(producer.send(record(topic, 0, "move", i)));
            }
            await(sent);
            if (to == from) {
                return ProbeCheck.unknown(
                        name,
                        ProbeArea.PROTOCOL,
                        "the leader of " + tp + " did not move (still broker " + from + ")",
                        "");
            }
            return onceInOrder(
                    name, topic, "move", RECORDS, "leader of partition 0 moved from broker " + from + " to " + to);
        } catch (Exception e) {
            if (Failures.is(e, ClusterAuthorizationException.class)) {
                return ProbeCheck.unknown(
                        name,
                        ProbeArea.PROTOCOL,
                        "the target's profile may not move leaders: " + Failures.describe(e),
                        "grant cutover's principal ALTER on CLUSTER to exercise it (docs/probe.md)");
            }
            return ProbeCheck.fail(name, ProbeArea.PROTOCOL, "failed: " + Failures.describe(e), "");
        }
    }

    ProbeCheck transactions(String topic) {
        String name = "producer: transactions (read_committed)";
        String txId = clients.names().transactionalId();
        try (KafkaProducer<byte[], byte[]> producer = clients.producer("none", 0, txId)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(record(topic, null, "commit", i));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                producer.send(record(topic, null, "abort", i));
            }
            producer.flush();
            producer.abortTransaction();
        } catch (Exception e) {
            return ProbeCheck.fail(
                    name,
                    ProbeArea.PROTOCOL,
                    "transactional id " + txId + ": " + Failures.describe(e),
                    "grant cutover's principal WRITE and DESCRIBE on TRANSACTIONAL_ID prefix " + ProbeTopics.PREFIX);
        }
        ReadBack.Result read = ReadBack.all(clients, topic, "read_committed", 0);
        Set<String> seen = new HashSet<>();
        read.records().forEach(r -> seen.add(id(r)));
        long committed = seen.stream().filter(s -> s.startsWith("commit-")).count();
        long aborted = seen.stream().filter(s -> s.startsWith("abort-")).count();
        if (!read.complete() || committed != 5 || aborted != 0) {
            return ProbeCheck.fail(
                    name,
                    ProbeArea.PROTOCOL,
                    "read_committed saw " + committed + " of 5 committed and " + aborted + " of 5 aborted records"
                            + (read.complete() ? "" : " (not read to the end in time)"),
                    "");
        }
        return ProbeCheck.pass(
                name,
                ProbeArea.PROTOCOL,
                "5 committed records visible, 5 aborted invisible to read_committed (transactional id " + txId + ")");
    }

    private ProbeCheck onceInOrder(String name, String topic, String tag, int count, String how) {
        ReadBack.Result read = ReadBack.all(clients, topic, "read_committed", 0);
        Map<Integer, Integer> last = new java.util.HashMap<>();
        Set<String> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : read.records()) {
            String id = id(r);
            if (!id.startsWith(tag + "-")) {
                continue;
            }
            int seq = Integer.parseInt(id.substring(tag.length() + 1));
            if (!seen.add(id)) {
                problems.add(id + " twice");
            }
            Integer before = last.put(r.partition(), seq);
            if (before != null && before > seq) {
                problems.add(id + " after " + tag + "-" + before + " in partition " + r.partition());
            }
        }
        if (seen.size() != count) {
            problems.add((count - seen.size()) + " of " + count + " missing");
        }
        if (!problems.isEmpty()) {
            return ProbeCheck.fail(
                    name, ProbeArea.PROTOCOL, String.join("; ", problems.subList(0, Math.min(5, problems.size()))), "");
        }
        return ProbeCheck.pass(name, ProbeArea.PROTOCOL, count + " records, each once and in order (" + how + ")");
    }

    /** Elects the preferred leader until it is not {@code from} or the timeout passes; the leader then. */
    private int electUntilMoved(TopicPartition tp, int from) throws Exception {
        long deadline = System.nanoTime() + clients.timeout().toNanos();
        int leader = from;
        while (leader == from && System.nanoTime() < deadline) {
            try {
                admin.electLeaders(ElectionType.PREFERRED, Set.of(tp))
                        .all()
                        .get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(Failures.unwrap(e) instanceof ElectionNotNeededException)) {
                    throw e;
                }
            }
            Node now = partition(tp).leader();
            leader = now == null ? from : now.id();
            if (leader == from) {
                Thread.sleep(100); // the reassignment reaches the controller's metadata asynchronously
            }
        }
        return leader;
    }

    private TopicPartitionInfo partition(TopicPartition tp) throws Exception {
        return admin.describeTopics(List.of(tp.topic()))
                .allTopicNames()
                .get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .get(tp.topic())
                .partitions()
                .get(tp.partition());
    }

    private ProducerRecord<byte[], byte[]> record(String topic, Integer partition, String tag, int seq) {
        String id = tag + "-" + seq;
        return new ProducerRecord<>(
                clients.names().requireProbeTopic(topic),
                partition,
                null,
                id.getBytes(StandardCharsets.UTF_8),
                id.getBytes(StandardCharsets.UTF_8),
                List.of(ProbeRecord.header("cutover-probe-seq", id.getBytes(StandardCharsets.UTF_8))));
    }

    private static String id(ConsumerRecord<byte[], byte[]> r) {
        var h = r.headers().lastHeader("cutover-probe-seq");
        return h == null || h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void await(List<Future<?>> sent) throws Exception {
        for (Future<?> f : sent) {
            f.get(clients.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
