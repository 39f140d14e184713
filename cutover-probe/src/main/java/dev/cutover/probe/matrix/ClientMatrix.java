package dev.cutover.probe.matrix;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Redactor;
import dev.cutover.probe.traffic.ProbeCheck.Status;
import dev.cutover.probe.traffic.ProbeTopics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the client-version matrix against the target: for each client, a private probe topic (one partition), N
 * records produced with a header, read back by a fresh group, committed. Every client runs on its own daemon thread
 * and is abandoned at its deadline, so a client the target cannot serve fails within {@code perClient}, never hangs.
 *
 * <p>Invariants: writes go only to this run's {@link ProbeTopics#matrixTopic} topics (checked by {@link
 * ProbeTopics#requireProbeTopic}), which are deleted at the end whatever happened. No secret of the profile appears in
 * a row: details pass through {@link Redactor#redactText}.
 */
public final class ClientMatrix {
    /**
     * @param workload the workload the probe topics are named after
     * @param clients the clients, in the order of the rows
     * @param target the target profile; its client properties are given to every client
     * @param jars where kafka-clients versions come from
     * @param perClient the bound for one client's round trip (after its jars are resolved)
     * @param records records per client
     * @param topicConfigs the configs each client's probe topic is created with: the workload's topic's
     *     {@code compression.type} and {@code message.timestamp.type} on the target, so a client that cannot read
     *     what the broker stores there (zstd before kafka-clients 2.1) fails here rather than after the move
     */
    public record Request(
            String workload,
            List<ClientSpec> clients,
            ConnectionProfile target,
            ClientJars jars,
            Duration perClient,
            int records,
            Map<String, String> topicConfigs) {
        public Request {
            Objects.requireNonNull(workload, "workload");
            clients = List.copyOf(clients);
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(jars, "jars");
            Objects.requireNonNull(perClient, "perClient");
            topicConfigs = Map.copyOf(topicConfigs);
        }

        /** Probe topics with the broker's defaults. */
        public Request(
                String workload,
                List<ClientSpec> clients,
                ConnectionProfile target,
                ClientJars jars,
                Duration perClient,
                int records) {
            this(workload, clients, target, jars, perClient, records, Map.of());
        }

        /** The same, its probe topics created with these configs. */
        public Request withTopicConfigs(Map<String, String> configs) {
            return new Request(workload, clients, target, jars, perClient, records, configs);
        }
    }

    /**
     * @param rows one per client
     * @param probeTopics the topics created
     * @param leftBehind why the topics could not be deleted, if they could not
     * @param topicConfigs the configs the probe topics were created with (empty: the broker's defaults)
     */
    public record Result(
            List<MatrixRow> rows,
            List<String> probeTopics,
            Optional<String> leftBehind,
            Map<String, String> topicConfigs) {
        public Result {
            rows = List.copyOf(rows);
            probeTopics = List.copyOf(probeTopics);
            topicConfigs = Map.copyOf(topicConfigs);
        }
    }

    public Result run(Request request) {
        return run(request, dev.cutover.api.Progress.none());
    }

    /** As {@link #run(Request)}, telling {@code progress} the clients run of all in the matrix. */
    public Result run(Request request, dev.cutover.api.Progress progress) {
        int total = request.clients().size();
        try (dev.cutover.api.Progress.Task task =
                progress.begin("probe " + request.workload() + " matrix", "clients", OptionalLong.of(total))) {
            return run(request, (done, label) -> {
                task.note(label);
                task.update(done, OptionalLong.of(total));
            });
        }
    }

    /** Told after each client's row: how many rows there are, and the next client's label (or "" after the last). */
    private interface RowDone {
        void accept(int rows, String next);
    }

    private Result run(Request request, RowDone rowDone) {
        List<MatrixRow> rows = new ArrayList<>();
        List<String> created = new ArrayList<>();
        Optional<String> left = Optional.empty();
        Map<String, String> props = stringProps(request.target());
        ProbeTopics names = ProbeTopics.newRun(request.workload());
        try (ClusterConnection target = ClusterConnection.open(request.target())) {
            try {
                short replicas = (short) Math.min(
                        3,
                        target.await(target.admin().describeCluster().nodes(), "list the brokers")
                                .size());
                for (int i = 0; i < request.clients().size(); i++) {
                    ClientSpec spec = request.clients().get(i);
                    rowDone.accept(rows.size(), spec.label());
                    String topic = names.requireProbeTopic(names.matrixTopic(i));
                    long t0 = System.nanoTime();
                    try {
                        target.await(
                                target.admin()
                                        .createTopics(List.of(
                                                new NewTopic(topic, 1, replicas).configs(request.topicConfigs())))
                                        .all(),
                                "create probe topic " + topic);
                        created.add(topic);
                    } catch (CutoverException e) {
                        rows.add(failed(
                                spec,
                                "probe topic " + topic + " with " + request.topicConfigs() + " not created: "
                                        + e.getMessage(),
                                t0));
                        continue;
                    }
                    rows.add(row(spec, request, props, target, names, topic, i, t0));
                }
                rowDone.accept(rows.size(), "deleting the probe topics");
            } finally {
                left = delete(target, created);
            }
        } catch (CutoverException e) {
            for (ClientSpec spec :
                    request.clients().subList(rows.size(), request.clients().size())) {
                rows.add(failed(spec, "the target did not answer: " + e.getMessage(), System.nanoTime()));
            }
        }
        return new Result(rows, created, left, request.topicConfigs());
    }

    private static MatrixRow row(
            ClientSpec spec,
            Request request,
            Map<String, String> props,
            ClusterConnection target,
            ProbeTopics names,
            String topic,
            int i,
            long t0) {
        Progress progress = new Progress();
        ClientTask task;
        if (spec instanceof ClientSpec.KafkaJava java) {
            List<java.nio.file.Path> jars;
            try {
                jars = request.jars().jars(java.version());
            } catch (IOException | RuntimeException e) {
                return failed(
                        spec, "kafka-clients " + java.version() + " could not be resolved: " + e.getMessage(), t0);
            }
            task = new JavaClientRun(java, jars, props, trip(request, names, topic, i))::run;
        } else {
            Optional<java.nio.file.Path> path = KcatRun.find();
            if (path.isEmpty()) {
                return new MatrixRow(
                        spec.label(),
                        Map.of(),
                        Status.SKIPPED,
                        "not installed: kcat is not on the PATH (apt-get install -y kcat)",
                        millis(t0));
            }
            KcatRun.Mapped mapped = KcatRun.map(props);
            if (!mapped.why().isEmpty()) {
                return new MatrixRow(spec.label(), Map.of(), Status.UNKNOWN, "unknown: " + mapped.why(), millis(t0));
            }
            task = new KcatRun(
                            path.get(),
                            mapped.settings(),
                            trip(request, names, topic, i),
                            (g, t) -> committed(target, g, t))::run;
        }
        return ClientThread.run(spec, task, progress, request.perClient(), t0);
    }

    private static RoundTrip trip(Request request, ProbeTopics names, String topic, int i) {
        return new RoundTrip(
                topic,
                names.group("m" + i),
                request.records(),
                names.runId(),
                System.nanoTime() + request.perClient().toNanos());
    }

    private static long committed(ClusterConnection target, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = target.admin()
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(target.profile().timeout().toMillis(), TimeUnit.MILLISECONDS);
        OffsetAndMetadata o = offsets.get(new TopicPartition(topic, 0));
        return o == null ? -1 : o.offset();
    }

    static MatrixRow failed(ClientSpec spec, String why, long t0) {
        Map<MatrixCheck, Status> checks = new java.util.EnumMap<>(MatrixCheck.class);
        checks.put(MatrixCheck.PRODUCE, Status.FAIL);
        return new MatrixRow(spec.label(), checks, Status.FAIL, Redactor.redactText(why), millis(t0));
    }

    static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * The target's client properties as strings, with {@code ${env:…}}/{@code ${file:…}}/{@code ${directory:…}}
     * references resolved by cutover and no {@code config.providers}: kafka-clients before 3.5 lack the env provider,
     * 0.11 has none, kcat never had any. The values go to the clients only, never to output.
     */
    static Map<String, String> stringProps(ConnectionProfile target) {
        return new TreeMap<>(target.resolvedProperties());
    }

    private static Optional<String> delete(ClusterConnection target, List<String> created) {
        if (created.isEmpty()) {
            return Optional.empty();
        }
        try {
            target.admin()
                    .deleteTopics(created)
                    .all()
                    .get(target.profile().timeout().toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("left on the target: " + String.join(", ", created) + " ("
                    + Redactor.redactText(String.valueOf(e.getMessage())) + ")");
        }
    }
}
