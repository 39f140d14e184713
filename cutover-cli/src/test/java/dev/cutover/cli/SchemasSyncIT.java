package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.sandbox.registry.ApicurioRegistry;
import dev.cutover.schemas.IdMap;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SchemaReference;
import dev.cutover.testkit.registry.RegistriesExtension;
import dev.cutover.testkit.registry.Registry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover schemas sync} on the command line: its output and exit codes against two real registries (Apicurio
 * 3.3.3), an unreachable registry and a profile without {@code schemaRegistry}. The sync itself is tested in
 * cutover-schemas ({@code SchemaSyncIT}).
 */
@ExtendWith(RegistriesExtension.class)
class SchemasSyncIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path ws;

    @Test
    void syncsPrintsWhatItDidAndAgainSaysThereIsNothingToChange(
            @Registry("source") ApicurioRegistry source, @Registry("target") ApicurioRegistry target)
            throws IOException {
        // Given: a subject referencing another, and a target that holds another schema
        RegistryClient src =
                RegistryClient.of(SchemaRegistrySettings.of("source", source.url()), Duration.ofSeconds(30));
        RegistryClient dst =
                RegistryClient.of(SchemaRegistrySettings.of("target", target.url()), Duration.ofSeconds(30));
        String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"com.example\","
                + "\"fields\":[{\"name\":\"street\",\"type\":\"string\"}]}";
        String order = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.example\","
                + "\"fields\":[{\"name\":\"address\",\"type\":\"com.example.Address\"}]}";
        dst.register("legacy-value", Schema.avro("\"string\""), OptionalInt.empty(), OptionalInt.empty());
        src.register("common-address", Schema.avro(address), OptionalInt.empty(), OptionalInt.empty());
        src.register(
                "orders-value",
                new Schema(
                        Schema.AVRO, order, List.of(new SchemaReference("com.example.Address", "common-address", 1))),
                OptionalInt.empty(),
                OptionalInt.empty());
        workspace(source.url(), target.url());

        // When: a dry run
        Cli.Result dry =
                Cli.run("schemas", "sync", "--workspace", ws.toString(), "--subjects", "orders-value", "--dry-run");

        // Then
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("(dry run: nothing written)", "would register", "synced because orders-value");
        assertThat(dst.subjects(true)).containsExactly("legacy-value");
        assertThat(IdMap.file(ws, "source", "target")).doesNotExist();

        // When: the sync, as JSON
        Cli.Result run = Cli.run(
                "schemas", "sync", "--workspace", ws.toString(), "--subjects", "orders-value", "--output", "json");

        // Then
        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(java.util.stream.StreamSupport.stream(json.path("subjects").spliterator(), false)
                        .map(n -> n.path("subject").asText()))
                .containsExactly("common-address", "orders-value");
        assertThat(json.path("idMap").path("write").asText()).isEqualTo("written");
        IdMap map = IdMap.load(ws, "source", "target").orElseThrow();
        assertThat(map.ids()).hasSize(2);
        map.ids().forEach((s, t) -> assertThat(dst.schemaById(t).orElseThrow().text())
                .isEqualTo(src.schemaById(s).orElseThrow().text()));

        // When: again
        Cli.Result again = Cli.run("schemas", "sync", "--workspace", ws.toString(), "--subjects", "orders-value");

        // Then
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("**Nothing to change**", "Id map unchanged");
    }

    @Test
    void anUnreachableRegistryIsExit3NamingTheProfileAndTheUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        workspace("http://127.0.0.1:" + port, "http://127.0.0.1:" + port);

        Cli.Result result = Cli.run("schemas", "sync", "--workspace", ws.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        assertThat(result.err())
                .contains("the schema registry of profile 'source' (http://127.0.0.1:" + port + ") is unreachable")
                .contains("check schemaRegistry.url of profile 'source'");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aProfileWithoutSchemaRegistryIsExit2NamingTheKeyToAdd() throws IOException {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                """
                version: 1
                clusters:
                  source:
                    properties: {bootstrap.servers: "127.0.0.1:1"}
                    schemaRegistry: {url: "http://127.0.0.1:1"}
                  target:
                    properties: {bootstrap.servers: "127.0.0.1:2"}
                """);

        Cli.Result result = Cli.run("schemas", "sync", "--workspace", ws.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err())
                .contains("profile 'target'", "has no schemaRegistry", "clusters.target.schemaRegistry.url");
    }

    @Test
    void helpTeachesIdsTheMapAndExitCodes() {
        Cli.Result help = Cli.run("schemas", "sync", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("references first", "IMPORT mode", "WORKSPACE/schemas/SOURCE-to-TARGET.json")
                .contains("Idempotent", "0 done", "1 partly refused", "3 registry unreachable or denied");
    }

    private void workspace(String sourceUrl, String targetUrl) throws IOException {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                """
                version: 1
                clusters:
                  source:
                    properties: {bootstrap.servers: "127.0.0.1:1"}
                    schemaRegistry: {url: "%s"}
                  target:
                    properties: {bootstrap.servers: "127.0.0.1:2"}
                    schemaRegistry: {url: "%s"}
                """
                        .formatted(sourceUrl, targetUrl));
    }
}
