package dev.cutover.inventory.report;

import static dev.cutover.inventory.report.Markdown.code;
import static dev.cutover.inventory.report.Markdown.text;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.cluster.ClusterInventory.Partition;
import dev.cutover.inventory.cluster.ClusterInventory.Topic;
import dev.cutover.inventory.files.ConfigScanResult;
import dev.cutover.inventory.workloads.Liveness;
import dev.cutover.inventory.workloads.WorkloadView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The inventory as a Markdown document for people: summary and findings first, then the details. */
public final class InventoryMarkdown {
    /** Config source of a topic-level override; broker-wide settings are in the JSON, not in this table. */
    private static final String TOPIC_LEVEL = "DYNAMIC_TOPIC_CONFIG";

    private InventoryMarkdown() {}

    public static String title(InventoryReport report) {
        return "Inventory of " + report.profile() + " ("
                + report.cluster().cluster().clusterId() + ")";
    }

    public static String render(InventoryReport r) {
        ClusterInventory c = r.cluster();
        Markdown md = new Markdown();
        md.heading(1, title(r));
        md.paragraph("Generated " + text(r.generatedAt()) + " by cutover " + text(r.cutoverVersion()) + " from "
                + code(c.bootstrapServers()) + " as " + code(c.principal()) + ". Read-only: nothing was written to"
                + " the cluster.");
        summary(md, r);
        findings(md, r.findings());
        workloads(md, r);
        topics(md, c);
        groups(md, c);
        StatefulMarkdown.render(md, r.stateful());
        SchemaMarkdown.render(md, r.schemas());
        transactions(md, c);
        security(md, c);
        SoftwareMarkdown.render(md, r);
        configs(md, r);
        return md.toString();
    }

    private static void summary(Markdown md, InventoryReport r) {
        ClusterInventory c = r.cluster();
        List<Topic> userTopics = c.topics().stream().filter(t -> !t.internal()).toList();
        int partitions =
                userTopics.stream().mapToInt(t -> t.partitions().size()).sum();
        long bytes = userTopics.stream()
                .map(Topic::sizeBytes)
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .sum();
        Map<String, Long> groupKinds = c.groups().stream()
                .collect(Collectors.groupingBy(g -> String.valueOf(g.kind()), TreeMap::new, Collectors.counting()));
        Map<Liveness, Long> liveness = r.workloads().workloads().stream()
                .collect(Collectors.groupingBy(WorkloadView::liveness, TreeMap::new, Collectors.counting()));
        Map<Severity, Long> severities = r.findings().stream()
                .collect(Collectors.groupingBy(Finding::severity, TreeMap::new, Collectors.counting()));
        md.heading(2, "Summary");
        md.bullets(List.of(
                c.cluster().brokers().size() + " broker(s), metadata version "
                        + c.cluster().metadataVersion() + ", authorizer "
                        + (Boolean.FALSE.equals(c.cluster().authorizer()) ? "off" : "on"),
                userTopics.size() + " topic(s) with " + partitions + " partition(s), " + human(bytes)
                        + " on disk (internal topics not counted)",
                c.groups().size() + " group(s): " + (groupKinds.isEmpty() ? "none" : join(groupKinds)),
                c.transactions().size() + " transactional id(s), " + c.acls().size() + " ACL(s), "
                        + c.quotas().size() + " quota(s), " + c.scramUsers().size() + " SCRAM user(s)",
                r.workloads().workloads().size() + " owned workload(s)"
                        + (liveness.isEmpty() ? "" : " (" + join(liveness) + ")") + ", "
                        + r.workloads().unowned().size() + " unowned client(s)",
                r.findings().size() + " finding(s)" + (severities.isEmpty() ? "" : ": " + join(severities))));
    }

    private static void findings(Markdown md, List<Finding> findings) {
        md.heading(2, "Findings");
        List<Finding> sorted = findings.stream()
                .sorted(Comparator.comparing(Finding::severity)
                        .reversed()
                        .thenComparing(Finding::code)
                        .thenComparing(Finding::subject))
                .toList();
        table(
                md,
                List.of("code", "severity", "subject", "finding"),
                sorted.stream()
                        .map(f -> List.of(
                                code(f.code()),
                                f.severity().name().toLowerCase(),
                                text(f.subject()),
                                text(f.message())))
                        .toList());
    }

    private static void workloads(Markdown md, InventoryReport r) {
        md.heading(2, "Workloads");
        table(
                md,
                List.of("workload", "owner", "roles", "seen", "matched", "topics", "software", "rollback owner"),
                r.workloads().workloads().stream()
                        .map(w -> List.of(
                                text(w.name()),
                                text(w.owner()),
                                text(String.join(", ", w.roles())),
                                w.liveness().name().toLowerCase().replace('_', ' '),
                                text(w.matched().stream()
                                        .map(m -> m.kind() + " " + m.id())
                                        .collect(Collectors.joining("; "))),
                                text(String.join(", ", w.topics())),
                                text(String.join(", ", w.clientSoftware())),
                                text(w.rollbackOwner() == null ? "(none)" : w.rollbackOwner())))
                        .toList());
        md.heading(3, "Unowned clients");
        table(
                md,
                List.of("kind", "id", "what", "topics"),
                r.workloads().unowned().stream()
                        .map(u -> List.of(
                                text(u.kind()), code(u.id()), text(u.detail()), text(String.join(", ", u.topics()))))
                        .toList());
    }

    private static void topics(Markdown md, ClusterInventory c) {
        md.heading(2, "Topics");
        table(
                md,
                List.of("topic", "partitions", "replicas", "topic-level configs", "size", "records/s", "log start…end"),
                c.topics().stream()
                        .filter(t -> !t.internal())
                        .map(t -> List.of(
                                code(t.name()) + role(t),
                                String.valueOf(t.partitions().size()),
                                String.valueOf(t.replicationFactor()),
                                text(t.configs().stream()
                                        .filter(s -> TOPIC_LEVEL.equals(s.source()))
                                        .map(s -> s.name() + "=" + (s.sensitive() ? "[redacted]" : s.value()))
                                        .collect(Collectors.joining(", "))),
                                t.sizeBytes() == null ? "?" : human(t.sizeBytes()),
                                t.messagesPerSecond() == null ? "?" : String.format("%.1f", t.messagesPerSecond()),
                                offsets(t.partitions())))
                        .toList());
    }

    private static String role(Topic t) {
        if (t.retryOf() != null) {
            return " (retry of " + code(t.retryOf()) + ")";
        }
        if (t.deadLetterOf() != null) {
            return " (dead letters of " + code(t.deadLetterOf()) + ")";
        }
        return "";
    }

    private static String offsets(List<Partition> partitions) {
        long start = partitions.stream()
                .map(Partition::logStartOffset)
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .sum();
        long end = partitions.stream()
                .map(Partition::logEndOffset)
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .sum();
        return start + "…" + end;
    }

    private static void groups(Markdown md, ClusterInventory c) {
        md.heading(2, "Groups");
        table(
                md,
                List.of("group", "kind", "type", "state", "assignor", "members (client ids)", "partitions", "lag"),
                c.groups().stream()
                        .map(g -> List.of(
                                code(g.groupId()),
                                text(g.kind()),
                                text(g.type()),
                                text(g.state()),
                                text(g.assignor()),
                                text(members(g)),
                                String.valueOf(g.offsets().size()),
                                g.totalLag() == null ? "?" : String.valueOf(g.totalLag())))
                        .toList());
    }

    private static String members(Group g) {
        if (g.members().isEmpty()) {
            return "none";
        }
        return g.members().size() + ": "
                + g.members().stream()
                        .map(m -> m.clientId() + "@" + m.host())
                        .distinct()
                        .sorted()
                        .collect(Collectors.joining(", "));
    }

    private static void transactions(Markdown md, ClusterInventory c) {
        md.heading(2, "Transactions and producers");
        table(
                md,
                List.of("transactional id", "state", "producer id/epoch", "timeout ms", "partitions"),
                c.transactions().stream()
                        .map(t -> List.of(
                                code(t.transactionalId()),
                                text(t.state()),
                                t.producerId() + "/" + t.producerEpoch(),
                                String.valueOf(t.timeoutMs()),
                                text(t.topicPartitions().stream()
                                        .map(p -> p.topic() + "-" + p.partition())
                                        .collect(Collectors.joining(", ")))))
                        .toList());
        List<List<String>> producers = new ArrayList<>();
        for (Topic t : c.topics()) {
            long ids = t.partitions().stream()
                    .flatMap(p -> p.producers().stream())
                    .map(ClusterInventory.Producer::producerId)
                    .distinct()
                    .count();
            if (ids > 0) {
                producers.add(List.of(code(t.name()), String.valueOf(ids)));
            }
        }
        md.paragraph("Active idempotent or transactional producers per topic (plain producers with idempotence off are"
                + " invisible to the Admin API):");
        table(md, List.of("topic", "producer ids"), producers);
    }

    private static void security(Markdown md, ClusterInventory c) {
        md.heading(2, "ACLs, quotas and users");
        md.heading(3, "ACLs");
        table(
                md,
                List.of("principal", "permission", "operation", "resource", "pattern", "host"),
                c.acls().stream()
                        .map(a -> List.of(
                                code(a.principal()),
                                text(a.permission()),
                                text(a.operation()),
                                text(a.resourceType()) + " " + code(a.resourceName()),
                                text(a.patternType()),
                                text(a.host())))
                        .toList());
        md.heading(3, "Client quotas");
        table(
                md,
                List.of("quota entity", "limits"),
                c.quotas().stream()
                        .map(q -> List.of(text(q.entity()), text(q.values())))
                        .toList());
        md.heading(3, "SCRAM users");
        table(
                md,
                List.of("SCRAM user", "mechanisms"),
                c.scramUsers().stream()
                        .map(u -> List.of(
                                code(u.user()),
                                text(u.mechanisms().stream()
                                        .map(m -> m.mechanism() + " (" + m.iterations() + " iterations)")
                                        .collect(Collectors.joining(", ")))))
                        .toList());
    }

    private static void configs(Markdown md, InventoryReport r) {
        if (r.configScan() != null) {
            configs(md, r.configScan());
        }
    }

    /**
     * The config scan, summarised: an organisation's repositories can hold 100,000 client configs, which no page can
     * show (and which Markdown-to-HTML would hold in memory several times over). Each table shows its first {@value
     * #MAX_ROWS} rows and says how many more are in inventory.json, which keeps every one.
     */
    static void configs(Markdown md, ConfigScanResult scan) {
        md.heading(2, "Application configs");
        md.paragraph(scan.filesScanned() + " file(s) scanned. Secret values are redacted.");
        table(
                md,
                List.of("where", "role", "bootstrap", "security", "group", "client id", "transactional id", "topics"),
                scan.clients().stream()
                        .limit(MAX_ROWS)
                        .map(cl -> List.of(
                                code(cl.file() + ":" + cl.line()),
                                text(cl.role().role()),
                                text(cl.bootstrapServers()),
                                text(join(cl.securityProtocol(), cl.saslMechanism())),
                                text(cl.groupId()),
                                text(cl.clientId()),
                                text(cl.transactionalId()),
                                text(cl.topics().stream()
                                        .map(t -> t.name()
                                                + (t.retryOf() == null
                                                        ? ""
                                                        : " ("
                                                                + t.retryOf()
                                                                        .kind()
                                                                        .name()
                                                                        .toLowerCase() + " of "
                                                                + t.retryOf().servedTopic() + ")"))
                                        .collect(Collectors.joining(", ")))))
                        .toList());
        more(md, scan.clients().size(), "client configs");
        md.heading(3, "Hard-coded bootstrap addresses");
        table(
                md,
                List.of("where", "endpoint"),
                scan.hardcodedEndpoints().stream()
                        .limit(MAX_ROWS)
                        .map(h -> List.of(code(h.file() + ":" + h.line()), code(h.endpoint())))
                        .toList());
        more(md, scan.hardcodedEndpoints().size(), "hard-coded addresses");
    }

    /**
     * At most {@value #MAX_ROWS} rows, then how many more inventory.json holds: 100,000 rows make no readable page,
     * and rendering them as HTML held the page several times in memory.
     */
    static void table(Markdown md, List<String> headers, List<List<String>> rows) {
        md.table(headers, rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows);
        more(md, rows.size(), "rows");
    }

    /** Rows a table of the report shows at most; inventory.json keeps them all. */
    static final int MAX_ROWS = 500;

    private static void more(Markdown md, int total, String what) {
        if (total > MAX_ROWS) {
            md.paragraph(
                    String.format("The first %,d of %,d %s; every one is in inventory.json.", MAX_ROWS, total, what));
        }
    }

    private static String join(String... parts) {
        return java.util.Arrays.stream(parts).filter(Objects::nonNull).collect(Collectors.joining(" "));
    }

    private static String join(Map<?, Long> counts) {
        return counts.entrySet().stream()
                .map(e ->
                        e.getValue() + " " + e.getKey().toString().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", "));
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}
