package dev.cutover.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.Finding;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.CutoverYamlWriter;
import dev.cutover.config.ProfileSpec;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.sample.RecordSamples;
import dev.cutover.inventory.sample.TailSampler;
import dev.cutover.inventory.sample.TopicSample;
import dev.cutover.readiness.areas.AreaResult;
import dev.cutover.readiness.areas.Verdict;
import dev.cutover.readiness.areas.WorkloadResult;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.EvidenceStore;
import dev.cutover.readiness.evidence.GroupEvidence;
import dev.cutover.readiness.evidence.Provenance;
import dev.cutover.readiness.report.ReadinessFiles;
import dev.cutover.readiness.report.ReadinessReport;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness on real brokers (SASL/SCRAM and ACLs on both sides) with deliberately broken setups, one per workload:
 * a missing ACL on the target, a max.message.bytes too small for a record on the source, one that holds every record
 * written but not the source's limit, no rollback owner, stale evidence (too old; another target), an unknown client
 * version; and one workload with everything in place that comes out READY everywhere.
 */
@ExtendWith(ClustersExtension.class)
class ReadinessIT {
    private static final String WORKLOADS =
            """
            version: 1
            workloads:
              - name: billing
                owner: team-billing
                roles: [consumer]
                topics: [payments]
                offsets: translate
                rollbackOwner: billing-oncall
                match: {groupId: billing, principal: User:billing}
              - name: orders-api
                owner: team-orders
                roles: [producer]
                topics: [orders]
                match: {clientId: orders-api-*, principal: User:orders-api}
              - name: reporting
                owner: team-data
                roles: [consumer]
                topics: [payments]
                offsets: translate
                rollbackOwner: data-lead
                match: {groupId: reporting, principal: User:reporting}
              - name: shipping
                owner: team-shipping
                roles: [producer]
                topics: [shipments]
                match: {clientId: shipping-*, principal: User:shipping}
              - name: audit
                owner: team-security
                roles: [consumer]
                topics: [payments]
                offsets: translate
                rollbackOwner: security-oncall
                match: {groupId: audit, principal: User:audit}
            """;

    @Test
    void brokenSetupsGiveTheirFindingsAndACompleteOneIsReady(
            @Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source,
            @Cluster(value = "target", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target,
            @TempDir Path ws)
            throws Exception {
        // Given topics on both sides (orders with a too-small max.message.bytes on the target), groups with offsets on
        // the source, SCRAM users on the target and ACLs for all but reporting's group
        createTopics(source, Map.of());
        createTopics(
                target,
                Map.of(
                        "orders", Map.of("max.message.bytes", "1000"),
                        "shipments", Map.of("max.message.bytes", "500000")));
        // And records on the source: one of orders takes 2097 bytes in a batch of its own (61 + 21 + 5 + 5 + 2000 +
        // 5), more than the target's 1000; every one of shipments fits the target's 500000, below the source's limit
        produce(source, "orders", null, new byte[10], new byte[2000], new byte[10]);
        produce(source, "shipments", new RecordHeader("trace", new byte[16]), new byte[100], new byte[300]);
        try (Admin admin = source.admin()) {
            for (String group : List.of("billing", "reporting", "audit")) {
                admin.alterConsumerGroupOffsets(
                                group, Map.of(new TopicPartition("payments", 0), new OffsetAndMetadata(0)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
        for (String user : List.of("billing", "orders-api", "shipping", "reporting", "audit")) {
            target.createUser(user, "pw-" + user);
        }
        target.createAcls(List.of(
                allow("billing", ResourceType.TOPIC, "payments", AclOperation.READ),
                allow("billing", ResourceType.GROUP, "billing", AclOperation.READ),
                allow("audit", ResourceType.TOPIC, "payments", AclOperation.READ),
                allow("audit", ResourceType.GROUP, "audit", AclOperation.READ),
                allow("orders-api", ResourceType.TOPIC, "orders", AclOperation.WRITE),
                allow("shipping", ResourceType.TOPIC, "shipments", AclOperation.WRITE),
                allow("reporting", ResourceType.TOPIC, "payments", AclOperation.READ)));
        writeWorkspace(ws, source, target);
        AtomicFiles.write(ws.resolve(Workspace.WORKLOADS_FILE), WORKLOADS);

        // And evidence: complete for billing, for audit too but its rehearsal is 41 days old and its observability
        // check was taken against another cluster
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String targetId = TargetCluster.id(Workspace.load(ws).profile("target"));
        for (String w : List.of("billing", "audit")) {
            attest(ws, w, Area.PROTOCOL, now, targetId, Map.of("clientSoftware", "apache-kafka-java/4.3.1"));
            attest(ws, w, Area.IDENTITY, now, targetId, Map.of());
            GroupEvidence.write(
                    ws,
                    Workspace.load(ws).workloads(),
                    new Provenance("cutover offsets sync", "test", "h", "u", now),
                    Evidence.OFFSETS_SYNC,
                    w,
                    targetId,
                    Evidence.Result.PASS,
                    false,
                    Map.of());
        }
        // (billing reads payments: its parity is shown by a verify record; audit's is not)
        EvidenceStore.write(
                ws,
                new Provenance("cutover verify", "test", "h", "u", now)
                        .evidence(
                                Evidence.VERIFY,
                                "billing",
                                Area.TOPICS,
                                null,
                                targetId,
                                Evidence.Result.PASS,
                                Map.of("topic", "payments", "compared", "12", "missing", "0", "differing", "0"),
                                null,
                                null));
        attest(ws, "billing", Area.OBSERVABILITY, now, targetId, Map.of());
        attest(ws, "billing", Area.ROLLBACK, now, targetId, Map.of());
        attest(ws, "audit", Area.OBSERVABILITY, now, "another-cluster", Map.of());
        attest(ws, "audit", Area.ROLLBACK, now.minus(Duration.ofDays(41)), targetId, Map.of());

        // When readiness runs
        ReadinessReport report = new ReadinessRun(Clock.systemUTC())
                .run(new ReadinessRun.Request(
                        Workspace.load(ws), Optional.empty(), Optional.empty(), Optional.empty()));

        // Then billing is ready in every area, each verdict naming its evidence
        WorkloadResult billing = workload(report, "billing");
        assertThat(billing.areas()).allSatisfy(a -> {
            assertThat(a.verdict()).as(a.area() + ": " + a.findings()).isEqualTo(Verdict.READY);
            assertThat(a.evidence()).isNotEmpty();
        });

        // And the broken ones say exactly what is wrong
        WorkloadResult reporting = workload(report, "reporting");
        assertThat(messages(reporting.area(Area.IDENTITY), "ACL-001"))
                .containsExactly(
                        "User:reporting lacks READ on GROUP reporting on the target; add an ALLOW binding for it");

        WorkloadResult orders = workload(report, "orders-api");
        assertThat(messages(orders.area(Area.TOPICS), "TOPIC-004"))
                .singleElement()
                .asString()
                .contains(
                        "max.message.bytes is 1000 on the target, smaller than the largest record seen on the source:"
                                + " 2097 bytes at orders-0 offset 1",
                        "3 record(s) read from the tails of 1 partition(s) (orders-0 offsets 0-2)",
                        "raise max.message.bytes on the target to at least 1048588, the source's limit");
        assertThat(codes(orders.area(Area.TOPICS))).doesNotContain("TOPIC-011", "TOPIC-012");

        // And a target limit below the source's but above every record written is a warning, not an error
        WorkloadResult shipping = workload(report, "shipping");
        assertThat(codes(shipping.area(Area.TOPICS))).containsExactly("TOPIC-011");
        assertThat(messages(shipping.area(Area.TOPICS), "TOPIC-011"))
                .singleElement()
                .asString()
                .contains(
                        "max.message.bytes is 500000 on the target: the largest record seen on the source, 428 bytes"
                                + " at shipments-0 offset 1, fits",
                        "the source accepts up to 1048588");
        assertThat(shipping.area(Area.TOPICS).verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(codes(orders.area(Area.ROLLBACK))).contains("ROLLBACK-001");
        assertThat(messages(orders.area(Area.PROTOCOL), "PROTO-002"))
                .singleElement()
                .asString()
                .contains("client version unknown");
        assertThat(orders.area(Area.PROTOCOL).verdict()).isEqualTo(Verdict.NOT_READY);

        WorkloadResult audit = workload(report, "audit");
        assertThat(audit.area(Area.PROTOCOL).verdict()).isEqualTo(Verdict.READY);
        assertThat(messages(audit.area(Area.ROLLBACK), "EVID-001"))
                .singleElement()
                .asString()
                .contains("stale: 41 days old (the limit is 30 days)");
        assertThat(codes(audit.area(Area.ROLLBACK))).contains("ROLLBACK-003");
        assertThat(messages(audit.area(Area.OBSERVABILITY), "EVID-001"))
                .singleElement()
                .asString()
                .contains("taken against cluster another-cluster, target is " + targetId);
        assertThat(audit.area(Area.OBSERVABILITY).verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(messages(audit.area(Area.TOPICS), "TOPIC-014"))
                .singleElement()
                .asString()
                .contains("record-level parity of payments is not shown");
        assertThat(report.ready()).isFalse();

        // And the reports are written: JSON versioned, HTML with a page per wave
        var files = ReadinessFiles.write(ws.resolve("reports"), ReadinessFiles.render(report));
        assertThat(files).hasSize(3);
        assertThat(Files.readString(ws.resolve("reports/readiness.json")))
                .contains("\"schemaVersion\" : 1", "\"code\" : \"TOPIC-004\"");
        assertThat(Files.readString(ws.resolve("reports/readiness.html")))
                .contains("<hr />", "Readiness points", "Workloads × areas")
                .doesNotContain("pw-billing");

        // And the sampler reads only the tail, within its byte budget ...
        Duration timeout = Duration.ofSeconds(30);
        TopicSample lastTwo = new TailSampler(
                        source.adminClientProperties(), new TailSampler.Limits(2, 1 << 20, timeout))
                .sample(List.of("orders"))
                .of("orders")
                .orElseThrow();
        assertThat(lastTwo.ranges()).containsExactly(new TopicSample.Range(0, 1, 3, 2));
        assertThat(lastTwo.largest()).contains(new TopicSample.Largest(0, 1, 2097));
        // keys are null, no headers, no tombstones: what the probe shapes its records after
        assertThat(lastTwo.traits()).isEqualTo(new TopicSample.Traits(0, 2, 0));
        TopicSample firstOnly = new TailSampler(
                        source.adminClientProperties(), new TailSampler.Limits(500, 100, timeout))
                .sample(List.of("orders"))
                .of("orders")
                .orElseThrow();
        assertThat(firstOnly.ranges()).containsExactly(new TopicSample.Range(0, 0, 1, 1));
        assertThat(firstOnly.complete()).isTrue();

        // ... and a topic it may not read, or not even see, is reported, not thrown, the others still sampled
        source.createUser("sampler", "pw-sampler");
        source.createAcls(List.of(
                allow("sampler", ResourceType.TOPIC, "orders", AclOperation.DESCRIBE),
                allow("sampler", ResourceType.TOPIC, "shipments", AclOperation.READ)));
        RecordSamples limited = new TailSampler(
                        source.clientProperties("sampler", "pw-sampler"), TailSampler.Limits.defaults(timeout))
                .sample(List.of("orders", "payments", "shipments"));
        assertThat(limited.unreadable().get("orders")).startsWith("the source profile may not READ it");
        assertThat(limited.unreadable().get("payments")).startsWith("the source profile cannot see it");
        assertThat(limited.sampled()).containsOnlyKeys("shipments");
        assertThat(limited.of("shipments").orElseThrow().largest()).contains(new TopicSample.Largest(0, 1, 428));
        assertThat(limited.of("shipments").orElseThrow().traits()).isEqualTo(new TopicSample.Traits(1, 2, 0));
    }

    private static WorkloadResult workload(ReadinessReport report, String name) {
        return report.waves().stream()
                .flatMap(w -> w.workloads().stream())
                .filter(w -> w.workload().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is in no wave"));
    }

    private static List<String> codes(AreaResult a) {
        return a.findings().stream().map(Finding::code).toList();
    }

    private static List<String> messages(AreaResult a, String code) {
        return a.findings().stream()
                .filter(f -> f.code().equals(code))
                .map(Finding::message)
                .toList();
    }

    private static void attest(
            Path ws, String workload, Area area, Instant at, String clusterId, Map<String, String> details) {
        EvidenceStore.write(
                ws,
                new Provenance("cutover evidence add", "test", "h", "u", at)
                        .evidence(
                                Evidence.ATTESTATION,
                                workload,
                                area,
                                "alice",
                                clusterId,
                                Evidence.Result.PASS,
                                details,
                                null,
                                null));
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation op) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    private static void createTopics(EmbeddedCluster cluster, Map<String, Map<String, String>> configs)
            throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(
                            new NewTopic("payments", 3, (short) 1).configs(configs.getOrDefault("payments", Map.of())),
                            new NewTopic("orders", 1, (short) 1).configs(configs.getOrDefault("orders", Map.of())),
                            new NewTopic("shipments", 1, (short) 1)
                                    .configs(configs.getOrDefault("shipments", Map.of()))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Values without keys, in this order to partition 0, each with the header if one is given. */
    private static void produce(EmbeddedCluster cluster, String topic, RecordHeader header, byte[]... values)
            throws Exception {
        try (var producer = new KafkaProducer<>(
                cluster.adminClientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                var record = new ProducerRecord<byte[], byte[]>(topic, 0, null, value);
                if (header != null) {
                    record.headers().add(header);
                }
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        }
    }

    static void writeWorkspace(Path ws, EmbeddedCluster source, EmbeddedCluster target) {
        Map<String, ProfileSpec> profiles = new LinkedHashMap<>();
        profiles.put("source", profile(source));
        profiles.put("target", profile(target));
        CutoverYamlWriter.write(ws, profiles);
    }

    private static ProfileSpec profile(EmbeddedCluster cluster) {
        Map<String, String> plain = new LinkedHashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> plain.put(k, String.valueOf(v)));
        return new ProfileSpec(plain, Map.of(), List.of(), Duration.ofSeconds(30));
    }
}
