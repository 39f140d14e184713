package dev.cutover.server.dashboard;

import dev.cutover.config.Workspace;
import dev.cutover.inventory.Inventory;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.report.InventoryMarkdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry;
import dev.cutover.readiness.ReadinessRun;
import dev.cutover.readiness.plan.PlanFile;
import dev.cutover.readiness.plan.PlanInputs;
import dev.cutover.readiness.plan.Planner;
import dev.cutover.readiness.report.ReadinessFiles;
import dev.cutover.readiness.report.ReadinessReport;
import dev.cutover.sandbox.EmbeddedCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test fixture: a workspace over two real clusters with a topic on the source, a workload whose owner is markup (the
 * page must show it as text), the source's inventory and a plan written by the modules that write them, a journal of a
 * wave waiting for an operator, and the link running from source to target.
 */
final class LinkedWorkspace implements AutoCloseable {
    static final String TOPIC = "orders";
    static final int PARTITIONS = 3;
    static final String HOSTILE_OWNER = "<img src=x onerror=alert(1)>team-&-\"orders\"";

    final Path dir;
    final EmbeddedCluster source;
    final EmbeddedCluster target;
    final LinkHandle link;

    private LinkedWorkspace(Path dir, EmbeddedCluster source, EmbeddedCluster target, LinkHandle link) {
        this.dir = dir;
        this.source = source;
        this.target = target;
        this.link = link;
    }

    static LinkedWorkspace start(Path dir, EmbeddedCluster source, EmbeddedCluster target, int records)
            throws Exception {
        return start(dir, source, target, records, false);
    }

    /** As {@link #start(Path, EmbeddedCluster, EmbeddedCluster, int)}, with {@code cutover readiness}'s report if asked. */
    static LinkedWorkspace start(
            Path dir, EmbeddedCluster source, EmbeddedCluster target, int records, boolean readiness) throws Exception {
        try (var admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        Files.writeString(
                dir.resolve("cutover.yaml"),
                String.join(
                        "\n",
                        "version: 1",
                        "clusters:",
                        "  source:",
                        "    properties:",
                        "      bootstrap.servers: " + source.bootstrapServers(),
                        "    timeout: 20s",
                        "  target:",
                        "    properties:",
                        "      bootstrap.servers: " + target.bootstrapServers(),
                        "    timeout: 20s",
                        "links:",
                        "  default:",
                        "    topics: " + TOPIC,
                        ""));
        Files.writeString(
                dir.resolve("workloads.yaml"),
                String.join(
                        "\n",
                        "version: 1",
                        "workloads:",
                        "  - name: orders-api",
                        "    owner: '" + HOSTILE_OWNER + "'",
                        "    roles: [producer]",
                        "    topics: [" + TOPIC + "]",
                        "    match:",
                        "      clientId: orders-api-*",
                        ""),
                StandardCharsets.UTF_8);
        produce(source, records);
        Workspace ws = Workspace.load(dir);
        InventoryReport inventory =
                new Inventory(Clock.systemUTC()).take(new Inventory.Request(ws, "source", List.of()));
        ReportFiles.write(
                ws.reportsDir(),
                "inventory",
                ReportFiles.render(InventoryMarkdown.title(inventory), inventory, InventoryMarkdown.render(inventory)));
        PlanFile.update(
                dir.resolve(PlanFile.FILE),
                Planner.plan(PlanInputs.saved(ws.reportsDir().resolve("inventory.json"), ws)));
        if (readiness) {
            ReadinessReport report = new ReadinessRun(Clock.systemUTC())
                    .run(new ReadinessRun.Request(ws, Optional.empty(), Optional.empty(), Optional.of(inventory)));
            ReadinessFiles.write(ws.reportsDir(), ReadinessFiles.render(report));
        }
        Journal journal = Journal.open(dir, Clock.systemUTC());
        journal.append("wave-1-run", "wave-1", Optional.empty(), "gate", JournalEntry.Phase.BEGIN, "started", Map.of());
        journal.append("wave-1-run", "wave-1", Optional.empty(), "gate", JournalEntry.Phase.END, "ready", Map.of());
        journal.append(
                "wave-1-run",
                "wave-1",
                Optional.of("orders-api"),
                "observe",
                JournalEntry.Phase.WAITING,
                "stray clients block the confirmation: <b>orders-api-7</b> still writes orders on the source",
                Map.of());
        LinkSettings settings = LinkSettings.of(ws.config().resolveLink(Optional.empty()))
                .lease(Duration.ofSeconds(5), Duration.ofMillis(500));
        LinkHandle link = LinkService.start(
                source.adminClientProperties(), target.adminClientProperties(), settings, event -> {});
        return new LinkedWorkspace(dir, source, target, link);
    }

    /** Writes {@code count} more records to the source topic, spread over its partitions. */
    static void produce(EmbeddedCluster cluster, int count) {
        Map<String, Object> props = new java.util.HashMap<>(cluster.adminClientProperties());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        props.put("client.id", "orders-api-1");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, "order " + i));
            }
            producer.flush();
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
