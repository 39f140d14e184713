package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.registry.ApicurioRegistry;
import dev.cutover.schemas.IdMap;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SchemaReference;
import dev.cutover.schemas.WireFormat;
import dev.cutover.testkit.Await;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.registry.RegistriesExtension;
import dev.cutover.testkit.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schemas move with their topic through the command line, on real brokers and two real registries (Apicurio): {@code
 * schemas sync} into a target whose ids are taken, {@code link start} rewriting ids and waiting at a record whose
 * schema the target lacks until a second sync, {@code link status} naming the id, and {@code verify} comparing every
 * record modulo the rewrite.
 */
@ExtendWith({ClustersExtension.class, RegistriesExtension.class})
class SchemaMigrationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String ADDRESS =
            "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"m\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";
    private static final String ORDER =
            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"m\",\"fields\":[{\"name\":\"to\",\"type\":\"m.Address\"}]}";
    private static final String REFUND =
            "{\"type\":\"record\",\"name\":\"Refund\",\"namespace\":\"m\",\"fields\":[{\"name\":\"cents\",\"type\":\"long\"}]}";

    @TempDir
    Path dir;

    @Test
    void syncLinkWithRewriteWaitAtAMissingSchemaThenVerifyModuloTheRewrite(
            @Cluster("source") EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target,
            @Registry("source") ApicurioRegistry sourceRegistry,
            @Registry("target") ApicurioRegistry targetRegistry)
            throws Exception {
        TwoClusterWorkspace.write(
                dir, source, target, "links:\n  sm:\n    topics: sm-orders\n    schemaIds: rewrite\n");
        String yaml = Files.readString(dir.resolve("cutover.yaml"))
                .replace(
                        "      bootstrap.servers: " + source.bootstrapServers() + "\n",
                        "      bootstrap.servers: " + source.bootstrapServers() + "\n    schemaRegistry:\n      url: "
                                + sourceRegistry.url() + "\n")
                .replace(
                        "      bootstrap.servers: " + target.bootstrapServers() + "\n",
                        "      bootstrap.servers: " + target.bootstrapServers() + "\n    schemaRegistry:\n      url: "
                                + targetRegistry.url() + "\n");
        Files.writeString(dir.resolve("cutover.yaml"), yaml);
        RegistryClient src = client("source", sourceRegistry);
        RegistryClient tgt = client("target", targetRegistry);
        // Given a target registry whose first ids hold another team's schemas
        for (int i = 0; i < 3; i++) {
            tgt.register(
                    "other-" + i,
                    Schema.avro("{\"type\":\"fixed\",\"name\":\"O" + i + "\",\"size\":" + (i + 2) + "}"),
                    OptionalInt.empty(),
                    OptionalInt.empty());
        }
        // and a source registry with a referenced type, a soft-deleted version and records under each live id
        int address = src.register("m.Address", Schema.avro(ADDRESS), OptionalInt.empty(), OptionalInt.empty());
        int order = src.register(
                "sm-orders-value",
                new Schema(Schema.AVRO, ORDER, List.of(new SchemaReference("m.Address", "m.Address", 1))),
                OptionalInt.empty(),
                OptionalInt.empty());
        src.register("sm-orders-value", Schema.avro(REFUND), OptionalInt.empty(), OptionalInt.empty());
        src.deleteVersion("sm-orders-value", 2, false);
        var s = source.adminClientProperties();
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic("sm-orders", 2, (short) 1)))
                    .all()
                    .get();
        }
        produce(s, order, 0, 40);

        // When the subjects are synced
        Cli.Result sync = Cli.run("schemas", "sync", "--workspace", dir.toString());
        assertThat(sync.exitCode()).as(sync.all()).isZero();
        IdMap map = IdMap.load(dir, "source", "target").orElseThrow();
        assertThat(map.ids()).containsKeys(address, order);
        assertThat(map.target(order).getAsInt()).as("the target's id differs").isNotEqualTo(order);

        // And a schema is registered on the source after the sync, and used
        int late = src.register(
                "sm-late-value",
                Schema.avro("{\"type\":\"record\",\"name\":\"Late\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}"),
                OptionalInt.empty(),
                OptionalInt.empty());
        produce(s, late, 40, 1);
        produce(s, order, 41, 9);

        try (Cli.Child link = Cli.Child.start(
                dir.resolve("link.log"),
                "link",
                "start",
                "--workspace",
                dir.toString(),
                "--name",
                "sm",
                "--lease",
                "5s",
                "--no-progress")) {
            link.awaitLine(l -> l.startsWith("copying "), WAIT);
            // Then the partition with the late schema's record waits there, and link status names the id
            JsonNode waiting =
                    awaitPartition("waiting", p -> p.path("reason").asText().contains("schema id " + late));
            assertThat(waiting.path("reason").asText())
                    .contains("is not in the id map")
                    .contains("run 'cutover schemas sync'");
            Cli.Result status = Cli.run("link", "status", "--workspace", dir.toString(), "--name", "sm");
            assertThat(status.out()).contains("| waiting |").contains("partition(s) wait");

            // When the late schema is synced, Then the link goes on by itself and catches up
            Cli.Result second = Cli.run("schemas", "sync", "--workspace", dir.toString());
            assertThat(second.exitCode()).as(second.all()).isZero();
            awaitCaughtUp(50);
            Cli.Result stop = Cli.run("link", "stop", "--workspace", dir.toString(), "--name", "sm");
            assertThat(stop.exitCode()).as(stop.all()).isZero();
        }

        // And verify compares every record modulo the rewrite, and finds none differing
        Cli.Result verify = Cli.run("verify", "--workspace", dir.toString(), "--name", "sm", "--output", "json");
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        JsonNode doc = JSON.readTree(verify.out());
        assertThat(doc.at("/summary/compared").asLong()).isEqualTo(50);
        assertThat(doc.at("/summary/differing").asLong()).isZero();
        assertThat(doc.at("/summary/missing").asLong()).isZero();
        assertThat(doc.at("/summary/extra").asLong()).isZero();
    }

    private JsonNode awaitPartition(String state, java.util.function.Predicate<JsonNode> also) throws Exception {
        return Await.until("a partition of link sm " + state, WAIT, () -> {
            for (JsonNode p : status().path("partitions")) {
                if (p.path("state").asText().equals(state) && also.test(p)) {
                    return p;
                }
            }
            return null;
        });
    }

    private void awaitCaughtUp(long records) throws Exception {
        Await.until("link sm caught up with " + records + " records copied", WAIT, () -> {
            long copied = 0;
            boolean all = true;
            for (JsonNode p : status().path("partitions")) {
                copied += p.path("replicatedTo").asLong();
                all &= p.path("state").asText().equals("caught-up");
            }
            return all && copied == records;
        });
    }

    /** {@code link status --output json}; fails (so that the wait goes on, with this as its last error) unless exit 0. */
    private JsonNode status() throws Exception {
        Cli.Result r = Cli.run("link", "status", "--workspace", dir.toString(), "--name", "sm", "--output", "json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        return JSON.readTree(r.out());
    }

    private static void produce(Map<String, Object> props, int id, int from, int count) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(
                        "sm-orders",
                        i < 40 ? i % 2 : 0,
                        ("k" + i).getBytes(StandardCharsets.UTF_8),
                        WireFormat.encode(id, ("v" + i).getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
        }
    }

    private static RegistryClient client(String profile, ApicurioRegistry registry) {
        return RegistryClient.of(SchemaRegistrySettings.of(profile, registry.url()), Duration.ofSeconds(10));
    }
}
