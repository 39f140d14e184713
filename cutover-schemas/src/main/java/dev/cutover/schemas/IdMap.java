package dev.cutover.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The exact source schema id → target schema id map that {@code schemas sync} builds: for every schema id of the
 * source registry it synced, the id under which the target registry holds the same schema (the same type, text and
 * references, resolved to the target's subjects and versions). An id absent from the map is not known to resolve on
 * the target. Equal ids (kept in IMPORT mode, or equal by chance) are in the map too: presence means "checked".
 *
 * <p>Stored in the workspace as {@code schemas/<source profile>-to-<target profile>.json}, written atomically, so the
 * link, {@code verify} and readiness read what the last sync proved.
 */
public record IdMap(
        String sourceProfile,
        String targetProfile,
        String sourceUrl,
        String targetUrl,
        Instant syncedAt,
        Map<Integer, Integer> ids) {
    public static final String DIR = "schemas";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public IdMap {
        Objects.requireNonNull(sourceProfile, "sourceProfile");
        Objects.requireNonNull(targetProfile, "targetProfile");
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        Objects.requireNonNull(targetUrl, "targetUrl");
        Objects.requireNonNull(syncedAt, "syncedAt");
        ids = Collections.unmodifiableMap(new TreeMap<>(ids));
    }

    public OptionalInt target(int sourceId) {
        Integer id = ids.get(sourceId);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The source ids whose target id differs. */
    public Map<Integer, Integer> changed() {
        Map<Integer, Integer> out = new TreeMap<>();
        ids.forEach((s, t) -> {
            if (!s.equals(t)) {
                out.put(s, t);
            }
        });
        return out;
    }

    public static Path file(Path workspace, String sourceProfile, String targetProfile) {
        return workspace.resolve(DIR).resolve(sourceProfile + "-to-" + targetProfile + ".json");
    }

    /** The stored map between two profiles, or empty when no sync has stored one. */
    public static java.util.Optional<IdMap> load(Path workspace, String sourceProfile, String targetProfile) {
        Path file = file(workspace, sourceProfile, targetProfile);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            Map<Integer, Integer> ids = new TreeMap<>();
            root.path("ids")
                    .forEach(n ->
                            ids.put(n.path("source").asInt(), n.path("target").asInt()));
            return java.util.Optional.of(new IdMap(
                    root.path("sourceProfile").asText(sourceProfile),
                    root.path("targetProfile").asText(targetProfile),
                    root.path("sourceRegistry").asText(""),
                    root.path("targetRegistry").asText(""),
                    Instant.parse(root.path("syncedAt").asText(Instant.EPOCH.toString())),
                    ids));
        } catch (IOException | RuntimeException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "cannot read the schema id map " + file + " ("
                            + e.getClass().getSimpleName() + ")",
                    "run 'cutover schemas sync' again: it rewrites the file");
        }
    }

    /** Writes the map atomically. */
    public Path save(Path workspace) {
        ObjectNode root = JSON.createObjectNode()
                .put("sourceProfile", sourceProfile)
                .put("targetProfile", targetProfile)
                .put("sourceRegistry", sourceUrl)
                .put("targetRegistry", targetUrl)
                .put("syncedAt", syncedAt.toString());
        ArrayNode entries = root.putArray("ids");
        ids.forEach((s, t) -> entries.addObject().put("source", s).put("target", t));
        Path file = file(workspace, sourceProfile, targetProfile);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "cannot write the schema id map " + file + " (" + e.getMessage() + ")",
                    "check that the workspace directory is writable");
        }
        return file;
    }
}
