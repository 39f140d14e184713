package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.SchemaIds;
import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.probe.traffic.SchemaPlan.CopiedBy;
import dev.cutover.probe.traffic.SchemaPlan.Location;
import dev.cutover.probe.traffic.SchemaPlan.SampledId;
import dev.cutover.probe.traffic.SchemaPlan.Side;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's schema check against real brokers and two real registries (Apicurio) whose ids differ: the target
 * already held other schemas, so each source id means another schema there. The id map is written here as {@code
 * schemas sync} would store it (the sync is tested on its own), so that what this test exercises is the probe: a real
 * source record produced and consumed on the target, its id looked up on the target registry.
 */
@ExtendWith({ClustersExtension.class, RegistriesExtension.class})
class ProbeSchemaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ORDER =
            "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";
    private static final String ORDER_KEY = "{\"type\":\"string\",\"name\":\"OrderKey\"}";

    @TempDir
    Path workspace;

    /** The registries' ids for one topic's value and key schemas, and where a record carrying both is. */
    private record Given(String topic, int value, int key, int targetValue, int targetKey, Location seen) {}

    @Test
    void passesWhenTheMapHoldsTheIdsAndTheLinkRewrites(
            @Cluster("source") EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target,
            @Registry("source") ApicurioRegistry sourceRegistry,
            @Registry("target") ApicurioRegistry targetRegistry)
            throws Exception {
        // Given a topic whose record carries a value id and a key id, both mapped, copied by a rewriting link
        Given g = given("sp-ok", source, sourceRegistry, targetRegistry);
        IdMap map = map(sourceRegistry, targetRegistry, Map.of(g.value(), g.targetValue(), g.key(), g.targetKey()));

        // When the probe runs
        ProbeReport report = probe(
                source,
                target,
                sourceRegistry,
                targetRegistry,
                List.of(sampled(g, Side.VALUE, g.value()), sampled(g, Side.KEY, g.key())),
                Optional.of(map),
                new CopiedBy("forward", SchemaIds.REWRITE));

        // Then both ids pass: the copy was read back with the target's ids, which resolve to the same schemas
        ProbeCheck value = check(report, g, Side.VALUE, g.value());
        assertThat(value.status()).as(value.details()).isEqualTo(ProbeCheck.Status.PASS);
        assertThat(value.details())
                .contains("read back from __cutover-probe-")
                .contains("with id " + g.targetValue())
                .contains("id " + g.value() + " → " + g.targetValue() + ", rewritten by link 'forward'")
                .contains("same AVRO schema");
        ProbeCheck key = check(report, g, Side.KEY, g.key());
        assertThat(key.status()).as(key.details()).isEqualTo(ProbeCheck.Status.PASS);
        assertThat(key.details()).contains("with id " + g.targetKey());
        // and the evidence summary says pass, and the schema probe topic was deleted with the others
        assertThat(SchemaPlan.summary(report.checks()))
                .hasValueSatisfying(s -> assertThat(s).startsWith("pass: 2 schema id(s)"));
        assertThat(report.probeTopics()).anyMatch(t -> t.endsWith("-schemas"));
        assertThat(check(report, "probe topics deleted").status()).isEqualTo(ProbeCheck.Status.PASS);
        try (Admin admin = target.admin()) {
            assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith(ProbeTopics.PREFIX));
        }
    }

    @Test
    void failsNamingAnIdTheMapLacks(
            @Cluster("source") EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target,
            @Registry("source") ApicurioRegistry sourceRegistry,
            @Registry("target") ApicurioRegistry targetRegistry)
            throws Exception {
        // Given a map that holds the key id but not the value id
        Given g = given("sp-unmapped", source, sourceRegistry, targetRegistry);
        IdMap map = map(sourceRegistry, targetRegistry, Map.of(g.key(), g.targetKey()));

        // When the probe runs
        ProbeReport report = probe(
                source,
                target,
                sourceRegistry,
                targetRegistry,
                List.of(sampled(g, Side.VALUE, g.value()), sampled(g, Side.KEY, g.key())),
                Optional.of(map),
                new CopiedBy("forward", SchemaIds.REWRITE));

        // Then the value id fails, naming the topic, the id and the fix; the key id still passes; the run fails
        ProbeCheck value = check(report, g, Side.VALUE, g.value());
        assertThat(value.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(value.details())
                .contains("topic sp-unmapped value schema id " + g.value())
                .contains("is not in the id map " + IdMap.file(workspace, "source", "target"));
        assertThat(value.fix()).contains("cutover schemas sync");
        assertThat(check(report, g, Side.KEY, g.key()).status()).isEqualTo(ProbeCheck.Status.PASS);
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(SchemaPlan.summary(report.checks()))
                .hasValueSatisfying(s -> assertThat(s).startsWith("fail: 1 of 2"));
    }

    @Test
    void failsWhenIdsDifferAndTheLinkDoesNotRewrite(
            @Cluster("source") EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target,
            @Registry("source") ApicurioRegistry sourceRegistry,
            @Registry("target") ApicurioRegistry targetRegistry)
            throws Exception {
        // Given both ids mapped to other ids on the target, and a link that only checks
        Given g = given("sp-check", source, sourceRegistry, targetRegistry);
        IdMap map = map(sourceRegistry, targetRegistry, Map.of(g.value(), g.targetValue(), g.key(), g.targetKey()));

        // When the probe runs
        ProbeReport report = probe(
                source,
                target,
                sourceRegistry,
                targetRegistry,
                List.of(sampled(g, Side.VALUE, g.value())),
                Optional.of(map),
                new CopiedBy("forward", SchemaIds.CHECK));

        // Then it fails, saying which ids and to rewrite
        ProbeCheck value = check(report, g, Side.VALUE, g.value());
        assertThat(value.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(value.details())
                .contains("value schema id " + g.value() + " is id " + g.targetValue() + " on the target")
                .contains("link 'forward' copies the topic with schemaIds: check");
        assertThat(value.fix()).startsWith("set schemaIds: rewrite on link 'forward'");
    }

    @Test
    void failsWhenTheMappedIdResolvesToAnotherSchemaOnTheTarget(
            @Cluster("source") EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target,
            @Registry("source") ApicurioRegistry sourceRegistry,
            @Registry("target") ApicurioRegistry targetRegistry)
            throws Exception {
        // Given a stale map: the value id is mapped to the target id of the key's schema
        Given g = given("sp-stale", source, sourceRegistry, targetRegistry);
        IdMap map = map(sourceRegistry, targetRegistry, Map.of(g.value(), g.targetKey()));

        // When the probe runs
        ProbeReport report = probe(
                source,
                target,
                sourceRegistry,
                targetRegistry,
                List.of(sampled(g, Side.VALUE, g.value())),
                Optional.of(map),
                new CopiedBy("forward", SchemaIds.REWRITE));

        // Then the record was produced and read back, and the target registry's answer is judged, not the map
        ProbeCheck value = check(report, g, Side.VALUE, g.value());
        assertThat(value.status()).as(value.details()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(value.details())
                .contains("with id " + g.targetKey())
                .contains("differs from the source's (AVRO) for id " + g.value() + " in its text");
        assertThat(value.fix()).contains("is stale (it maps id " + g.value() + " to " + g.targetKey() + ")");
    }

    /** A topic on the source with one record whose key and value carry ids; the same schemas under other ids. */
    private static Given given(
            String topic, EmbeddedCluster source, ApicurioRegistry sourceRegistry, ApicurioRegistry targetRegistry)
            throws Exception {
        RegistryClient src = client("source", sourceRegistry);
        RegistryClient tgt = client("target", targetRegistry);
        for (int i = 0; i < 3; i++) {
            tgt.register(
                    topic + "-filler-" + i,
                    Schema.avro("{\"type\":\"fixed\",\"name\":\"F" + i + "\",\"size\":" + (i + 1) + "}"),
                    OptionalInt.empty(),
                    OptionalInt.empty());
        }
        int value = src.register(topic + "-value", Schema.avro(ORDER), OptionalInt.empty(), OptionalInt.empty());
        int key = src.register(topic + "-key", Schema.avro(ORDER_KEY), OptionalInt.empty(), OptionalInt.empty());
        int targetValue = tgt.register(topic + "-value", Schema.avro(ORDER), OptionalInt.empty(), OptionalInt.empty());
        int targetKey = tgt.register(topic + "-key", Schema.avro(ORDER_KEY), OptionalInt.empty(), OptionalInt.empty());
        assertThat(Set.of(value, key)).doesNotContain(targetValue, targetKey);
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Map<String, Object> p = new HashMap<>(source.adminClientProperties());
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, bytes("plain"), bytes("not wire format")))
                    .get();
            RecordMetadata m = producer.send(new ProducerRecord<>(
                            topic, 0, WireFormat.encode(key, bytes("k-1")), WireFormat.encode(value, bytes("order-1"))))
                    .get();
            // the sample saw the ids one record before the one that carries them: the probe reads on to it
            return new Given(topic, value, key, targetValue, targetKey, new Location(0, m.offset() - 1));
        }
    }

    private IdMap map(ApicurioRegistry source, ApicurioRegistry target, Map<Integer, Integer> ids) {
        IdMap map = new IdMap("source", "target", source.url(), target.url(), Instant.now(), ids);
        map.save(workspace);
        return map;
    }

    private ProbeReport probe(
            EmbeddedCluster source,
            EmbeddedCluster target,
            ApicurioRegistry sourceRegistry,
            ApicurioRegistry targetRegistry,
            List<SampledId> ids,
            Optional<IdMap> map,
            CopiedBy link) {
        String topic = ids.get(0).topic();
        SchemaPlan plan = new SchemaPlan.Run(
                ids,
                Map.of(),
                settings("source", sourceRegistry),
                settings("target", targetRegistry),
                map,
                IdMap.file(workspace, "source", "target"),
                Map.of(topic, link));
        ProbeReport report = new Probe()
                .run(new ProbeRequest(
                        "schema-app",
                        List.of(),
                        List.of(),
                        true,
                        true,
                        false,
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        profile("target", target),
                        Optional.of(profile("source", source)),
                        Optional.empty(),
                        "forward",
                        Optional.empty(),
                        plan));
        report.checks().stream()
                .filter(c -> c.name().startsWith("schema:"))
                .forEach(c -> System.out.println(c.status() + " " + c.name() + ": " + c.details() + " | " + c.fix()));
        return report;
    }

    private static SampledId sampled(Given g, Side side, int id) {
        return new SampledId(g.topic(), side, id, g.seen());
    }

    private static ProbeCheck check(ProbeReport report, Given g, Side side, int id) {
        return check(report, SchemaChecks.name(new SampledId(g.topic(), side, id, g.seen())));
    }

    private static ProbeCheck check(ProbeReport report, String name) {
        return report.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + report.checks()));
    }

    private static ConnectionProfile profile(String name, EmbeddedCluster cluster) {
        Map<String, String> props = new HashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new ConnectionProfile(name, props, List.of(), TIMEOUT);
    }

    private static SchemaRegistrySettings settings(String profile, ApicurioRegistry registry) {
        return SchemaRegistrySettings.of(profile, registry.url());
    }

    private static RegistryClient client(String profile, ApicurioRegistry registry) {
        return RegistryClient.of(settings(profile, registry), Duration.ofSeconds(10));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
