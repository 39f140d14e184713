package dev.cutover.cli;

import dev.cutover.config.AtomicFiles;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Workspace;
import dev.cutover.orchestrator.WaveState;
import dev.cutover.readiness.plan.PlanFile;
import dev.cutover.readiness.plan.Wave;
import dev.cutover.sandbox.clients.ClientScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The demo's producer: payments-service as a real application ({@code RecordingProducer} in its own JVM, writing
 * payments, reading its endpoint from {@code apps/payments-service/client.properties}, started and stopped by its
 * {@code switch.sh}), and its wave: its writes move to the target while reconciliation still reads payments on the
 * source, so the link turns payments around. Then the record-level check of both sides against the application's own
 * log of what it wrote.
 */
final class DemoProducer implements AutoCloseable {
    static final String NAME = "payments-service";
    static final String TOPIC = "payments";
    static final int PARTITIONS = 3;
    /** The estate's in-process payments-service, which this application replaces. */
    static final String ESTATE_CLIENT = "payments-service-producer";
    /** A reader of payments that stays on the source (its group, too). */
    static final String READER = "reconciliation";

    private static final Pattern OWN = Pattern.compile(Pattern.quote(NAME) + "-\\d+");

    private final Path dir;
    private final PrintWriter out;

    private DemoProducer(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /**
     * Writes its client file and script, declares its switchers in workloads.yaml, and starts it on the source; starts
     * reconciliation there too (a reader of payments that stays on the source).
     */
    static DemoProducer start(Path dir, PrintWriter out) {
        try {
            Path readerDir = DemoApps.reader(dir, READER, TOPIC);
            Path appDir = dir.resolve("apps").resolve(NAME);
            Files.createDirectories(appDir);
            AtomicFiles.write(
                    appDir.resolve(ClientScript.PROPERTIES),
                    "# " + NAME + "'s Kafka client settings, kept by its team; cutover's file switcher rewrites only"
                            + " the connection settings\n"
                            + "bootstrap.servers=unset\n"
                            + "# every payment acknowledged by all replicas, written once\n"
                            + "acks=all\n"
                            + "enable.idempotence=true\n");
            ClientScript.writeProducer(appDir, NAME, TOPIC, PARTITIONS);
            DemoWave.declareSwitchers(dir, List.of(NAME));
            DemoApps.pointAtSource(dir, List.of(NAME, READER));
            ClientScript.run(readerDir, "start");
            ClientScript.run(appDir, "start");
            return new DemoProducer(dir, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The wave of plan.yaml that holds payments-service. */
    String wave() {
        return PlanFile.read(dir.resolve(PlanFile.FILE)).orElseThrow().waves().stream()
                .filter(w -> w.workloads().contains(NAME))
                .map(Wave::name)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo plan has no wave with " + NAME));
    }

    /**
     * {@code wave run --force}: payments-service's writes move to the target; then, once it is stopped, what it wrote
     * is compared record by record with both clusters' payments.
     */
    void run(DemoWave waves, String wave, String force) {
        WaveState state = waves.runner().run(wave, DemoWave.options(Optional.of(force)));
        DemoWave.table(state, out);
        if (state.status() != WaveState.Status.CONFIRMED) {
            out.println("      " + NAME + "'s move did not complete: see `cutover wave status --wave " + wave + "`");
            out.flush();
            return;
        }
        try {
            ClientScript.run(dir.resolve("apps").resolve(NAME), "stop");
        } catch (IOException e) {
            out.println("      warning: could not stop " + NAME + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Workspace ws = Workspace.load(dir);
        Map<Integer, List<String>> written = written(ws);
        long onSource = count(written, ws.profile("source").bootstrapServers());
        long onTarget = count(written, ws.profile("target").bootstrapServers());
        Map<Integer, List<String>> values = values(written);
        out.printf(
                Locale.ROOT,
                "      %s's own log (%s): %d record(s) written and acknowledged (%d on the source, %d on the target)%n",
                NAME,
                ClientScript.LOG,
                onSource + onTarget,
                onSource,
                onTarget);
        boolean reversed = state.entries().stream()
                .filter(e -> e.step().equals(dev.cutover.orchestrator.Steps.DRAIN_FORWARD)
                        && e.phase() == dev.cutover.orchestrator.journal.JournalEntry.Phase.END)
                .anyMatch(e -> "true".equals(e.figures().get("reverse")));
        for (String side : List.of("source", "target")) {
            boolean fed = reversed || side.equals("target");
            // without a reverse copy the source holds what was written there, and nothing written on the target
            Map<Integer, List<String>> expected =
                    fed ? values : values(onlyOn(written, ws.profile(side).bootstrapServers()));
            String verdict;
            try {
                verdict = compare(expected, awaitSame(ws.profile(side), expected))
                        + (fed ? "" : " written there (no reverse copy: no reader was left on the source)");
            } catch (org.apache.kafka.common.KafkaException e) {
                verdict = "not checked: the " + side + " profile could not read it (" + e.getMessage() + ")";
            }
            out.println("      " + side + "'s " + TOPIC + ": " + verdict);
        }
        out.println("      " + READER + " (on the source all along), its own log: " + readerLog(values));
        out.println("      the journal: ./cutover journal --workspace " + dir + " --wave " + wave);
        out.flush();
    }

    /** What the reader processed of payments-service's records, against what it wrote, once it has caught up. */
    private String readerLog(Map<Integer, List<String>> expected) {
        return readerLog(dir.resolve("apps").resolve(READER).resolve(ClientScript.LOG), OWN, NAME, expected);
    }

    /** What a reader's log ({@code log}) says it processed of a writer's records ({@code own}), against {@code expected}. */
    static String readerLog(Path log, Pattern own, String writer, Map<Integer, List<String>> expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<Integer, List<String>> seen = Map.of();
        while (System.nanoTime() < deadline) {
            seen = new TreeMap<>();
            try {
                for (String line :
                        Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.<String>of()) {
                    String[] f = line.split("\t");
                    if (f.length >= 4 && own.matcher(f[3]).matches()) {
                        seen.computeIfAbsent(Integer.parseInt(f[1]), k -> new ArrayList<>())
                                .add(f[3]);
                    }
                }
            } catch (IOException e) {
                return "unreadable (" + e.getMessage() + ")";
            }
            if (seen.equals(expected)) {
                break;
            }
            try {
                Thread.sleep(500); // polling the reader's log, bounded above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "of " + writer + "'s records it " + compare(expected, seen).replace("holds each", "processed each");
    }

    /** Per partition, the lines of its log: partition → [value, bootstrap] pairs, in the order written. */
    private Map<Integer, List<String>> written(Workspace ws) {
        Path log = dir.resolve("apps").resolve(NAME).resolve(ClientScript.LOG);
        Map<Integer, List<String>> out = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length >= 5) {
                    out.computeIfAbsent(Integer.parseInt(f[1]), k -> new ArrayList<>())
                            .add(f[3] + "\t" + f[4]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Map<Integer, List<String>> onlyOn(Map<Integer, List<String>> written, String bootstrap) {
        Map<Integer, List<String>> out = new TreeMap<>();
        written.forEach((p, lines) -> {
            List<String> here =
                    lines.stream().filter(l -> l.endsWith("\t" + bootstrap)).toList();
            if (!here.isEmpty()) {
                out.put(p, here);
            }
        });
        return out;
    }

    private static long count(Map<Integer, List<String>> written, String bootstrap) {
        return written.values().stream()
                .flatMap(List::stream)
                .filter(l -> l.endsWith("\t" + bootstrap))
                .count();
    }

    private static Map<Integer, List<String>> values(Map<Integer, List<String>> written) {
        Map<Integer, List<String>> out = new TreeMap<>();
        written.forEach((p, lines) -> out.put(
                p, lines.stream().map(l -> l.substring(0, l.indexOf('\t'))).toList()));
        return out;
    }

    /**
     * The application's records in the cluster's topic, per partition in log order; read again (the copies may still
     * be on their way) until they are the application's log or 30 s have passed.
     */
    private static Map<Integer, List<String>> awaitSame(
            ConnectionProfile profile, Map<Integer, List<String>> expected) {
        return awaitSame(profile, TOPIC, PARTITIONS, OWN, expected);
    }

    /** As above, for any application's topic: the records whose value {@code own} matches. */
    static Map<Integer, List<String>> awaitSame(
            ConnectionProfile profile, String topic, int partitions, Pattern own, Map<Integer, List<String>> expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<Integer, List<String>> now = read(profile, topic, partitions, own);
            if (now.equals(expected) || System.nanoTime() > deadline) {
                return now;
            }
            try {
                Thread.sleep(500); // polling the copy, bounded above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
    }

    private static Map<Integer, List<String>> read(
            ConnectionProfile profile, String topic, int partitions, Pattern own) {
        Map<String, Object> p = new HashMap<>(profile.clientProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<Integer, List<String>> out = new TreeMap<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && own.matcher(r.value()).matches()) {
                        out.computeIfAbsent(r.partition(), k -> new ArrayList<>())
                                .add(r.value());
                    }
                }
            }
        }
        return out;
    }

    /** What the topic holds against what the application wrote: each once, in order, or how it differs. */
    static String compare(Map<Integer, List<String>> expected, Map<Integer, List<String>> actual) {
        if (expected.equals(actual)) {
            long n = expected.values().stream().mapToLong(List::size).sum();
            return "holds each of the " + n + " record(s) once, in order, partition by partition";
        }
        long missing = 0;
        long extra = 0;
        java.util.Set<Integer> partitions = new java.util.TreeSet<>(expected.keySet());
        partitions.addAll(actual.keySet());
        for (int p : partitions) {
            List<String> e = expected.getOrDefault(p, List.of());
            List<String> a = actual.getOrDefault(p, List.of());
            missing += e.stream().filter(v -> !a.contains(v)).count();
            extra += a.size()
                    - a.stream().distinct().count()
                    + a.stream().filter(v -> !e.contains(v)).count();
        }
        return "DIFFERS from what it wrote: " + missing + " missing, " + extra + " extra or twice"
                + (missing == 0 && extra == 0 ? ", order differs" : "");
    }

    @Override
    public void close() {
        DemoApps.stop(dir, out, List.of(NAME, READER));
    }
}
