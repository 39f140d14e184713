package dev.cutover.readiness.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The evidence of a workspace: one JSON file per record in {@code DIR/evidence/}, meant to be committed to git with
 * the change it supports.
 *
 * <p>File names sort by time and say what the file is: {@code <takenAt as yyyyMMdd'T'HHmmss'Z'>-<area>-<workload>-
 * <kind>-<4 random hex>.json}, with characters other than letters, digits, {@code . _ -} replaced by {@code _}. Files
 * are written atomically and never overwritten; nothing but files ending in {@code .json} is read.
 */
public final class EvidenceStore {
    public static final String DIR = "evidence";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EvidenceStore() {}

    /** Writes the evidence as a new file and returns its path relative to the workspace. */
    public static String write(Path workspaceDir, Evidence evidence) {
        Path dir = workspaceDir.resolve(DIR);
        String base = STAMP.format(evidence.takenAtInstant()) + "-"
                + evidence.area().yamlName() + "-" + slug(evidence.workload()) + "-" + slug(evidence.kind());
        Path file;
        do {
            byte[] suffix = new byte[2];
            RANDOM.nextBytes(suffix);
            file = dir.resolve(base + "-" + HexFormat.of().formatHex(suffix) + ".json");
        } while (Files.exists(file));
        AtomicFiles.write(file, toJson(evidence));
        return DIR + "/" + file.getFileName();
    }

    public static String toJson(Evidence evidence) {
        try {
            return JSON.writeValueAsString(evidence) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render evidence as JSON", e);
        }
    }

    /**
     * Every evidence file of the workspace, sorted by file name (so by time); none if there is no evidence directory.
     * A {@code .json} file that is not valid evidence, or not a regular file, is a {@code CONFIG_INVALID} error naming
     * it.
     */
    public static List<StoredEvidence> load(Path workspaceDir) {
        Path dir = workspaceDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            // Every *.json is read: one that is not a regular file is an error naming it, never skipped unsaid.
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "cannot list " + dir + ": " + e.getMessage(),
                    "check that the evidence directory is readable");
        }
        List<StoredEvidence> all = new ArrayList<>();
        for (Path file : files) {
            all.add(new StoredEvidence(DIR + "/" + file.getFileName(), read(file)));
        }
        return List.copyOf(all);
    }

    static Evidence read(Path file) {
        // A regular file of at most 4 MiB, strict UTF-8: a FIFO or a device dropped into evidence/ is named (exit 2),
        // never opened.
        String text = dev.cutover.config.InputFiles.readText(file);
        try {
            Evidence evidence = JSON.readValue(text, Evidence.class);
            if (evidence == null) {
                throw invalid(file, "is empty");
            }
            return evidence;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw invalid(file, "is not valid evidence: " + cause.getMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw invalid(file, "is not valid evidence JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private static CutoverException invalid(Path file, String problem) {
        return new CutoverException(
                Reason.CONFIG_INVALID,
                file + " " + Redactor.redactText(problem),
                "fix or delete the file: evidence is written by cutover commands and `cutover evidence add`"
                        + " (format: docs/readiness.md)");
    }

    static String slug(String text) {
        String s = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }
}
