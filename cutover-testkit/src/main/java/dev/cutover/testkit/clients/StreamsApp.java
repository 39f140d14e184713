package dev.cutover.testkit.clients;

import dev.cutover.sandbox.clients.ClientScript;
import dev.cutover.sandbox.clients.CountingStreams;
import dev.cutover.sandbox.clients.CountingStreamsCheck;
import dev.cutover.sandbox.clients.CountingStreamsCheck.Input;
import dev.cutover.sandbox.clients.CountingStreamsCheck.Output;
import dev.cutover.testkit.check.LoggedRecord;
import dev.cutover.testkit.check.PartitionLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link CountingStreams} application in its own JVM with its start/stop script ({@link ClientScript}) under {@code
 * <workspace>/apps/<name>/}, and the record-by-record check of its outputs on a cluster against its input.
 */
public final class StreamsApp {
    public final Path dir;
    public final String applicationId;
    public final String input;

    public StreamsApp(
            Path workspace, String name, String applicationId, String input, String bootstrap, String guarantee)
            throws IOException {
        this.dir = workspace.resolve("apps").resolve(name);
        this.applicationId = applicationId;
        this.input = input;
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(ClientScript.PROPERTIES),
                "# " + name + "'s Kafka Streams settings (kept by its team)\n"
                        + "bootstrap.servers=" + bootstrap + "\n"
                        + "processing.guarantee=" + guarantee + "\n"
                        + "replication.factor=1\n");
        ClientScript.writeStreams(dir, applicationId, input);
    }

    public Path properties() {
        return dir.resolve(ClientScript.PROPERTIES);
    }

    public void run(String action) throws Exception {
        ClientScript.run(dir, action);
    }

    /** Its own log: its state changes and the cluster it ran on each time. */
    public List<String> log() throws IOException {
        Path log = dir.resolve(ClientScript.LOG);
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** The input records on {@code cluster} (committed ones, every partition). */
    public List<Input> inputOn(Map<String, Object> cluster, Duration timeout) {
        List<Input> out = new ArrayList<>();
        for (LoggedRecord r : read(cluster, input, timeout).values().stream()
                .flatMap(List::stream)
                .toList()) {
            out.add(new Input(r.timestamp(), text(r.value())));
        }
        return out;
    }

    /** How many updates its two output topics hold on {@code cluster}. */
    public long outputsOn(Map<String, Object> cluster, Duration timeout) {
        return outputs(cluster, input + CountingStreams.COUNTS_SUFFIX, timeout).values().stream()
                        .mapToLong(List::size)
                        .sum()
                + outputs(cluster, input + CountingStreams.REGIONS_SUFFIX, timeout).values().stream()
                        .mapToLong(List::size)
                        .sum();
    }

    /**
     * The differences between its outputs on {@code outputCluster} and the counts computed from {@code input}: empty
     * when every update is there exactly once, in order.
     */
    public List<String> differences(List<Input> input, Map<String, Object> outputCluster, Duration timeout) {
        List<String> problems = new ArrayList<>();
        String counts = this.input + CountingStreams.COUNTS_SUFFIX;
        String regions = this.input + CountingStreams.REGIONS_SUFFIX;
        problems.addAll(CountingStreamsCheck.differences(
                counts, outputs(outputCluster, counts, timeout), CountingStreamsCheck.expectedCounts(input)));
        problems.addAll(CountingStreamsCheck.differences(
                regions, outputs(outputCluster, regions, timeout), CountingStreamsCheck.expectedRegions(input)));
        return problems;
    }

    private static Map<Integer, List<Output>> outputs(Map<String, Object> cluster, String topic, Duration timeout) {
        Map<Integer, List<Output>> out = new TreeMap<>();
        read(cluster, topic, timeout)
                .forEach((p, records) -> out.put(
                        p,
                        records.stream()
                                .map(r -> new Output(text(r.key()), text(r.value())))
                                .toList()));
        return out;
    }

    private static Map<Integer, List<LoggedRecord>> read(Map<String, Object> cluster, String topic, Duration timeout) {
        Map<Integer, List<LoggedRecord>> out = new TreeMap<>();
        int partitions;
        try (Admin admin = Admin.create(cluster)) {
            var described =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            partitions = described.partitions().size();
        } catch (Exception e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return out;
            }
            throw new IllegalStateException("cannot describe " + topic + ": " + e.getMessage(), e);
        }
        for (int p = 0; p < partitions; p++) {
            out.put(
                    p,
                    PartitionLog.read(cluster, new TopicPartition(topic, p), IsolationLevel.READ_COMMITTED, timeout)
                            .records());
        }
        return out;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
