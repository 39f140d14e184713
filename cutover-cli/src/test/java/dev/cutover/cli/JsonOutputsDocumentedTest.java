package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.api.CutoverVersion;
import dev.cutover.doctor.DoctorRendering;
import dev.cutover.doctor.DoctorReport;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.link.status.LinkStatusReport;
import dev.cutover.probe.traffic.ProbeArea;
import dev.cutover.probe.traffic.ProbeCheck;
import dev.cutover.probe.traffic.ProbeRendering;
import dev.cutover.probe.traffic.ProbeReport;
import dev.cutover.readiness.areas.Verdict;
import dev.cutover.readiness.report.ReadinessReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code --output json} has a documented schema: the top-level fields in the code's real JSON are exactly the
 * ones the field table of its section in docs/ lists (see docs/json-outputs.md). No broker: commands that need none
 * run on fixtures; the others' documents are rendered from their records, as the commands render them.
 */
class JsonOutputsDocumentedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern CODE = Pattern.compile("`([A-Za-z][A-Za-z0-9]*)(\\[\\])?`");

    @TempDir
    Path ws;

    @Test
    void inventory() throws Exception {
        // The report is this record, field by field (ReportFiles.json): its components are the JSON's fields.
        Set<String> fields = Arrays.stream(InventoryReport.class.getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(documented("inventory.md", "## JSON schema, version 1")).isEqualTo(fields);
    }

    @Test
    void plan() throws Exception {
        workspace();
        Path inventory = Files.createDirectories(ws.resolve("reports")).resolve("inventory.json");
        try (InputStream in = getClass().getResourceAsStream("plan-inventory.json")) {
            Files.write(inventory, in.readAllBytes());
        }
        Cli.Result r =
                Cli.run("plan", "--workspace", ws.toString(), "--inventory", inventory.toString(), "--output", "json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertDocumented("plan.md", "## JSON output, version 1", r.out());
    }

    @Test
    void readiness() throws Exception {
        String json = ReportFiles.json(new ReadinessReport(
                ReadinessReport.SCHEMA_VERSION,
                "2026-12-01T00:00:00Z",
                CutoverVersion.current(),
                "S",
                "T",
                "30d",
                List.of(),
                Verdict.READY,
                List.of()));
        assertDocumented("readiness.md", "## Report JSON", json);
    }

    @Test
    void evidenceFilesAndEvidenceList() throws Exception {
        workspace();
        Files.writeString(ws.resolve("log.txt"), "rehearsed\n");
        Cli.Result add = Cli.run(
                "evidence",
                "add",
                "--workspace",
                ws.toString(),
                "--workload",
                "billing",
                "--area",
                "rollback",
                "--file",
                ws.resolve("log.txt").toString(),
                "--by",
                "alice",
                "--target-cluster-id",
                "T");
        assertThat(add.exitCode()).as(add.all()).isZero();
        Path file;
        try (var files = Files.list(ws.resolve("evidence"))) {
            file = files.findFirst().orElseThrow();
        }
        assertDocumented("readiness.md", "### Evidence JSON, schema version 1", Files.readString(file));

        Cli.Result list = Cli.run("evidence", "list", "--workspace", ws.toString(), "--output", "json");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertDocumented("evidence-json.md", "## Top-level fields", list.out());
        assertDocumented(
                "evidence-json.md",
                "## Each of `records`",
                JSON.readTree(list.out()).path("records").get(0));
        assertThat(JSON.readTree(list.out()).path("cutoverVersion").asText()).isEqualTo(CutoverVersion.current());
    }

    @Test
    void schemasSync() throws Exception {
        var level = new dev.cutover.schemas.sync.SyncReport.Level(
                java.util.Optional.empty(),
                "NONE",
                "BACKWARD",
                dev.cutover.schemas.sync.SyncReport.LevelAction.SET,
                java.util.Optional.empty());
        var report = new dev.cutover.schemas.sync.SyncReport(
                "source",
                "target",
                "http://a",
                "http://b",
                ".*",
                false,
                level,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                java.util.Map.of(1, 2),
                new dev.cutover.schemas.sync.SyncReport.MapFile(
                        ws.resolve("schemas/source-to-target.json"),
                        dev.cutover.schemas.sync.SyncReport.MapWrite.WRITTEN,
                        1));
        Set<String> fields = new LinkedHashSet<>();
        JSON.readTree(dev.cutover.schemas.sync.SyncReportJson.render(report))
                .fieldNames()
                .forEachRemaining(fields::add);
        assertThat(documented("schemas.md", "## The report (`--output json`")).isEqualTo(fields);
    }

    @Test
    void linkStatus() throws Exception {
        String json = ReportFiles.json(new LinkStatusReport(
                LinkStatusReport.VERSION,
                "default",
                false,
                null,
                null,
                List.of(),
                List.of(),
                null,
                List.of(),
                null,
                null,
                List.of(),
                List.of(new dev.cutover.link.state.LinkState.Reversal(
                        1,
                        "orders",
                        List.of(new dev.cutover.link.state.LinkState.End("orders", 0, 10, 20)),
                        "ops@host (wave wave-1)",
                        0L))));
        assertDocumented("link-status.md", "## JSON (version 1)", json);
    }

    @Test
    void linkDeploy() throws Exception {
        // The dry run needs no worker; a deployment's and a deletion's documents are the same record (DeployDoc)
        workspace();
        Cli.Result r = Cli.run("link", "deploy", "--workspace", ws.toString(), "--dry-run", "--output", "json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertDocumented("connect-deploy.md", "## JSON (`--output json`", r.out());
        Set<String> fields = Arrays.stream(LinkDeployRendering.DeployDoc.class.getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(documented("connect-deploy.md", "## JSON (`--output json`")).isEqualTo(fields);
    }

    @Test
    void offsets() throws Exception {
        String translate = ReportFiles.json(new OffsetsReport.TranslationDoc(
                1, "offsets-translate", "default", "g", "forward", "source", "target", true, List.of()));
        assertDocumented("offsets.md", "## JSON of `offsets translate", translate);
        String sync = ReportFiles.json(new OffsetsReport.SyncDoc(
                1,
                "offsets-sync",
                "default",
                "forward",
                "source",
                "target",
                false,
                false,
                null,
                0,
                new OffsetsReport.Summary(0, 0, 0, 0),
                List.of()));
        assertDocumented("offsets.md", "## JSON of `offsets sync", sync);
    }

    @Test
    void verify() throws Exception {
        String json = VerifyRendering.json(new dev.cutover.probe.verify.VerifyReport(
                dev.cutover.probe.verify.VerifyReport.VERSION,
                dev.cutover.probe.verify.VerifyReport.KIND,
                "default",
                null,
                null,
                "p",
                dev.cutover.probe.verify.VerifyReport.Verdict.NOTHING_VERIFIED,
                "r",
                dev.cutover.probe.verify.Counts.ZERO,
                List.of()));
        assertDocumented("verify.md", "## JSON (`--output json`", json);
    }

    @Test
    void doctor() throws Exception {
        String json = DoctorRendering.json(
                new DoctorReport(DoctorReport.SCHEMA_VERSION, CutoverVersion.current(), Instant.now(), List.of()));
        assertDocumented("doctor.md", "## JSON (`--output json`", json);
    }

    @Test
    void probe() throws Exception {
        String json = ProbeRendering.json(
                new ProbeReport(
                        "w",
                        "T",
                        "4.3.1",
                        Instant.now(),
                        1,
                        List.of(),
                        List.of(ProbeCheck.pass("target answers", ProbeArea.PROTOCOL, "ok")),
                        false),
                new ProbeRendering.Context(
                        "h",
                        "u",
                        List.of(),
                        "",
                        dev.cutover.probe.matrix.MatrixRendering.json(List.of(new dev.cutover.probe.matrix.MatrixRow(
                                "kafka-clients 2.8.2",
                                java.util.Map.of(),
                                ProbeCheck.Status.PASS,
                                "all checks passed",
                                1)))));
        assertDocumented("probe.md", "## JSON (`--output json`", json);
    }

    @Test
    void theVersionIsOneStringEverywhere() throws Exception {
        Cli.Result version = Cli.run("--version");
        assertThat(version.out().strip()).isEqualTo("cutover " + CutoverVersion.current());
        assertThat(Files.readString(DOCS.resolve("json-outputs.md"))).contains("CutoverVersion", "cutover --version");
    }

    @Test
    void everyDocumentNamedInTheIndexExists() throws Exception {
        Matcher m = Pattern.compile("\\]\\(([a-z-]+\\.md)").matcher(Files.readString(DOCS.resolve("json-outputs.md")));
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).isNotEmpty();
        named.forEach(doc -> assertThat(DOCS.resolve(doc)).isRegularFile());
    }

    private void assertDocumented(String doc, String heading, String json) throws IOException {
        assertDocumented(doc, heading, JSON.readTree(json));
    }

    private void assertDocumented(String doc, String heading, JsonNode node) throws IOException {
        Set<String> actual = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(actual::add);
        Set<String> documented = documented(doc, heading);
        assertThat(actual)
                .as("top-level fields of the real JSON vs the table under '%s' in docs/%s", heading, doc)
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    /** The field names in the first column of the first table under the heading that starts with {@code heading}. */
    static Set<String> documented(String doc, String heading) throws IOException {
        List<String> lines = Files.readAllLines(DOCS.resolve(doc));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(heading)) {
                at = i;
                break;
            }
        }
        assertThat(at).as("a heading '%s' in docs/%s", heading, doc).isNotNegative();
        Set<String> fields = new LinkedHashSet<>();
        boolean inTable = false;
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String first = line.split("\\|")[1];
            if (first.isBlank()
                    || first.strip().equals("field")
                    || first.strip().startsWith("---")) {
                continue;
            }
            Matcher m = CODE.matcher(first);
            while (m.find()) {
                fields.add(m.group(1));
            }
        }
        assertThat(fields)
                .as("a field table under '%s' in docs/%s", heading, doc)
                .isNotEmpty();
        return fields;
    }

    private void workspace() throws IOException {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  source: {properties: {bootstrap.servers: 127.0.0.1:9}, timeout: 2s}\n"
                        + "  target: {properties: {bootstrap.servers: 127.0.0.1:9}, timeout: 2s}\n");
        Files.writeString(
                ws.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: payments
                    owner: team-payments
                    roles: [producer]
                    topics: [payments]
                    sideEffects: settles card payments
                    rollbackOwner: alice
                    match: {transactionalId: payments-tx}
                  - name: billing
                    owner: team-billing
                    roles: [consumer]
                    duplicateTolerance: idempotent-downstream
                    rollbackOwner: bob
                    match: {groupId: billing}
                """);
    }
}
