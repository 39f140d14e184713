package dev.cutover.testkit.clients;

import dev.cutover.sandbox.clients.ClientScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * A real client application for wave tests: {@code RecordingConsumer} in its own JVM, started and stopped by a shell
 * script that follows the command switcher's contract and reads its endpoint from a properties file the file switcher
 * rewrites. Its log says what it processed, on which cluster.
 */
public final class ClientApp {
    public final Path dir;
    public final String group;
    public final String topic;

    public ClientApp(Path workspace, String name, String group, String topic, String bootstrap) throws IOException {
        this.dir = workspace.resolve("apps").resolve(name);
        this.group = group;
        this.topic = topic;
        Files.createDirectories(dir);
        Files.writeString(
                properties(),
                "# " + name + "'s Kafka client settings (kept by its team)\n"
                        + "bootstrap.servers=" + bootstrap + "\n"
                        + "# read only committed records\n"
                        + "isolation.level=read_committed\n"
                        + "max.poll.records=50\n");
        ClientScript.write(dir, group, topic);
    }

    public Path properties() {
        return dir.resolve(ClientScript.PROPERTIES);
    }

    public Path script() {
        return dir.resolve(ClientScript.SCRIPT);
    }

    /** Runs the script as the command switcher would, outside a wave (to start the app on the source first). */
    public void run(String action) throws Exception {
        ClientScript.run(dir, action);
    }

    /** The processed values per partition, in the order processed, and on which cluster each was. */
    public List<String[]> processed() throws IOException {
        Path log = dir.resolve(ClientScript.LOG);
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
    }

    /** How many records it processed (a record processed twice counts twice). */
    public long count() {
        try {
            return processed().size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The distinct records it processed, as {@code partition/value}. */
    public java.util.Set<String> distinct() {
        try {
            java.util.Set<String> keys = new java.util.HashSet<>();
            processed().forEach(l -> keys.add(l[1] + "/" + l[3]));
            return keys;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Map<Integer, List<String>> valuesByPartition() throws IOException {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (String[] l : processed()) {
            out.computeIfAbsent(Integer.parseInt(l[1]), k -> new ArrayList<>()).add(l[3]);
        }
        return out;
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100); // polling a condition, bounded by the timeout
        }
    }
}
