package dev.cutover.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.sandbox.registry.ApicurioRegistry;
import dev.cutover.sandbox.registry.RegistryDistribution;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two real Apicurio registries from the fixture: separate stores, the Confluent-compatible API, and the reset. */
@ExtendWith(RegistriesExtension.class)
class SchemaRegistriesIT {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String SCHEMA =
            "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void aSchemaRegisteredInOneRegistryIsReadBackThereAndAbsentFromTheOther(
            @Registry("source") ApicurioRegistry source, @Registry("target") ApicurioRegistry target) throws Exception {
        System.err.printf(
                "registries started in %d ms (source) and %d ms (target), in parallel%n",
                source.startTime().toMillis(), target.startTime().toMillis());
        assertThat(source.url()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
        assertThat(source.port()).isNotEqualTo(target.port());

        // When a schema is registered in the source
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("schema", SCHEMA));
        HttpResponse<String> registered =
                send(HttpRequest.newBuilder(URI.create(source.url() + "/subjects/x-value/versions"))
                        .header("Content-Type", CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));

        // Then the source returns it by subject and version, and by id
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        int id = JSON.readTree(registered.body()).get("id").asInt();
        JsonNode latest = json(source.url() + "/subjects/x-value/versions/latest");
        assertThat(latest.get("subject").asText()).isEqualTo("x-value");
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("id").asInt()).isEqualTo(id);
        assertThat(JSON.readTree(latest.get("schema").asText())).isEqualTo(JSON.readTree(SCHEMA));
        assertThat(JSON.readTree(
                        json(source.url() + "/schemas/ids/" + id).get("schema").asText()))
                .isEqualTo(JSON.readTree(SCHEMA));
        assertThat(json(source.url() + "/subjects"))
                .containsExactly(JSON.getNodeFactory().textNode("x-value"));

        // And the target, a separate server, holds nothing
        assertThat(json(target.url() + "/subjects")).isEmpty();
        assertThat(send(HttpRequest.newBuilder(URI.create(target.url() + "/subjects/x-value/versions/latest")))
                        .statusCode())
                .isEqualTo(404);

        // When the source is reset
        assertThat(SchemaRegistries.deleteAllSubjects(source.url())).containsExactly("x-value");

        // Then it holds no subject, not even a soft-deleted one
        assertThat(json(source.url() + "/subjects?deleted=true")).isEmpty();
    }

    @Test
    void theBuildFetchedTheArchiveThatTheCodeLooksFor() {
        // Under Maven the test JVM is told the local repository; the archive the testkit's POM declares must be the
        // one RegistryDistribution expects (the two version numbers are kept in step by hand).
        if (System.getProperty("maven.repo.local") != null) {
            assertThat(RegistryDistribution.defaults().localArchive()).isRegularFile();
            assertThat(Files.exists(RegistryDistribution.defaults().localArchive()))
                    .isTrue();
        }
    }

    private JsonNode json(String uri) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(uri)));
        assertThat(r.statusCode()).as("GET " + uri + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
