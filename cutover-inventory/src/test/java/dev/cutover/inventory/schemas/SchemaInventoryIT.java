package dev.cutover.inventory.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.Finding;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.CutoverYamlWriter;
import dev.cutover.config.ProfileSpec;
import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.Inventory;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.report.InventoryMarkdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.registry.ApicurioRegistry;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SchemaReference;
import dev.cutover.schemas.WireFormat;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.registry.RegistriesExtension;
import dev.cutover.testkit.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** The inventory of a profile with a real schema registry (Apicurio) over a real broker, and with an unreachable one. */
@ExtendWith({ClustersExtension.class, RegistriesExtension.class})
class SchemaInventoryIT {

    @Test
    void listsSubjectsAndTheIdsOfEachTopicsKeysAndValues(
            @Cluster("source") EmbeddedCluster source, @Registry("source") ApicurioRegistry registry, @TempDir Path ws)
            throws Exception {
        // Given a key schema, a value schema with two versions (v1 soft-deleted) that references a shared one, and a
        // subject with its own compatibility
        RegistryClient client =
                RegistryClient.of(SchemaRegistrySettings.of("source", registry.url()), Duration.ofSeconds(30));
        int keyId = client.register("inv-orders-key", avro("OrderKey", ""), OptionalInt.empty(), OptionalInt.empty());
        int money = client.register("inv-money", avro("Money", ""), OptionalInt.empty(), OptionalInt.empty());
        int v1 = client.register("inv-orders-value", avro("Order", ""), OptionalInt.empty(), OptionalInt.empty());
        int v2 = client.register(
                "inv-orders-value",
                avro("Order", ",{\"name\":\"amount\",\"type\":\"Money\"}")
                        .withReferences(List.of(new SchemaReference("Money", "inv-money", 1))),
                OptionalInt.empty(),
                OptionalInt.empty());
        client.deleteVersion("inv-orders-value", 1, false);
        client.setCompatibility(java.util.Optional.of("inv-money"), "FULL");
        // And records: keys with the key id, values with v1's and v2's ids and one the registry does not know
        createTopic(source, "inv-orders");
        produce(source, "inv-orders", WireFormat.encode(keyId, new byte[] {1}), WireFormat.encode(v1, new byte[] {2}));
        produce(source, "inv-orders", WireFormat.encode(keyId, new byte[] {1}), WireFormat.encode(v2, new byte[] {3}));
        produce(
                source,
                "inv-orders",
                "plain".getBytes(StandardCharsets.UTF_8),
                WireFormat.encode(777_777, new byte[4]));
        writeWorkspace(ws, source, registry.url());

        // When the inventory is taken
        InventoryReport report =
                new Inventory(Clock.systemUTC()).take(new Inventory.Request(Workspace.load(ws), "source", List.of()));

        // Then it lists the subjects, versions (v1 soft-deleted), references and compatibility
        SchemaInventory schemas = report.schemas();
        assertThat(schemas.problem()).isNull();
        assertThat(schemas.globalCompatibility()).isNotBlank();
        SchemaInventory.SubjectEntry value = schemas.subject("inv-orders-value").orElseThrow();
        assertThat(value.versions())
                .extracting(
                        SchemaInventory.VersionEntry::version,
                        SchemaInventory.VersionEntry::id,
                        SchemaInventory.VersionEntry::deleted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, v1, true),
                        org.assertj.core.groups.Tuple.tuple(2, v2, false));
        assertThat(value.versions().get(1).references()).containsExactly("Money -> inv-money v1");
        assertThat(value.versions().get(1).type()).isEqualTo("AVRO");
        assertThat(schemas.subject("inv-money").orElseThrow().compatibility()).isEqualTo("FULL");
        // And which ids the topic's keys and values carry, each resolved, and the unknown one named
        SchemaInventory.TopicSchemas topic = schemas.topic("inv-orders").orElseThrow();
        assertThat(topic.keys()).extracting(SchemaInventory.IdUse::id).containsExactly(keyId);
        assertThat(topic.keys().get(0).usedBy()).extracting(Object::toString).containsExactly("inv-orders-key v1");
        assertThat(topic.keysWithoutId()).isEqualTo(1);
        assertThat(topic.values()).extracting(SchemaInventory.IdUse::id).containsExactlyInAnyOrder(v1, v2, 777_777);
        assertThat(topic.values().stream()
                        .filter(u -> u.id() == v1)
                        .findFirst()
                        .orElseThrow()
                        .usedBy())
                .extracting(Object::toString)
                .containsExactly("inv-orders-value v1 (soft-deleted)");
        assertThat(schemas.unknownIds()).containsExactly(777_777);
        assertThat(report.findings()).extracting(Finding::code).contains("INV-010");
        // And the reports show it
        assertThat(InventoryMarkdown.render(report))
                .contains("## Schema registry")
                .contains("inv-orders-value")
                .contains("v1 (soft-deleted)")
                .contains("not in the registry");
        assertThat(ReportFiles.json(report)).contains("\"unknownIds\" : [ 777777 ]");
        assertThat(ReportFiles.json(report)).doesNotContain("\"problem\"");
        assertThat(money).isPositive();
    }

    @Test
    void anUnreachableRegistryIsANamedProblemAndTheRestStillWorks(
            @Cluster("source") EmbeddedCluster source, @TempDir Path ws) throws Exception {
        // Given a profile whose registry nobody answers at
        createTopic(source, "inv-plain");
        writeWorkspace(ws, source, "http://127.0.0.1:1/apis/ccompat/v7");

        // When the inventory is taken
        InventoryReport report =
                new Inventory(Clock.systemUTC()).take(new Inventory.Request(Workspace.load(ws), "source", List.of()));

        // Then the cluster is inventoried, and the registry is a named problem
        assertThat(report.cluster().topic("inv-plain")).isPresent();
        assertThat(report.schemas().readable()).isFalse();
        assertThat(report.schemas().problem()).contains("unreachable");
        assertThat(report.findings())
                .filteredOn(f -> f.code().equals("INV-005"))
                .singleElement()
                .satisfies(f -> assertThat(f.subject()).contains("127.0.0.1:1"));
        assertThat(InventoryMarkdown.render(report)).contains("could not be read");
    }

    private static Schema avro(String name, String moreFields) {
        return Schema.avro("{\"type\":\"record\",\"name\":\"" + name
                + "\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}" + moreFields + "]}");
    }

    private static void createTopic(EmbeddedCluster cluster, String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(EmbeddedCluster cluster, String topic, byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                cluster.adminClientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static void writeWorkspace(Path ws, EmbeddedCluster cluster, String registryUrl) {
        Map<String, String> plain = new LinkedHashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> plain.put(k, String.valueOf(v)));
        CutoverYamlWriter.write(
                ws,
                Map.of(
                        "source",
                        new ProfileSpec(plain, Map.of(), List.of(), Duration.ofSeconds(20))
                                .withSchemaRegistry(registryUrl)));
        AtomicFiles.write(ws.resolve(Workspace.WORKLOADS_FILE), "version: 1\nworkloads: []\n");
    }
}
