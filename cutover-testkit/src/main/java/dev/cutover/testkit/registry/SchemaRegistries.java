package dev.cutover.testkit.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.sandbox.registry.ApicurioRegistries;
import dev.cutover.sandbox.registry.JavaRuntime;
import dev.cutover.sandbox.registry.JavaRuntimes;
import dev.cutover.sandbox.registry.RegistryDistribution;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Real schema registries for tests: the Java 21+ they need (or a skip/failure saying why there is none), fresh
 * registries, and a reset of one.
 */
public final class SchemaRegistries {
    /** {@code required}: tests fail, instead of being skipped, when no Java 21+ is found. CI sets it. */
    public static final String REQUIRED_ENV = "CUTOVER_REGISTRY_TESTS";

    public static final String SOURCE = "source";
    public static final String TARGET = "target";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaRegistries() {}

    /** Whether a missing Java 21+ fails tests (CI) rather than skipping them. */
    public static boolean required() {
        return "required"
                .equalsIgnoreCase(
                        Optional.ofNullable(System.getenv(REQUIRED_ENV)).orElse(""));
    }

    /** The Java 21+ for registries: skips the test (JUnit assumption) without one, or fails it if {@link #required}. */
    public static JavaRuntime java() {
        JavaRuntimes.Search search = JavaRuntimes.find(JavaRuntimes.REGISTRY_MINIMUM);
        if (search.runtime().isEmpty()) {
            String why = "schema registry tests need Java " + JavaRuntimes.REGISTRY_MINIMUM + "+ (set "
                    + JavaRuntimes.ENV + " to a JDK home): " + search.whyNot();
            if (required()) {
                throw new AssertionError(why + " (" + REQUIRED_ENV + "=required)");
            }
            Assumptions.abort(why);
        }
        return search.runtime().get();
    }

    /** The unpacked distribution, from the local Maven repository or the cache (downloaded if neither has it). */
    public static Path distribution() {
        return RegistryDistribution.defaults().home(line -> System.err.println("[registry] " + line));
    }

    /**
     * New, empty registries by name (in parallel), logging to {@code target/registry-logs}; the caller closes them.
     * Skips or fails as {@link #java()} does without a Java 21+.
     */
    public static ApicurioRegistries startFresh(String... names) {
        return ApicurioRegistries.start(List.of(names), java(), distribution(), logDir());
    }

    static Path logDir() {
        return Path.of("target", "registry-logs").toAbsolutePath();
    }

    /**
     * Deletes every subject permanently (a soft delete first, as the API requires, then {@code ?permanent=true}), so
     * the registry is empty for the next test. Ids are not reused afterwards: a test that needs ids to start from 1
     * needs {@link #startFresh}. Returns the subjects deleted.
     */
    public static List<String> deleteAllSubjects(String url) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<String> subjects = parseStrings(call(http, "GET", url + "/subjects?deleted=true"));
        for (String subject : subjects) {
            String path = url + "/subjects/" + encode(subject);
            call(http, "DELETE", path);
            call(http, "DELETE", path + "?permanent=true");
        }
        List<String> left = parseStrings(call(http, "GET", url + "/subjects?deleted=true"));
        if (!left.isEmpty()) {
            throw new AssertionError("subjects left in " + url + " after deleting them all: " + left);
        }
        return subjects;
    }

    private static String call(HttpClient http, String method, String uri) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(uri))
                            .timeout(Duration.ofSeconds(30))
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            // 404 on the soft delete of a subject already soft-deleted is expected.
            if (r.statusCode() / 100 != 2 && !(method.equals("DELETE") && r.statusCode() == 404)) {
                throw new AssertionError(method + " " + uri + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError(method + " " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + method + " " + uri, e);
        }
    }

    /** The strings of a JSON array of strings, e.g. {@code ["a-value","b-key"]}. */
    static List<String> parseStrings(String jsonArray) {
        try {
            return List.of(JSON.readValue(jsonArray, String[].class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON array of strings: " + jsonArray, e);
        }
    }

    private static String encode(String subject) {
        return java.net.URLEncoder.encode(subject, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
