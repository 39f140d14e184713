package dev.cutover.cli;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.Inventory;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.report.InventoryMarkdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.inventory.report.ReportFormat;
import dev.cutover.inventory.workloads.Liveness;
import dev.cutover.inventory.workloads.WorkloadView;
import dev.cutover.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole product on two embedded Kafka clusters and exits: starts a source and a target",
            "cluster, seeds the source with a small estate (topics, producers, consumer groups, a Kafka",
            "Streams app), drops sample application configs into the workspace, takes the inventory of the",
            "source (cluster, JMX client software, config files, workloads.yaml), links the clusters, moves",
            "a group's offsets, runs billing as a real client process and rehearses its way back (to the",
            "target and back while it runs), verifies the copy record by record, probes every workload's",
            "traffic on the target, judges every workload's readiness, moves billing's wave to the target",
            "from the journal (wave run), moves payments-service's writes (a producer move: the link drains",
            "payments and copies it back for the readers left on the source), checks both sides record by",
            "record against what it wrote, moves a Kafka Streams application with its state (its outputs",
            "checked update by update against counts computed from its input), runs a dual-write wave, and",
            "writes the reports. The sample workloads.yaml is deliberately imperfect, so most workloads come",
            "out NOT READY: that is the point.",
            "Needs only Java 17; takes about four minutes."
        },
        footer = {
            "",
            "Exit codes: 0 the demo ran (its NOT READY workloads are the point, not a failure), 2 usage error",
            "            (e.g. a workspace that cannot be written)."
        })
final class DemoCommand implements Callable<Integer> {
    /** The client id of billing's consumer in the sample estate. */
    private static final String BILLING_CLIENT = "billing-consumer";

    private static final String ORDERS_CLIENT = "orders-api-producer";

    private static final List<String> SAMPLE_APPS = List.of(
            "billing/application.yml",
            "fulfillment/kafka.properties",
            "payments/.env",
            "orders-api/src/OrdersProducer.java");

    /** Why the demo runs its wave although readiness says not ready (journaled, as --force requires). */
    static final String WAVE_FORCE = "demo: audit-archiver is not ready only because its client version is unknown"
            + " (it runs nightly); billing is ready";

    /** Why the demo runs payments-service's wave although readiness says not ready (journaled). */
    static final String PRODUCER_FORCE = "demo: payments-service runs here as a stand-in application, not the one the"
            + " inventory and readiness judged";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--workspace",
            defaultValue = "cutover-demo",
            description = "Where to write the workspace and reports (default: ${DEFAULT-VALUE}).")
    Path workspace;

    @Option(names = "--secure", description = "SASL/SCRAM and ACLs, with a read-only inventory user.")
    boolean secure;

    @Option(
            names = "--serve",
            description = "At the end, keep the clusters, the link and the applications running and serve the"
                    + " dashboard (`cutover serve`) on http://127.0.0.1:8080/ until Ctrl-C.")
    boolean serve;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int status = dev.cutover.api.Reason.INTERNAL.exitCode();
        try {
            run(out);
            status = 0;
        } finally {
            if (served != null) {
                served.finished(status); // after Ctrl-C ended --serve: everything is closed, the process ends
            }
        }
        return 0;
    }

    /** With --serve, the foreground whose stop request ended the dashboard, to finish once everything is closed. */
    private Foreground served;

    private void run(PrintWriter out) {
        out.println("cutover demo: the whole flow on two embedded Kafka clusters");
        out.println();
        out.println("[1/11] sandbox: a source and a target cluster (Kafka 4.3.1, KRaft, in this process)");
        out.flush();
        boolean registries = DemoSchemas.available(out);
        try (SandboxSession session = SandboxSession.start(
                Sandbox.Options.defaults().secure(secure),
                true,
                registries,
                workspace,
                new PrintWriter(PrintWriter.nullWriter()))) {
            out.printf(
                    "      clusters ready in %.1f s; source seeded with topics, producers, groups and a Streams app in"
                            + " %.1f s%n",
                    session.startSeconds(), session.seedSeconds());
            session.registries()
                    .ifPresent(r -> out.println("      schema registries (Apicurio Registry, Confluent-compatible API),"
                            + " one per cluster: " + r.urls()));
            Path apps = copySampleApps(workspace);
            out.println("      sample application configs in " + apps);
            out.println();

            out.println("[2/11] inventory of the source: cluster (Admin API, read-only), broker JMX, config files,"
                    + " workloads.yaml");
            out.flush();
            long t0 = System.nanoTime();
            Workspace ws = Workspace.load(workspace);
            InventoryReport report =
                    new Inventory(Clock.systemUTC()).take(new Inventory.Request(ws, Sandbox.SOURCE, List.of(apps)));
            ReportFiles.Rendered rendered =
                    ReportFiles.render(InventoryMarkdown.title(report), report, InventoryMarkdown.render(report));
            Map<ReportFormat, Path> files = ReportFiles.write(ws.reportsDir(), "inventory", rendered);
            out.printf("      took %.1f s%n", (System.nanoTime() - t0) / 1e9);
            summarize(out, report);
            out.println();

            out.println("[3/11] link and offsets: copy every topic to the target exactly once"
                    + (secure ? "" : " (invoices excepted: written to both)")
                    + "; billing runs as its own process; the nightly audit-archiver's position moves exactly");
            out.flush();
            // billing moves in this demo as a real client: the estate's in-process billing consumer stops, and billing
            // runs on as its own JVM, reading its endpoint from apps/billing/client.properties, which the wave's file
            // switcher rewrites; its switch.sh stops and starts it.
            if (session.estate().isPresent()
                    && !session.estate().get().stopClient(BILLING_CLIENT, java.time.Duration.ofSeconds(15))) {
                out.println("      warning: billing's in-process consumer did not stop within 15 s");
            }
            if (secure) {
                grantDemoApps(session, out);
            }
            if (session.estate().isPresent()
                    && !session.estate()
                            .get()
                            .stopClient(DemoProducer.ESTATE_CLIENT, java.time.Duration.ofSeconds(15))) {
                out.println("      warning: payments-service's in-process producer did not stop within 15 s");
            }
            try (DemoWave clients = DemoWave.start(workspace, out);
                    DemoProducer writer = DemoProducer.start(workspace, out);
                    DemoDualWrite dual = secure ? null : DemoDualWrite.start(workspace, out);
                    DemoStreams streams = secure ? null : DemoStreams.start(workspace, out);
                    DemoSchemas schemas = DemoSchemas.seed(session, workspace, out);
                    DemoLink.Running link = DemoLink.run(clients.workspace(), out)) {
                if (schemas != null) {
                    schemas.reportCopied(clients.workspace(), out);
                }
                out.println(
                        "      billing runs as its own process (apps/billing/switch.sh, apps/billing/client.properties);"
                                + " audit-archiver runs nightly and is not running now; payments-service writes payments"
                                + " as its own process too (apps/payments-service)");
                if (dual != null) {
                    out.println(
                            "      invoicing-service writes each invoice to both clusters itself (a dual write;"
                                    + " cutover.yaml tells the link not to copy invoices); ledger reads invoices on the source");
                }
                if (streams != null) {
                    out.println("      order-stats, a Kafka Streams application (exactly-once), counts orders per"
                            + " customer and per region and minute as its own process (apps/order-stats)");
                }
                out.println();

                out.println("[4/11] rollback rehearsal: billing to the target and back while it runs and records keep"
                        + " coming (wave rollback --rehearse)");
                out.flush();
                String wave = clients.billingWave(report);
                clients.rehearse(wave);
                out.println();

                Workspace moved = clients.workspace();
                out.println("[5/11] verify and probe: the copy compared record by record with the source, and each"
                        + " workload's kind of traffic proven on the target");
                out.flush();
                DemoProof.run(moved, session.sandbox().target(), out);
                out.println();

                out.println("[6/11] plan and readiness: waves with a cutover pattern each (plan.yaml), and the seven"
                        + " decision areas per workload from the inventory, a scan of the target, workloads.yaml and"
                        + " the evidence");
                out.flush();
                Map<ReportFormat, Path> readinessFiles = DemoReadiness.run(moved, report, link.evidence(), out);
                if (dual != null) {
                    dual.declare();
                    out.println("      by hand, as their owners would: invoicing-service and ledger in workloads.yaml,"
                            + " and their wave " + DemoDualWrite.WAVE + " in plan.yaml with pattern dual-write");
                }
                if (streams != null) {
                    streams.declare();
                    out.println("      by hand: order-stats in workloads.yaml (with what it writes) and its wave "
                            + DemoStreams.WAVE + " in plan.yaml");
                }
                out.println();

                out.println("[7/11] wave " + wave + ": its consumers move to the target, step by step from the journal"
                        + " (wave run)");
                out.flush();
                clients.run(wave, WAVE_FORCE);
                out.println();

                String producerWave = writer.wave();
                out.println(
                        "[8/11] wave " + producerWave + ": payments-service's writes move to the target; reconciliation"
                                + " still reads payments on the source, so the link drains payments and audit.log and turns them"
                                + " around (wave run)");
                out.flush();
                writer.run(clients, producerWave, PRODUCER_FORCE);
                out.println();

                out.println("[9/11] wave " + DemoStreams.WAVE + ": order-stats, a Kafka Streams application, moves"
                        + " with its state: its outputs, changelogs and repartition topics drained and turned around,"
                        + " its positions translated exactly, its stores restored on the target (wave run)");
                out.flush();
                if (streams != null) {
                    streams.run(clients, () -> stopOrders(session, out));
                } else {
                    out.println("      not run under --secure: the sample Streams application would need to create"
                            + " its internal topics and write with the source profile's read-only user; run the demo"
                            + " without --secure to see this wave");
                }
                out.println();

                out.println("[10/11] wave " + DemoDualWrite.WAVE + ": invoicing-service writes invoices to both"
                        + " clusters; both sides compared by content, ledger moved after the same records on the"
                        + " target, the source writes retired (wave run)");
                out.flush();
                if (dual != null) {
                    dual.run(clients);
                } else {
                    out.println("      not run under --secure: the sample dual-writing application has one set of"
                            + " credentials, the source's, and cannot write the target with them; run the demo"
                            + " without --secure to see this wave");
                }
                out.println();

                out.println("[11/11] reports");
                out.println("      the moves' pauses, as the waves' metrics say (Prometheus, "
                        + link.metrics().url() + "; docs/observability.md):");
                link.metrics().printPauses(out);
                files.forEach((format, file) -> out.println("      " + file));
                readinessFiles.forEach((format, file) -> out.println("      " + file));
                out.println("      " + workspace.resolve("journal/journal.jsonl"));
                out.println();
                if (serve) {
                    out.println("[serve] the dashboard: estate, plan and readiness, the link live, the waves");
                    served = DemoServe.serve(workspace, out);
                }
            }
            out.println("Stopping the clusters. To keep them running and explore, use:");
            out.println("  ./cutover sandbox up --workspace " + workspace + " --seed-workload");
            out.flush();
        }
    }

    /**
     * Under --secure the source profile's user is read-only; the demo's applications get that profile's connection
     * settings (written by the file switcher), and the link runs with it. An operator grants, for this demo: READ on
     * the groups billing and reconciliation (billing's rehearsal commits its offsets on the source, reconciliation
     * reads there), WRITE on payments (payments-service writes there before it moves), and what the link's reverse copy
     * needs once payments-service's wave turns payments and audit.log around (README, "link start with a topic turned
     * around"): WRITE on those topics, CREATE, WRITE, READ, DESCRIBE on topics prefixed {@code __cutover.}, WRITE on
     * the transactional id {@code cutover-link-default-reverse}.
     */
    /** Stops the estate's orders writer, so that order-stats' outputs can be compared with a fixed input. */
    private static void stopOrders(SandboxSession session, PrintWriter out) {
        if (session.estate().isPresent()
                && !session.estate().get().stopClient(ORDERS_CLIENT, java.time.Duration.ofSeconds(15))) {
            out.println("      warning: the estate's orders writer did not stop within 15 s");
        }
    }

    private static void grantDemoApps(SandboxSession session, PrintWriter out) {
        List<org.apache.kafka.common.acl.AclBinding> acls = new java.util.ArrayList<>();
        acls.add(allow(ResourceType.GROUP, "billing", PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(ResourceType.GROUP, DemoProducer.READER, PatternType.LITERAL, AclOperation.READ));
        for (String topic : List.of(DemoProducer.TOPIC, "audit.log")) {
            acls.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
        }
        for (AclOperation op :
                List.of(AclOperation.CREATE, AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(allow(ResourceType.TOPIC, "__cutover.", PatternType.PREFIXED, op));
        }
        acls.add(allow(
                ResourceType.TRANSACTIONAL_ID,
                "cutover-link-default-reverse",
                PatternType.LITERAL,
                AclOperation.WRITE));
        session.sandbox().source().createAcls(acls);
        out.println(
                "      granted User:" + SandboxSession.INVENTORY_USER + " on the source, as an operator would for"
                        + " this demo: READ on groups billing and reconciliation, WRITE on payments and audit.log, and what the"
                        + " link's reverse copy needs there (topics __cutover.*, transactional id cutover-link-default-reverse)");
    }

    private static org.apache.kafka.common.acl.AclBinding allow(
            ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new org.apache.kafka.common.acl.AclBinding(
                new org.apache.kafka.common.resource.ResourcePattern(type, name, pattern),
                new org.apache.kafka.common.acl.AccessControlEntry(
                        "User:" + SandboxSession.INVENTORY_USER,
                        "*",
                        op,
                        org.apache.kafka.common.acl.AclPermissionType.ALLOW));
    }

    private static void summarize(PrintWriter out, InventoryReport r) {
        var c = r.cluster();
        out.printf(
                "      %d topics, %d groups, %d transactional id(s); %d application config(s) found in files%n",
                c.topics().stream().filter(t -> !t.internal()).count(),
                c.groups().size(),
                c.transactions().size(),
                r.configScan() == null ? 0 : r.configScan().clients().size());
        Map<Liveness, Long> liveness = r.workloads().workloads().stream()
                .collect(Collectors.groupingBy(WorkloadView::liveness, Collectors.counting()));
        out.printf(
                "      workloads.yaml: %d owned workloads (%d seen, %d not seen, %d not observable), %d unowned"
                        + " client(s)%n",
                r.workloads().workloads().size(),
                liveness.getOrDefault(Liveness.SEEN, 0L),
                liveness.getOrDefault(Liveness.NOT_SEEN, 0L),
                liveness.getOrDefault(Liveness.NOT_OBSERVABLE, 0L),
                r.workloads().unowned().size());
        List<Finding> warnings = r.findings().stream()
                .filter(f -> f.severity().atLeast(Severity.WARNING))
                .sorted(Comparator.comparing(Finding::code))
                .toList();
        out.printf("      %d finding(s), %d warning(s):%n", r.findings().size(), warnings.size());
        warnings.stream()
                .limit(6)
                .forEach(f -> out.println("        " + f.code() + " " + f.subject() + ": " + shorten(f.message())));
    }

    private static String shorten(String message) {
        int cut = message.indexOf(';');
        return cut > 0 ? message.substring(0, cut) : message;
    }

    private static Path copySampleApps(Path workspace) {
        Path apps = workspace.resolve("apps");
        for (String name : SAMPLE_APPS) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("demo/apps/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("sample " + name + " is missing from the cutover jar");
                }
                AtomicFiles.write(apps.resolve(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return apps;
    }
}
