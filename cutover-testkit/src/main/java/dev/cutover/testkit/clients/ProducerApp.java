package dev.cutover.testkit.clients;

import dev.cutover.sandbox.clients.ClientScript;
import dev.cutover.sandbox.clients.RecordingProducer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real producer application for wave tests: {@link RecordingProducer} in its own JVM, started and stopped by a shell
 * script that follows the command switcher's contract and reads its endpoint from a properties file the file switcher
 * rewrites. Its log says what it wrote, acknowledged, on which cluster.
 */
public final class ProducerApp {
    public final Path dir;
    public final String topic;

    public ProducerApp(Path workspace, String name, String topic, int partitions, String bootstrap) throws IOException {
        this(workspace, name, topic, partitions, bootstrap, null);
    }

    /**
     * A producer application in a dual-write period: it writes every record to {@code bootstrap} and {@code second}
     * until a wave starts it on the target, where it writes alone (see {@link ClientScript#writeDualProducer}).
     */
    public static ProducerApp dualWriting(
            Path workspace, String name, String topic, int partitions, String bootstrap, String second)
            throws IOException {
        return new ProducerApp(workspace, name, topic, partitions, bootstrap, second);
    }

    private ProducerApp(Path workspace, String name, String topic, int partitions, String bootstrap, String second)
            throws IOException {
        this.dir = workspace.resolve("apps").resolve(name);
        this.topic = topic;
        Files.createDirectories(dir);
        Files.writeString(
                properties(),
                "# " + name + "'s Kafka client settings (kept by its team)\n"
                        + "bootstrap.servers=" + bootstrap + "\n"
                        + "# every record acknowledged by all replicas\n"
                        + "acks=all\n");
        if (second == null) {
            ClientScript.writeProducer(dir, name, topic, partitions);
        } else {
            ClientScript.writeDualProducer(dir, name, topic, partitions, second);
        }
    }

    public Path properties() {
        return dir.resolve(ClientScript.PROPERTIES);
    }

    public void run(String action) throws Exception {
        ClientScript.run(dir, action);
    }

    /** What it wrote, acknowledged, in order: {@code topic, partition, offset, value, bootstrap}. */
    public List<String[]> written() {
        Path log = dir.resolve(ClientScript.LOG);
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
            List<String[]> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    lines.add(line.split("\t"));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many records it wrote on the cluster of {@code bootstrap}. */
    public long writtenOn(String bootstrap) {
        return written().stream().filter(l -> l[4].equals(bootstrap)).count();
    }

    /** The values it wrote per partition, in order. */
    public Map<Integer, List<String>> valuesByPartition() {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (String[] l : written()) {
            out.computeIfAbsent(Integer.parseInt(l[1]), k -> new ArrayList<>()).add(l[3]);
        }
        return out;
    }

    /**
     * The values it wrote per partition, each once, in order: a dual-writing application logs each record once per
     * cluster that acknowledged it.
     */
    public Map<Integer, List<String>> distinctValuesByPartition() {
        Map<Integer, java.util.LinkedHashSet<String>> seen = new TreeMap<>();
        for (String[] l : written()) {
            seen.computeIfAbsent(Integer.parseInt(l[1]), k -> new java.util.LinkedHashSet<>())
                    .add(l[3]);
        }
        Map<Integer, List<String>> out = new TreeMap<>();
        seen.forEach((p, v) -> out.put(p, new ArrayList<>(v)));
        return out;
    }
}
