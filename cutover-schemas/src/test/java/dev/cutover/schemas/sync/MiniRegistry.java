package dev.cutover.schemas.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A minimal in-test registry that speaks only the part of the Confluent API that {@code schemas sync} uses, and honours
 * explicit ids in IMPORT mode as Confluent's registry does: an id must be given, an id held by another schema is
 * refused (42205). Apicurio ignores explicit ids, so this is what exercises the id-preserving path; it is not a
 * registry (no compatibility checks, no normalisation). A schema whose text contains {@code REFUSE} is refused (42201)
 * when {@code refuseMarked} is set.
 */
final class MiniRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Stored(String type, String text, JsonNode references) {}

    record Version(int version, int id, boolean deleted) {}

    private final HttpServer server;
    private final Map<Integer, Stored> schemas = new TreeMap<>();
    private final Map<String, List<Version>> subjects = new TreeMap<>();
    private final Map<String, String> levels = new LinkedHashMap<>();
    private final boolean refuseMarked;
    private String global = "BACKWARD";
    private String mode = "READWRITE";
    private int nextId = 1;

    MiniRegistry(boolean refuseMarked) {
        this.refuseMarked = refuseMarked;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void mode(String mode) {
        this.mode = mode;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String[] path = ex.getRequestURI().getRawPath().substring(1).split("/");
        for (int i = 0; i < path.length; i++) {
            path[i] = URLDecoder.decode(path[i], StandardCharsets.UTF_8);
        }
        String query = Optional.ofNullable(ex.getRequestURI().getQuery()).orElse("");
        boolean deleted = query.contains("deleted=true");
        JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
        Object answer;
        try {
            answer = route(method, path, deleted, body);
        } catch (Refusal r) {
            reply(
                    ex,
                    r.status,
                    JSON.createObjectNode().put("error_code", r.code).put("message", r.getMessage()));
            return;
        }
        reply(ex, 200, answer);
    }

    private Object route(String method, String[] p, boolean deleted, JsonNode body) {
        String first = p[0];
        if (first.equals("subjects") && p.length == 1) {
            ArrayNode out = JSON.createArrayNode();
            subjects.forEach((s, vs) -> {
                if (vs.stream().anyMatch(v -> deleted || !v.deleted())) {
                    out.add(s);
                }
            });
            return out;
        }
        if (first.equals("subjects") && p.length == 2 && method.equals("POST")) {
            Stored schema = stored(body);
            return versions(p[1]).stream()
                    .filter(v ->
                            (deleted || !v.deleted()) && schemas.get(v.id()).equals(schema))
                    .reduce((a, b) -> b.deleted() && !a.deleted() ? a : b)
                    .map(v -> version(p[1], v))
                    .orElseThrow(() -> new Refusal(404, 40403, "Schema not found"));
        }
        if (first.equals("subjects") && p.length == 3 && method.equals("GET")) {
            ArrayNode out = JSON.createArrayNode();
            versions(p[1]).stream().filter(v -> deleted || !v.deleted()).forEach(v -> out.add(v.version()));
            return out;
        }
        if (first.equals("subjects") && p.length == 3 && method.equals("POST")) {
            return JSON.createObjectNode().put("id", register(p[1], body));
        }
        if (first.equals("subjects") && p.length == 4) {
            int number = Integer.parseInt(p[3]);
            Version v = versions(p[1]).stream()
                    .filter(x -> x.version() == number && (deleted || method.equals("DELETE") || !x.deleted()))
                    .findFirst()
                    .orElseThrow(() -> new Refusal(404, 40402, "Version not found"));
            if (method.equals("DELETE")) {
                List<Version> list = subjects.get(p[1]);
                list.set(list.indexOf(v), new Version(v.version(), v.id(), true));
                return number;
            }
            return version(p[1], v);
        }
        if (first.equals("schemas") && p.length == 3) {
            Stored s = schemas.get(Integer.parseInt(p[2]));
            if (s == null) {
                throw new Refusal(404, 40403, "Schema not found");
            }
            return schemaNode(s);
        }
        if (first.equals("config")) {
            Optional<String> subject = p.length > 1 ? Optional.of(p[1]) : Optional.empty();
            if (method.equals("PUT")) {
                String level = body.path("compatibility").asText();
                subject.ifPresentOrElse(s -> levels.put(s, level), () -> global = level);
                return JSON.createObjectNode().put("compatibility", level);
            }
            if (method.equals("DELETE")) {
                String was = subject.map(levels::remove).orElseThrow(() -> new Refusal(404, 40408, "none"));
                return JSON.createObjectNode().put("compatibilityLevel", was == null ? global : was);
            }
            String level = subject.map(levels::get).orElse(global);
            return JSON.createObjectNode().put("compatibilityLevel", level == null ? global : level);
        }
        if (first.equals("mode")) {
            if (p.length > 1) {
                throw new Refusal(404, 40409, "Subject has no mode");
            }
            return JSON.createObjectNode().put("mode", mode);
        }
        throw new Refusal(404, 404, "not in this minimal registry: " + method + " /" + String.join("/", p));
    }

    private int register(String subject, JsonNode body) {
        Stored schema = stored(body);
        if (refuseMarked && schema.text().contains("REFUSE")) {
            throw new Refusal(422, 42201, "Invalid schema");
        }
        for (Version v : subjects.getOrDefault(subject, List.of())) {
            if (!v.deleted() && schemas.get(v.id()).equals(schema)) {
                return v.id();
            }
        }
        int id;
        if (mode.equals("IMPORT")) {
            if (!body.hasNonNull("id")) {
                throw new Refusal(422, 42205, "Subject " + subject + " is not in read-write mode");
            }
            id = body.get("id").asInt();
            Stored holder = schemas.get(id);
            if (holder != null && !holder.equals(schema)) {
                throw new Refusal(422, 42205, "Overwrite new schema with id " + id + " is not permitted.");
            }
        } else {
            if (body.hasNonNull("id")) {
                throw new Refusal(422, 42205, "Subject " + subject + " is not in import mode");
            }
            id = schemas.entrySet().stream()
                    .filter(e -> e.getValue().equals(schema))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(nextId);
        }
        schemas.put(id, schema);
        nextId = Math.max(nextId, id + 1);
        List<Version> list = subjects.computeIfAbsent(subject, k -> new ArrayList<>());
        int version = body.hasNonNull("version")
                ? body.get("version").asInt()
                : list.stream().mapToInt(Version::version).max().orElse(0) + 1;
        list.add(new Version(version, id, false));
        return id;
    }

    private List<Version> versions(String subject) {
        List<Version> list = subjects.get(subject);
        if (list == null) {
            throw new Refusal(404, 40401, "Subject '" + subject + "' not found.");
        }
        return list;
    }

    private ObjectNode version(String subject, Version v) {
        ObjectNode node = schemaNode(schemas.get(v.id()));
        return node.put("subject", subject).put("version", v.version()).put("id", v.id());
    }

    private static ObjectNode schemaNode(Stored s) {
        ObjectNode node = JSON.createObjectNode().put("schema", s.text());
        if (!s.type().equals("AVRO")) {
            node.put("schemaType", s.type());
        }
        if (s.references().size() > 0) {
            node.set("references", s.references());
        }
        return node;
    }

    private static Stored stored(JsonNode body) {
        return new Stored(
                body.path("schemaType").asText("AVRO"),
                body.path("schema").asText(),
                body.path("references").isArray() ? body.get("references") : JSON.createArrayNode());
    }

    private static void reply(HttpExchange ex, int status, Object answer) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(answer);
        ex.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final int code;

        Refusal(int status, int code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
