package dev.cutover.cli;

import dev.cutover.config.AtomicFiles;
import dev.cutover.config.Workspace;
import dev.cutover.orchestrator.WaveState;
import dev.cutover.readiness.plan.CutoverPattern;
import dev.cutover.sandbox.clients.ClientScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The demo's dual write: invoicing-service, a real application ({@code RecordingProducer} in its own JVM), writes every
 * invoice to both clusters; the link is told not to copy invoices; ledger reads invoices on the source. Their wave,
 * added to plan.yaml by hand with pattern dual-write, compares both sides by content, moves ledger with its position
 * placed after the same records on the target, and retires the source writes. Then both clusters' invoices and
 * ledger's own log are checked against what invoicing-service wrote.
 */
final class DemoDualWrite implements AutoCloseable {
    static final String NAME = "invoicing-service";
    static final String TOPIC = "invoices";
    static final String READER = "ledger";
    static final String WAVE = "wave-dual-write";
    static final int PARTITIONS = 3;
    static final String FORCE = "demo: invoicing-service and ledger joined the estate after its inventory; the dual"
            + " write is what this wave shows";

    private static final Pattern OWN = Pattern.compile(Pattern.quote(NAME) + "-\\d+");

    private final Path dir;
    private final PrintWriter out;

    private DemoDualWrite(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /**
     * Before the link starts: invoices on both clusters, excluded from the link in cutover.yaml; invoicing-service
     * started writing both, ledger reading on the source.
     */
    static DemoDualWrite start(Path dir, PrintWriter out) {
        try {
            Workspace ws = Workspace.load(dir);
            for (String side : List.of("source", "target")) {
                try (Admin admin = Admin.create(ws.profile(side).clientProperties())) {
                    admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                            .all()
                            .get();
                }
            }
            Path config = dir.resolve("cutover.yaml");
            String text = Files.readString(config, StandardCharsets.UTF_8);
            AtomicFiles.write(
                    config,
                    text + (text.endsWith("\n") ? "" : "\n")
                            + "# invoicing-service writes invoices to both clusters itself (a dual write): not copied\n"
                            + "links:\n  default:\n    exclude: " + TOPIC + "\n");
            Path appDir = dir.resolve("apps").resolve(NAME);
            Files.createDirectories(appDir);
            AtomicFiles.write(
                    appDir.resolve(ClientScript.PROPERTIES),
                    "# " + NAME + "'s Kafka client settings, kept by its team; it writes each invoice to both"
                            + " clusters while the dual write lasts\n"
                            + "bootstrap.servers=unset\n"
                            + "acks=all\n"
                            + "enable.idempotence=true\n");
            ClientScript.writeDualProducer(
                    appDir, NAME, TOPIC, PARTITIONS, ws.profile("target").bootstrapServers());
            Path readerDir = DemoApps.reader(dir, READER, TOPIC);
            DemoApps.pointAtSource(dir, List.of(NAME, READER));
            ClientScript.run(readerDir, "start");
            ClientScript.run(appDir, "start");
            return new DemoDualWrite(dir, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(
                    "cannot create topic " + TOPIC + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * The owners' hand edits: both workloads in workloads.yaml (with their switchers), and a wave of their own in
     * plan.yaml with pattern dual-write (the planner never proposes one: only the owner knows the application writes
     * both clusters).
     */
    void declare() {
        try {
            DemoApps.addWorkloads(
                    dir,
                    "  - name: " + NAME + "\n    owner: team-invoicing\n    roles: [producer]\n"
                            + "    topics: [" + TOPIC + "]\n    match:\n      clientId: " + NAME + "-*\n"
                            + "    switch:\n      file: apps/" + NAME + "/" + ClientScript.PROPERTIES + "\n"
                            + "      command: [sh, apps/" + NAME + "/" + ClientScript.SCRIPT + "]\n"
                            + "  - name: " + READER + "\n    owner: team-finance\n    roles: [consumer]\n"
                            + "    topics: [" + TOPIC + "]\n    offsets: translate\n    match:\n      groupId: "
                            + READER
                            + "\n    switch:\n      file: apps/" + READER + "/" + ClientScript.PROPERTIES + "\n"
                            + "      command: [sh, apps/" + READER + "/" + ClientScript.SCRIPT + "]\n");
            DemoApps.addWave(
                    dir,
                    WAVE,
                    CutoverPattern.DUAL_WRITE,
                    "set by hand: " + NAME + " writes " + TOPIC + " to both clusters itself, and duplicates across"
                            + " clusters are harmless to its readers",
                    List.of(READER, NAME),
                    "team-invoicing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code wave run --force}: the dual-write wave; then the record-level check of both sides and of ledger. */
    void run(DemoWave waves) {
        WaveState state = waves.runner().run(WAVE, DemoWave.options(Optional.of(FORCE)));
        DemoWave.table(state, out);
        if (state.status() != WaveState.Status.CONFIRMED) {
            out.println("      the dual-write wave did not complete: see `cutover wave status --wave " + WAVE + "`");
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
        Map<Integer, List<String>> written = written();
        long records = written.values().stream().mapToLong(List::size).sum();
        out.println("      " + NAME + "'s own log: " + records + " record(s), each acknowledged by both clusters while"
                + " the dual write lasted, then by the target alone");
        for (String side : List.of("source", "target")) {
            String verdict;
            try {
                verdict = DemoProducer.compare(
                        written, DemoProducer.awaitSame(ws.profile(side), TOPIC, PARTITIONS, OWN, written));
            } catch (org.apache.kafka.common.KafkaException e) {
                verdict = "not checked: the " + side + " profile could not read it (" + e.getMessage() + ")";
            }
            out.println("      " + side + "'s " + TOPIC + ": " + verdict
                    + (side.equals("source") ? " (written there, then copied back by the reverse copy)" : ""));
        }
        out.println("      " + READER + " (moved by content, no offset map), its own log: "
                + DemoProducer.readerLog(
                        dir.resolve("apps").resolve(READER).resolve(ClientScript.LOG), OWN, NAME, written));
        out.println("      the journal: ./cutover journal --workspace " + dir + " --wave " + WAVE);
        out.flush();
    }

    /** What invoicing-service wrote per partition, each value once (it logs a dual write once per cluster), in order. */
    private Map<Integer, List<String>> written() {
        Path log = dir.resolve("apps").resolve(NAME).resolve(ClientScript.LOG);
        Map<Integer, LinkedHashSet<String>> seen = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length >= 4) {
                    seen.computeIfAbsent(Integer.parseInt(f[1]), k -> new LinkedHashSet<>())
                            .add(f[3]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, List<String>> out = new TreeMap<>();
        seen.forEach((p, v) -> out.put(p, new ArrayList<>(v)));
        return out;
    }

    @Override
    public void close() {
        DemoApps.stop(dir, out, List.of(NAME, READER));
    }
}
