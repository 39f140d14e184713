package dev.cutover.inventory.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.config.InputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The client software (KIP-511 {@code name/version}) the last saved inventory ({@code reports/inventory.json})
 * attributed to one workload. Used to choose what to test, never as a verdict: a missing or unreadable report gives
 * nothing.
 */
public final class SavedSoftware {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private SavedSoftware() {}

    /** e.g. {@code [apache-kafka-java/3.9.1]}; empty when the report is absent, unreadable or does not know it. */
    public static List<String> of(Path inventoryJson, String workload) {
        if (!Files.isRegularFile(inventoryJson)) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(InputFiles.readBytes(inventoryJson, MAX_BYTES));
            List<String> software = new ArrayList<>();
            for (JsonNode w : root.path("workloads").path("workloads")) {
                if (workload.equals(w.path("name").asText())) {
                    w.path("clientSoftware").forEach(s -> software.add(s.asText()));
                }
            }
            return List.copyOf(software);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
