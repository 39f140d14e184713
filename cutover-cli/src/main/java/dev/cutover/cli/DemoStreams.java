package dev.cutover.cli;

import dev.cutover.config.AtomicFiles;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Workspace;
import dev.cutover.orchestrator.WaveState;
import dev.cutover.readiness.plan.CutoverPattern;
import dev.cutover.sandbox.clients.ClientScript;
import dev.cutover.sandbox.clients.CountingStreams;
import dev.cutover.sandbox.clients.CountingStreamsCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The demo's Kafka Streams application: order-stats ({@code CountingStreams} in its own JVM, exactly-once) counts the
 * estate's orders per customer (through a repartition topic and a store) and per region in one-minute windows,
 * writing {@code order-stats.counts} and {@code order-stats.regions}. Added by hand to workloads.yaml (with its
 * {@code writes:}) and to plan.yaml as a wave of its own; the wave moves it with its state. Then the orders stop, and
 * its outputs on both clusters are compared update by update with the counts computed from the orders.
 */
final class DemoStreams implements AutoCloseable {
    static final String NAME = "order-stats";
    static final String INPUT = "orders";
    static final String WAVE = "wave-streams";
    static final String FORCE = "demo: order-stats joined the estate after its inventory; its move with its state is"
            + " what this wave shows";
    private static final List<String> OUTPUTS =
            List.of(NAME + CountingStreams.COUNTS_SUFFIX, NAME + CountingStreams.REGIONS_SUFFIX);

    private final Path dir;
    private final PrintWriter out;

    private DemoStreams(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /** Before the link starts: its output topics on the source, and the application started there. */
    static DemoStreams start(Path dir, PrintWriter out) {
        try {
            Workspace ws = Workspace.load(dir);
            try (Admin admin = Admin.create(ws.profile("source").clientProperties())) {
                List<NewTopic> topics = new ArrayList<>();
                OUTPUTS.forEach(t -> topics.add(new NewTopic(t, 3, (short) 1)));
                admin.createTopics(topics).all().get();
            }
            Path appDir = dir.resolve("apps").resolve(NAME);
            Files.createDirectories(appDir);
            AtomicFiles.write(
                    appDir.resolve(ClientScript.PROPERTIES),
                    "# " + NAME + "'s Kafka Streams settings, kept by its team\n"
                            + "bootstrap.servers=unset\n"
                            + "processing.guarantee=exactly_once_v2\n"
                            + "replication.factor=1\n");
            ClientScript.writeStreams(appDir, NAME, INPUT + ":" + NAME);
            DemoApps.pointAtSource(dir, List.of(NAME));
            ClientScript.run(appDir, "start");
            return new DemoStreams(dir, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(
                    "cannot create " + OUTPUTS + ": " + e.getCause().getMessage(), e);
        }
    }

    /** The owners' hand edits: the workload (with what it writes) in workloads.yaml, and a wave of its own. */
    void declare() {
        try {
            DemoApps.addWorkloads(
                    dir,
                    "  - name: " + NAME + "\n    owner: team-data\n    roles: [streams]\n"
                            + "    topics: [" + INPUT + ", " + String.join(", ", OUTPUTS) + "]\n"
                            + "    writes: [" + String.join(", ", OUTPUTS) + "]\n"
                            + "    offsets: translate\n    match:\n      groupId: " + NAME + "\n"
                            + "    switch:\n      file: apps/" + NAME + "/" + ClientScript.PROPERTIES + "\n"
                            + "      command: [sh, apps/" + NAME + "/" + ClientScript.SCRIPT + "]\n");
            DemoApps.addWave(
                    dir,
                    WAVE,
                    CutoverPattern.LINKED,
                    "set by hand: " + NAME + " reads orders, whose writers stay on the source, and its state moves"
                            + " with it",
                    List.of(NAME),
                    "team-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code wave run --force}: the Streams wave; then, once {@code stopInput} has stopped the orders, its outputs on
     * each cluster compared update by update with the counts computed from the orders on the source.
     */
    void run(DemoWave waves, Runnable stopInput) {
        WaveState state = waves.runner().run(WAVE, DemoWave.options(Optional.of(FORCE)));
        DemoWave.table(state, out);
        if (state.status() != WaveState.Status.CONFIRMED) {
            out.println("      the Streams wave did not complete: see `cutover wave status --wave " + WAVE + "`");
            out.flush();
            return;
        }
        stopInput.run();
        Workspace ws = Workspace.load(dir);
        List<CountingStreamsCheck.Input> input = new ArrayList<>();
        read(ws.profile("source"), INPUT)
                .values()
                .forEach(records ->
                        records.forEach(r -> input.add(new CountingStreamsCheck.Input(r.timestamp(), r.value()))));
        out.println("      the orders stopped: " + input.size() + " order(s) on the source, each to be counted once"
                + " per customer and once per region and minute");
        for (String side : List.of("target", "source")) {
            out.println("      " + side + "'s outputs: " + check(ws.profile(side), input)
                    + (side.equals("source") ? " (written there before the move, copied back after it)" : ""));
        }
        out.println("      the journal: ./cutover journal --workspace " + dir + " --wave " + WAVE);
        out.flush();
    }

    /** Waits (up to 60 s) until the outputs hold an update per order, then compares them with the counts. */
    private static String check(ConnectionProfile profile, List<CountingStreamsCheck.Input> input) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Map<Integer, List<CountingStreamsCheck.Output>>> outputs;
        while (true) {
            outputs = new TreeMap<>();
            for (String topic : OUTPUTS) {
                Map<Integer, List<CountingStreamsCheck.Output>> byPartition = new TreeMap<>();
                read(profile, topic)
                        .forEach((p, records) -> byPartition.put(
                                p,
                                records.stream()
                                        .map(r -> new CountingStreamsCheck.Output(r.key(), r.value()))
                                        .toList()));
                outputs.put(topic, byPartition);
            }
            long updates = outputs.values().stream()
                    .flatMap(m -> m.values().stream())
                    .mapToLong(List::size)
                    .sum();
            if (updates >= 2L * input.size() || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(500); // polling the application's progress, bounded above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "not checked: interrupted";
            }
        }
        List<String> problems = new ArrayList<>(CountingStreamsCheck.differences(
                OUTPUTS.get(0), outputs.get(OUTPUTS.get(0)), CountingStreamsCheck.expectedCounts(input)));
        problems.addAll(CountingStreamsCheck.differences(
                OUTPUTS.get(1), outputs.get(OUTPUTS.get(1)), CountingStreamsCheck.expectedRegions(input)));
        long customers = CountingStreamsCheck.expectedCounts(input).size();
        long windows = CountingStreamsCheck.expectedRegions(input).size();
        if (problems.isEmpty()) {
            return "each of the " + input.size() + " order(s) counted exactly once: " + customers
                    + " customers' and " + windows + " region-minutes' updates are 1, 2, … n, in order, none twice,"
                    + " none missing";
        }
        return "DIFFER from the counts computed from the orders: " + problems.size() + " problem(s), first "
                + problems.get(0);
    }

    /** A topic's committed records on one cluster, partition by partition in log order. */
    private static Map<Integer, List<ConsumerRecord<String, String>>> read(ConnectionProfile profile, String topic) {
        Map<String, Object> p = new HashMap<>(profile.clientProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<Integer, List<ConsumerRecord<String, String>>> out = new TreeMap<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        DemoApps.stop(dir, out, List.of(NAME));
    }
}
