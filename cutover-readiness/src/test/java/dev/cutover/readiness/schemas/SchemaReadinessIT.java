package dev.cutover.readiness.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.Finding;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.CutoverYamlWriter;
import dev.cutover.config.ProfileSpec;
import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.config.Workspace;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.ReadinessRun;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.EvidenceStore;
import dev.cutover.readiness.evidence.Provenance;
import dev.cutover.readiness.report.ReadinessReport;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.registry.ApicurioRegistry;
import dev.cutover.schemas.IdMap;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.WireFormat;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.registry.RegistriesExtension;
import dev.cutover.testkit.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema contract on real brokers and two real registries (Apicurio): one topic per case, each with records in
 * wire format, judged with the id map a sync would store (written here with {@link IdMap#save}: sync is tested
 * elsewhere). Apicurio ignores explicit ids, so the same id on both sides comes from registering in the same order.
 */
@ExtendWith({ClustersExtension.class, RegistriesExtension.class})
class SchemaReadinessIT {
    private static final String WORKLOADS =
            """
            version: 1
            workloads:
              - {name: pay, owner: team-pay, roles: [producer], topics: [payments], match: {clientId: pay-*}}
              - {name: ord, owner: team-ord, roles: [producer], topics: [orders], match: {clientId: ord-*}}
              - {name: ship, owner: team-ship, roles: [producer], topics: [shipments], match: {clientId: ship-*}}
              - {name: aud, owner: team-aud, roles: [producer], topics: [audit], match: {clientId: aud-*}}
              - {name: leg, owner: team-leg, roles: [producer], topics: [legacy], match: {clientId: leg-*}}
            """;

    @Test
    void everyCaseGivesItsFindingAndRewriteSettlesOtherIds(
            @Cluster("source") EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target,
            @Registry("source") ApicurioRegistry sourceRegistry,
            @Registry("target") ApicurioRegistry targetRegistry,
            @TempDir Path ws)
            throws Exception {
        // Given subjects on the source: payments (first, so the same id on both sides), orders with two versions,
        // shipments (never synced), audit with v1 soft-deleted and FULL compatibility
        RegistryClient s = client("source", sourceRegistry);
        RegistryClient t = client("target", targetRegistry);
        int payS = register(s, "payments-value", "Payment");
        int ordS1 = register(s, "orders-value", "Order");
        int ordS2 = register(s, "orders-value", "OrderV2");
        int shipS = register(s, "shipments-value", "Shipment");
        int audS1 = register(s, "audit-value", "Audit");
        int audS2 = register(s, "audit-value", "AuditV2");
        s.deleteVersion("audit-value", 1, false);
        s.setCompatibility(Optional.of("audit-value"), "FULL");
        // And on the target the same, but a filler before orders (so orders' ids differ), no shipments, audit's v1
        // live and its compatibility the registry's default
        int payT = register(t, "payments-value", "Payment");
        register(t, "filler-value", "Filler");
        int ordT1 = register(t, "orders-value", "Order");
        int ordT2 = register(t, "orders-value", "OrderV2");
        int audT1 = register(t, "audit-value", "Audit");
        int audT2 = register(t, "audit-value", "AuditV2");
        assertThat(payT).isEqualTo(payS);
        assertThat(ordT2).isNotEqualTo(ordS2);
        // And the map a sync would store: every synced id, shipments' absent
        new IdMap(
                        "source",
                        "target",
                        s.url(),
                        t.url(),
                        Instant.now(),
                        Map.of(payS, payT, ordS1, ordT1, ordS2, ordT2, audS1, audT1, audS2, audT2))
                .save(ws);
        // And records in wire format on the source: keys plain, values with the ids; legacy's id no registry knows
        createTopics(source, "payments", "orders", "shipments", "audit", "legacy");
        createTopics(target, "payments", "orders", "shipments", "audit", "legacy");
        produce(source, "payments", payS);
        produce(source, "orders", ordS2);
        produce(source, "shipments", shipS);
        produce(source, "audit", audS2);
        produce(source, "legacy", 987_654);
        writeWorkspace(ws, source, target, sourceRegistry.url(), targetRegistry.url(), "");

        // When readiness runs (no links: section, so the default link with schemaIds: check)
        ReadinessReport report = run(ws);

        // Then payments, whose id is the same on both sides, has no schema finding of the contract, and only the
        // info that no probe produced and consumed its records on the target yet
        assertThat(schemaFindings(report, "pay")).isEmpty();
        assertThat(probeInfo(report, "pay")).singleElement().satisfies(f -> assertThat(f.message())
                .contains("topic(s) payments")
                .contains("cutover probe --workload pay"));
        // (legacy's id is unknown to the source registry: nothing to probe)
        assertThat(probeInfo(report, "leg")).isEmpty();
        assertThat(topics(report, "pay").evidence())
                .anySatisfy(e -> assertThat(e).startsWith("schemas/source-to-target.json"));
        // And orders' records carry an id the target holds under another one, which the link would not rewrite
        assertThat(schemaFindings(report, "ord")).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("SCHEMA-002");
            assertThat(f.subject()).isEqualTo("topic orders");
            assertThat(f.message())
                    .contains(ordS2 + " → " + ordT2)
                    .contains("link 'default'")
                    .contains("schemaIds: rewrite");
        });
        // And shipments' schema is missing on the target: its id is not in the map, and its subject not there
        assertThat(codes(report, "ship")).containsExactlyInAnyOrder("SCHEMA-001", "SCHEMA-003");
        assertThat(message(report, "ship", "SCHEMA-001"))
                .contains("value id " + shipS)
                .contains("shipments-value v1");
        // And audit's soft-deleted version and compatibility differ
        assertThat(codes(report, "aud")).containsExactlyInAnyOrder("SCHEMA-004", "SCHEMA-005");
        assertThat(message(report, "aud", "SCHEMA-004"))
                .contains("v1 is soft-deleted on the source, live on the target");
        assertThat(message(report, "aud", "SCHEMA-005")).contains("FULL on the source");
        // And legacy's id is unknown to the source registry
        assertThat(codes(report, "leg")).containsExactly("SCHEMA-006");
        assertThat(message(report, "leg", "SCHEMA-006")).contains("987654");

        // When the link rewrites ids, and a probe of payments passed its schema check and one of orders failed it
        writeWorkspace(ws, source, target, sourceRegistry.url(), targetRegistry.url(), "rewrite");
        String passed = probeEvidence(ws, target, "pay", "pass: 1 schema id(s) produced, consumed and resolved");
        probeEvidence(ws, target, "ord", "fail: 1 of 1 check(s): topic orders value schema id 2 (fail)");
        report = run(ws);

        // Then orders passes
        assertThat(schemaFindings(report, "ord")).isEmpty();
        // and payments' probe evidence is cited instead of the info; orders' failed check does not count
        assertThat(probeInfo(report, "pay")).isEmpty();
        assertThat(topics(report, "pay").evidence()).contains("schema check of " + passed);
        assertThat(probeInfo(report, "ord")).hasSize(1);

        // When there is no id map
        Files.delete(IdMap.file(ws, "source", "target"));
        report = run(ws);

        // Then the ids are unknown, not fine
        assertThat(codes(report, "pay")).containsExactly("SCHEMA-008");
        assertThat(message(report, "pay", "SCHEMA-008")).contains("cutover schemas sync");
        assertThat(topics(report, "pay").ready()).isFalse();
    }

    @Test
    void anUnreachableRegistryMakesTheContractUnknown(
            @Cluster("source") EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target,
            @Registry("source") ApicurioRegistry sourceRegistry,
            @TempDir Path ws)
            throws Exception {
        // Given a target registry nobody answers at, and a topic with wire-format records
        createTopics(source, "unreach");
        createTopics(target, "unreach");
        produce(source, "unreach", 1);
        AtomicFiles.write(
                ws.resolve(Workspace.WORKLOADS_FILE),
                "version: 1\nworkloads:\n  - {name: u, owner: team-u, roles: [producer], topics: [unreach], match: {clientId: u-*}}\n");
        writeWorkspace(ws, source, target, sourceRegistry.url(), "http://127.0.0.1:1/apis/ccompat/v7", "");

        // When readiness runs
        ReadinessReport report = run(ws);

        // Then the schema contract is unknown, naming why, and the area is not ready
        assertThat(codes(report, "u")).containsExactly("SCHEMA-007");
        assertThat(message(report, "u", "SCHEMA-007"))
                .contains("unknown whether")
                .contains("the target schema registry could not be read")
                .contains("unreachable");
        assertThat(topics(report, "u").ready()).isFalse();
    }

    private static ReadinessReport run(Path ws) {
        return new ReadinessRun(Clock.systemUTC())
                .run(new ReadinessRun.Request(
                        Workspace.load(ws), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static dev.cutover.readiness.areas.AreaResult topics(ReadinessReport report, String workload) {
        return report.waves().stream()
                .flatMap(w -> w.workloads().stream())
                .filter(w -> w.workload().equals(workload))
                .findFirst()
                .orElseThrow()
                .area(Area.TOPICS);
    }

    /** The schema contract's findings (SCHEMA-011, about the probe's evidence, apart). */
    private static List<Finding> schemaFindings(ReadinessReport report, String workload) {
        return topics(report, workload).findings().stream()
                .filter(f -> f.code().startsWith("SCHEMA-") && !f.code().equals("SCHEMA-011"))
                .toList();
    }

    private static List<Finding> probeInfo(ReadinessReport report, String workload) {
        return topics(report, workload).findings().stream()
                .filter(f -> f.code().equals("SCHEMA-011"))
                .toList();
    }

    /** Probe evidence of the topics area with this schema check summary, as {@code cutover probe} writes it. */
    private static String probeEvidence(Path ws, EmbeddedCluster target, String workload, String schemaCheck) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("note", "1 check(s) passed");
        details.put("schemaCheck", schemaCheck);
        return EvidenceStore.write(
                ws,
                Provenance.here("cutover probe", Clock.systemUTC())
                        .evidence(
                                Evidence.PROBE,
                                workload,
                                Area.TOPICS,
                                null,
                                target.clusterId(),
                                schemaCheck.startsWith("pass") ? Evidence.Result.PASS : Evidence.Result.FAIL,
                                details,
                                null,
                                null));
    }

    private static List<String> codes(ReadinessReport report, String workload) {
        return schemaFindings(report, workload).stream().map(Finding::code).toList();
    }

    private static String message(ReadinessReport report, String workload, String code) {
        return schemaFindings(report, workload).stream()
                .filter(f -> f.code().equals(code))
                .map(Finding::message)
                .findFirst()
                .orElseThrow(() -> new AssertionError(code + " not among " + schemaFindings(report, workload)));
    }

    private static RegistryClient client(String profile, ApicurioRegistry registry) {
        return RegistryClient.of(SchemaRegistrySettings.of(profile, registry.url()), Duration.ofSeconds(30));
    }

    private static int register(RegistryClient registry, String subject, String record) {
        String avro =
                "{\"type\":\"record\",\"name\":\"" + record + "\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
        return registry.register(subject, Schema.avro(avro), OptionalInt.empty(), OptionalInt.empty());
    }

    static void createTopics(EmbeddedCluster cluster, String... topics) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(topics).stream()
                            .map(t -> new NewTopic(t, 1, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    static void produce(EmbeddedCluster cluster, String topic, int schemaId) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                cluster.adminClientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(
                                topic,
                                ("k" + i).getBytes(StandardCharsets.UTF_8),
                                WireFormat.encode(schemaId, new byte[] {2, 'a', (byte) i})))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    static void writeWorkspace(
            Path ws,
            EmbeddedCluster source,
            EmbeddedCluster target,
            String sourceRegistry,
            String targetRegistry,
            String schemaIds)
            throws Exception {
        Map<String, ProfileSpec> profiles = new LinkedHashMap<>();
        profiles.put("source", profile(source).withSchemaRegistry(sourceRegistry));
        profiles.put("target", profile(target).withSchemaRegistry(targetRegistry));
        Path file = CutoverYamlWriter.write(ws, profiles);
        if (!schemaIds.isEmpty()) {
            Files.writeString(
                    file,
                    Files.readString(file) + "links:\n  default:\n    schemaIds: " + schemaIds + "\n",
                    StandardCharsets.UTF_8);
        }
        if (!Files.exists(ws.resolve(Workspace.WORKLOADS_FILE))) {
            AtomicFiles.write(ws.resolve(Workspace.WORKLOADS_FILE), WORKLOADS);
        }
    }

    private static ProfileSpec profile(EmbeddedCluster cluster) {
        Map<String, String> plain = new LinkedHashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> plain.put(k, String.valueOf(v)));
        return new ProfileSpec(plain, Map.of(), List.of(), Duration.ofSeconds(30));
    }
}
