package dev.cutover.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.api.Reason;
import dev.cutover.config.Redactor;
import dev.cutover.config.SchemaRegistrySettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A client of a schema registry's Confluent-compatible REST API (Confluent Schema Registry, Apicurio's
 * {@code /apis/ccompat/v7}, Karapace, Redpanda's): subjects, versions, ids, references, compatibility and modes. Reads
 * are plain GETs; every write is one call whose effect the caller reports. Errors name the profile and the registry;
 * a missing subject, version or id is an empty answer, not an error.
 */
public final class RegistryClient {
    /** Confluent's error codes this client tells apart. */
    public static final int SUBJECT_NOT_FOUND = 40401;

    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_CONFIG_NOT_FOUND = 40408;
    public static final int SUBJECT_MODE_NOT_FOUND = 40409;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A subject and version that use a schema id. */
    public record Usage(String subject, int version) {}

    private final RegistryHttp http;

    private RegistryClient(RegistryHttp http) {
        this.http = http;
    }

    public static RegistryClient of(SchemaRegistrySettings settings, Duration timeout) {
        return new RegistryClient(RegistryHttp.of(settings, timeout));
    }

    /** The registry's base URL, safe to print. */
    public String url() {
        return Redactor.redactText(http.base());
    }

    /** "the schema registry of profile 'P' (URL)", for messages. */
    public String describe() {
        return http.where();
    }

    public List<String> subjects(boolean includeDeleted) {
        JsonNode body = ok(http.get("/subjects" + (includeDeleted ? "?deleted=true" : "")), "list subjects");
        List<String> out = new ArrayList<>();
        body.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The subject's version numbers, ascending; empty when the subject does not exist. */
    public List<Integer> versions(String subject, boolean includeDeleted) {
        RegistryHttp.Response r =
                http.get("/subjects/" + encode(subject) + "/versions" + (includeDeleted ? "?deleted=true" : ""));
        if (r.status() == 404) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        ok(r, "list versions of " + subject).forEach(n -> out.add(n.asInt()));
        out.sort(Integer::compare);
        return out;
    }

    /**
     * One version, soft-deleted ones included. {@link SubjectVersion#deleted()} is false here: whether it is
     * soft-deleted shows in {@link #versions} without {@code includeDeleted} (see {@link RegistrySnapshot}).
     */
    public Optional<SubjectVersion> version(String subject, int version) {
        RegistryHttp.Response r = http.get("/subjects/" + encode(subject) + "/versions/" + version + "?deleted=true");
        if (r.status() == 404) {
            return Optional.empty();
        }
        JsonNode body = ok(r, "read " + subject + " v" + version);
        return Optional.of(new SubjectVersion(
                subject, body.path("version").asInt(version), body.path("id").asInt(), schemaOf(body), false));
    }

    /** The schema registered under a global id, or empty when this registry has no such id. */
    public Optional<Schema> schemaById(int id) {
        RegistryHttp.Response r = http.get("/schemas/ids/" + id);
        if (r.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(schemaOf(ok(r, "read schema id " + id)));
    }

    /** The subjects and versions that use a global id (soft-deleted ones included). */
    public List<Usage> usages(int id) {
        RegistryHttp.Response r = http.get("/schemas/ids/" + id + "/versions?deleted=true");
        if (r.status() == 404) {
            return List.of();
        }
        List<Usage> out = new ArrayList<>();
        ok(r, "list the versions of schema id " + id)
                .forEach(n -> out.add(
                        new Usage(n.path("subject").asText(), n.path("version").asInt())));
        return out;
    }

    /**
     * Looks a schema up under a subject: the version that holds it (soft-deleted ones too when asked), or empty when
     * the subject does not hold it or does not exist.
     */
    public Optional<SubjectVersion> lookup(String subject, Schema schema, boolean includeDeleted) {
        RegistryHttp.Response r = http.post(
                "/subjects/" + encode(subject) + (includeDeleted ? "?deleted=true" : ""),
                body(schema, OptionalInt.empty(), OptionalInt.empty()));
        if (r.status() == 404) {
            return Optional.empty();
        }
        JsonNode body = ok(r, "look up a schema under " + subject);
        Schema stored = schemaOf(body);
        return Optional.of(new SubjectVersion(
                subject,
                body.path("version").asInt(),
                body.path("id").asInt(),
                stored.text().isEmpty() ? schema : stored,
                false));
    }

    /**
     * Registers a schema under a subject and returns the id the registry gave it. With {@code id} (and optionally
     * {@code version}) the registry is asked to keep them: Confluent's registry does so in IMPORT mode; check the
     * returned id, since some registries ignore the request.
     */
    public int register(String subject, Schema schema, OptionalInt id, OptionalInt version) {
        RegistryHttp.Response r = http.post("/subjects/" + encode(subject) + "/versions", body(schema, id, version));
        return ok(r, "register a schema under " + subject).path("id").asInt();
    }

    /**
     * The compatibility level of a subject as the registry answers {@code GET /config/{subject}}: Confluent's answers
     * 404 (empty here) when the subject has none of its own; Apicurio 3.3.3 answers NONE then, whatever the global
     * level. Use {@link #effectiveCompatibility} for the level that applies.
     */
    public Optional<String> subjectCompatibility(String subject) {
        RegistryHttp.Response r = http.get("/config/" + encode(subject));
        if (r.status() == 404) {
            return Optional.empty();
        }
        return level(ok(r, "read the compatibility of " + subject));
    }

    /**
     * The level that applies to a subject ({@code GET /config/{subject}?defaultToGlobal=true}): its own, else the
     * global one. Empty when the registry does not know the subject (Apicurio answers 40401; the global level applies).
     */
    public Optional<String> effectiveCompatibility(String subject) {
        RegistryHttp.Response r = http.get("/config/" + encode(subject) + "?defaultToGlobal=true");
        if (r.status() == 404) {
            return Optional.empty();
        }
        return level(ok(r, "read the compatibility of " + subject));
    }

    /** The registry's global compatibility level. */
    public String globalCompatibility() {
        return level(ok(http.get("/config"), "read the global compatibility")).orElse("BACKWARD");
    }

    public void setCompatibility(Optional<String> subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        ok(
                http.put("/config" + subject.map(s -> "/" + encode(s)).orElse(""), body.toString()),
                "set the compatibility of " + subject.orElse("the registry") + " to " + level);
    }

    /**
     * Removes a subject's own compatibility level, so that it follows the global one again. Apicurio 3.3.3 keeps a
     * subject level of NONE through this call (measured): check {@link #effectiveCompatibility} afterwards.
     */
    public void deleteSubjectCompatibility(String subject) {
        RegistryHttp.Response r = http.delete("/config/" + encode(subject));
        if (r.status() != 404) {
            ok(r, "remove the compatibility level of " + subject);
        }
    }

    /** The mode (READWRITE, READONLY, IMPORT) of the registry, or of a subject when it has one of its own. */
    public Optional<String> mode(Optional<String> subject) {
        RegistryHttp.Response r =
                http.get("/mode" + subject.map(s -> "/" + encode(s)).orElse(""));
        if (r.status() == 404) {
            return Optional.empty();
        }
        JsonNode mode =
                ok(r, "read the mode of " + subject.orElse("the registry")).path("mode");
        return mode.isTextual() ? Optional.of(mode.asText()) : Optional.empty();
    }

    /** Soft-deletes one version (or removes a soft-deleted one for good with {@code permanent}). */
    public void deleteVersion(String subject, int version, boolean permanent) {
        ok(
                http.delete(
                        "/subjects/" + encode(subject) + "/versions/" + version + (permanent ? "?permanent=true" : "")),
                (permanent ? "permanently delete " : "soft-delete ") + subject + " v" + version);
    }

    private static String body(Schema schema, OptionalInt id, OptionalInt version) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.text());
        if (!Schema.AVRO.equals(schema.type())) {
            body.put("schemaType", schema.type());
        }
        if (!schema.references().isEmpty()) {
            ArrayNode refs = body.putArray("references");
            schema.references().forEach(ref -> refs.addObject()
                    .put("name", ref.name())
                    .put("subject", ref.subject())
                    .put("version", ref.version()));
        }
        id.ifPresent(i -> body.put("id", i));
        version.ifPresent(v -> body.put("version", v));
        return body.toString();
    }

    static Schema schemaOf(JsonNode body) {
        List<SchemaReference> refs = new ArrayList<>();
        body.path("references")
                .forEach(n -> refs.add(new SchemaReference(
                        n.path("name").asText(),
                        n.path("subject").asText(),
                        n.path("version").asInt())));
        return new Schema(
                body.path("schemaType").asText(Schema.AVRO), body.path("schema").asText(""), refs);
    }

    private static Optional<String> level(JsonNode body) {
        for (String key : List.of("compatibilityLevel", "compatibility")) {
            if (body.path(key).isTextual()) {
                return Optional.of(body.path(key).asText());
            }
        }
        return Optional.empty();
    }

    private JsonNode ok(RegistryHttp.Response r, String what) {
        JsonNode body = parse(r.body());
        if (r.status() / 100 == 2) {
            return body;
        }
        int code = body.path("error_code").asInt(r.status());
        String message = body.path("message").asText("");
        Reason reason = r.status() >= 500 ? Reason.CLUSTER_UNREACHABLE : Reason.PARTLY_REFUSED;
        throw new RegistryException(
                reason,
                r.status(),
                code,
                describe() + " refused to " + what + ": HTTP " + r.status() + ", error " + code
                        + (message.isBlank() ? "" : " (" + Redactor.redactText(truncate(message)) + ")"),
                r.status() >= 500 ? "check the registry's own log" : null);
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static String truncate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
