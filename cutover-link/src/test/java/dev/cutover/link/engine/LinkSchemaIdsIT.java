package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static dev.cutover.link.engine.LinkHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ClientPolicy;
import dev.cutover.config.SchemaIds;
import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.link.schemas.SchemaIdPolicy;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.registry.ApicurioRegistry;
import dev.cutover.schemas.IdMap;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.WireFormat;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.LoggedRecord;
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
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link's schema-id gate against two real registries (Apicurio) whose ids differ: the target already held other
 * schemas, so each source id means another schema there. The id map is built here by registering each schema on the
 * target by hand (what {@code schemas sync} does, tested on its own), so that the link is what this test exercises.
 */
@ExtendWith({ClustersExtension.class, RegistriesExtension.class})
class LinkSchemaIdsIT {
    private static final String ORDER_V1 =
            "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";
    private static final String ORDER_V2 = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\","
            + "\"type\":\"long\"},{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}";
    private static final String ORDER_KEY = "{\"type\":\"string\",\"name\":\"OrderKey\"}";
    private static final String LATE =
            "{\"type\":\"record\",\"name\":\"Late\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";

    @TempDir
    Path workspace;

    @Test
    void rewritesEveryIdToTheTargetsAndWaitsAtARecordWhoseSchemaTheTargetLacksUntilItIsSynced(
            @Cluster("source") EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target,
            @Registry("source") ApicurioRegistry sourceRegistry,
            @Registry("target") ApicurioRegistry targetRegistry)
            throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        RegistryClient src = client("source", sourceRegistry);
        RegistryClient tgt = client("target", targetRegistry);
        // Given a target registry that already holds other schemas (so the source's ids are taken there)
        for (int i = 0; i < 4; i++) {
            tgt.register(
                    "filler-" + i,
                    Schema.avro("{\"type\":\"fixed\",\"name\":\"F" + i + "\",\"size\":" + (i + 1) + "}"),
                    OptionalInt.empty(),
                    OptionalInt.empty());
        }
        int v1 = src.register("sr-value", Schema.avro(ORDER_V1), OptionalInt.empty(), OptionalInt.empty());
        int v2 = src.register("sr-value", Schema.avro(ORDER_V2), OptionalInt.empty(), OptionalInt.empty());
        int key = src.register("sr-key", Schema.avro(ORDER_KEY), OptionalInt.empty(), OptionalInt.empty());
        int late = src.register("late-value", Schema.avro(LATE), OptionalInt.empty(), OptionalInt.empty());
        Map<Integer, Integer> ids = new TreeMap<>();
        ids.put(v1, tgt.register("sr-value", Schema.avro(ORDER_V1), OptionalInt.empty(), OptionalInt.empty()));
        ids.put(v2, tgt.register("sr-value", Schema.avro(ORDER_V2), OptionalInt.empty(), OptionalInt.empty()));
        ids.put(key, tgt.register("sr-key", Schema.avro(ORDER_KEY), OptionalInt.empty(), OptionalInt.empty()));
        assertThat(ids)
                .allSatisfy(
                        (from, to) -> assertThat(to).as("target id of %s", from).isNotEqualTo(from));
        saveMap(sourceRegistry, targetRegistry, ids);
        // And source records: wire format under each id (keys too), plain bytes, bytes that start with magic 0 but
        // carry
        // an id the source registry does not know, and, after them, one whose schema the target lacks
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic("sr", 2, (short) 1))).all().get();
        }
        int unknownId = 7_000_000;
        int before = 0;
        try (var producer = producer(s)) {
            for (int i = 0; i < 200; i++) {
                int p = i % 2;
                byte[] k = i % 3 == 0 ? WireFormat.encode(key, bytes("key-" + i)) : bytes("plain-key-" + i);
                byte[] v =
                        switch (i % 5) {
                            case 0 -> WireFormat.encode(v1, bytes("order-" + i));
                            case 1 -> WireFormat.encode(v2, bytes("order-" + i));
                            case 2 -> bytes("not wire format " + i);
                            case 3 -> WireFormat.encode(unknownId, bytes("looks like wire format " + i));
                            default -> null;
                        };
                producer.send(new ProducerRecord<>("sr", p, k, v));
                before++;
            }
            producer.send(new ProducerRecord<>("sr", 0, bytes("late"), WireFormat.encode(late, bytes("late-0"))));
            producer.send(new ProducerRecord<>("sr", 0, bytes("after"), WireFormat.encode(v1, bytes("after-late"))));
            producer.flush();
        }
        LinkSettings settings = LinkSettings.defaults("schemas")
                .include("sr")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(200))
                .schemaIds(Optional.of(policy(SchemaIds.REWRITE, sourceRegistry, targetRegistry)));

        try (LinkHandle link = LinkHarness.start(s, t, settings, event -> {})) {
            assertThat(link.awaitStarted(TIMEOUT)).isTrue();
            TopicPartition p0 = new TopicPartition("sr", 0);
            TopicPartition p1 = new TopicPartition("sr", 1);
            // When the link reaches the record whose schema the target lacks, partition 0 waits there, naming the id
            await(link, () -> {
                LinkState.PartitionStatus status = status(t, settings, p0);
                return status != null && status.state() == PartitionState.WAITING;
            });
            LinkState.PartitionStatus waiting = status(t, settings, p0);
            assertThat(waiting.reason())
                    .contains("waiting for schema id " + late)
                    .contains("source offset 100")
                    .contains("run 'cutover schemas sync'");
            assertThat(waiting.replicatedTo()).isEqualTo(100);
            // while partition 1 is copied to its end
            await(link, () -> {
                LinkState.PartitionStatus other = status(t, settings, p1);
                return other != null && other.state() == PartitionState.CAUGHT_UP;
            });
            // and nothing at or after the waiting record is on the target
            assertThat(endOffset(t, p0)).isLessThanOrEqualTo(100 + 1); // 100 copies and at most one marker

            // When the missing schema is synced
            ids.put(late, tgt.register("late-value", Schema.avro(LATE), OptionalInt.empty(), OptionalInt.empty()));
            saveMap(sourceRegistry, targetRegistry, ids);

            // Then the partition goes on by itself, and copies everything
            await(link, () -> {
                LinkState.PartitionStatus status = status(t, settings, p0);
                return status != null && status.state() == PartitionState.CAUGHT_UP && status.replicatedTo() == 102;
            });
            link.stop();
            assertThat(link.awaitEnded(TIMEOUT)).isTrue();
            assertThat(link.failure()).isEmpty();
        }

        // And every record is on the target once, in order, with the target's id where the source's was mapped and the
        // source's bytes elsewhere (plain bytes, and magic-0 bytes of an id the source registry does not know)
        LinkHarness.assertExact(s, t, "sr", settings.topics(), o -> o.expectedCopy(r -> rewritten(r, ids)));
        assertThat(before).as("records before the late one").isEqualTo(200);
    }

    @Test
    void checkModeWaitsAtAnIdTheTargetHoldsUnderAnotherIdAndSaysToRewrite(
            @Cluster("source") EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target,
            @Registry("source") ApicurioRegistry sourceRegistry,
            @Registry("target") ApicurioRegistry targetRegistry)
            throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        RegistryClient src = client("source", sourceRegistry);
        RegistryClient tgt = client("target", targetRegistry);
        String schema = "{\"type\":\"record\",\"name\":\"Check\",\"fields\":[{\"name\":\"c\",\"type\":\"int\"}]}";
        for (int i = 0; i < 3; i++) {
            tgt.register(
                    "check-filler-" + i,
                    Schema.avro("{\"type\":\"enum\",\"name\":\"E" + i + "\",\"symbols\":[\"A" + i + "\"]}"),
                    OptionalInt.empty(),
                    OptionalInt.empty());
        }
        int id = src.register("ck-value", Schema.avro(schema), OptionalInt.empty(), OptionalInt.empty());
        int there = tgt.register("ck-value", Schema.avro(schema), OptionalInt.empty(), OptionalInt.empty());
        assertThat(there).isNotEqualTo(id);
        Map<Integer, Integer> ids = new HashMap<>(
                IdMap.load(workspace, "source", "target").map(IdMap::ids).orElse(Map.of()));
        ids.put(id, there);
        saveMap(sourceRegistry, targetRegistry, ids);
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic("ck", 1, (short) 1))).all().get();
        }
        try (var producer = producer(s)) {
            producer.send(new ProducerRecord<>("ck", 0, bytes("a"), bytes("plain first")));
            producer.send(new ProducerRecord<>("ck", 0, bytes("b"), WireFormat.encode(id, bytes("c=1"))));
            producer.flush();
        }
        LinkSettings settings = LinkSettings.defaults("schemas-check")
                .include("ck")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(200))
                .schemaIds(Optional.of(policy(SchemaIds.CHECK, sourceRegistry, targetRegistry)));
        TopicPartition tp = new TopicPartition("ck", 0);

        try (LinkHandle link = LinkHarness.start(s, t, settings, event -> {})) {
            assertThat(link.awaitStarted(TIMEOUT)).isTrue();
            await(link, () -> {
                LinkState.PartitionStatus status = status(t, settings, tp);
                return status != null && status.state() == PartitionState.WAITING;
            });
            LinkState.PartitionStatus waiting = status(t, settings, tp);
            assertThat(waiting.reason())
                    .contains("waiting for schema id " + id + " at source offset 1")
                    .contains("is id " + there + " on the target")
                    .contains("set schemaIds: rewrite");
            assertThat(waiting.replicatedTo()).isEqualTo(1);
            link.stop();
            assertThat(link.awaitEnded(TIMEOUT)).isTrue();
        }
        // Only the plain record before it was copied
        assertThat(endOffset(t, tp)).isBetween(1L, 2L);
    }

    private SchemaIdPolicy policy(SchemaIds mode, ApicurioRegistry source, ApicurioRegistry target) {
        return new SchemaIdPolicy(
                mode, "source", settings("source", source), "target", settings("target", target), workspace);
    }

    private void saveMap(ApicurioRegistry source, ApicurioRegistry target, Map<Integer, Integer> ids) {
        new IdMap("source", "target", source.url(), target.url(), Instant.now(), ids).save(workspace);
    }

    private static LoggedRecord rewritten(LoggedRecord r, Map<Integer, Integer> ids) {
        return r.withKeyAndValue(rewrite(r.key(), ids), rewrite(r.value(), ids));
    }

    private static byte[] rewrite(byte[] bytes, Map<Integer, Integer> ids) {
        OptionalInt id = WireFormat.schemaId(bytes);
        return id.isPresent() && ids.containsKey(id.getAsInt())
                ? WireFormat.withSchemaId(bytes, ids.get(id.getAsInt()))
                : bytes;
    }

    private static LinkState.PartitionStatus status(Map<String, Object> t, LinkSettings settings, TopicPartition tp) {
        return LinkHarness.state(t, settings.topics()).partitions().get(tp);
    }

    private static long endOffset(Map<String, Object> props, TopicPartition tp) throws Exception {
        try (Admin admin = Admin.create(props)) {
            return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .partitionResult(tp)
                    .get()
                    .offset();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> props) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static SchemaRegistrySettings settings(String profile, ApicurioRegistry registry) {
        return new SchemaRegistrySettings(profile, registry.url(), Map.of(), ClientPolicy.DEFAULT);
    }

    private static RegistryClient client(String profile, ApicurioRegistry registry) {
        return RegistryClient.of(settings(profile, registry), Duration.ofSeconds(10));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
