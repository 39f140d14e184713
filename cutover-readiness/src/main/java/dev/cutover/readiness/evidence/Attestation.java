package dev.cutover.readiness.evidence;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Workspace;
import dev.cutover.readiness.Area;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A person's statement that a workload is ready in an area, backed by a file (a test log, a screenshot, a runbook):
 * what {@code cutover evidence add} records. The file is referenced, not copied (relative to the workspace when it is
 * inside it), with its SHA-256 so a later change to it shows.
 */
public final class Attestation {
    private Attestation() {}

    /** What to attest. {@code details} are extra key/value facts, e.g. {@code clientSoftware=apache-kafka-java/3.9.1}. */
    public record Request(
            String workload,
            String area,
            Path file,
            String by,
            Evidence.Result result,
            Optional<String> note,
            Map<String, String> details) {
        public Request {
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(area, "area");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(note, "note");
            details = Map.copyOf(details);
        }
    }

    /**
     * Validates the request against the workspace (known workload and area, readable file), then writes the evidence.
     * Unknown values are {@code USAGE} errors listing the valid ones.
     *
     * @param targetClusterId asked only once the request is valid (it may contact the target)
     */
    public static StoredEvidence add(
            Workspace ws, Request request, Provenance provenance, Supplier<Optional<String>> targetClusterId) {
        List<String> workloads = ws.workloads().names();
        if (!workloads.contains(request.workload())) {
            throw new CutoverException(
                    Reason.USAGE,
                    "no workload '" + request.workload() + "' in " + ws.dir().resolve(Workspace.WORKLOADS_FILE)
                            + (workloads.isEmpty()
                                    ? " (it has none)"
                                    : "; its workloads are: " + String.join(", ", workloads)),
                    workloads.isEmpty()
                            ? "add the workload to workloads.yaml first"
                            : "pass one of: " + String.join(", ", workloads));
        }
        Area area = Area.fromYaml(request.area())
                .orElseThrow(() -> new CutoverException(
                        Reason.USAGE,
                        "unknown area '" + request.area() + "'; the areas are: " + String.join(", ", Area.yamlNames()),
                        "pass one of: " + String.join(", ", Area.yamlNames())));
        if (request.by().isBlank()) {
            throw new CutoverException(Reason.USAGE, "--by is empty", "name who attests, e.g. --by alice@example.com");
        }
        Path file = request.file();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CutoverException(
                    Reason.USAGE,
                    "evidence file " + file + " does not exist or is not a readable file",
                    "pass the file that shows it (a test log, a report, a runbook)");
        }
        Map<String, String> details = new LinkedHashMap<>(request.details());
        request.note().ifPresent(n -> details.put("note", n));
        Evidence evidence = provenance.evidence(
                Evidence.ATTESTATION,
                request.workload(),
                area,
                request.by(),
                targetClusterId.get().orElse(null),
                request.result(),
                details,
                reference(ws.dir(), file),
                sha256(file));
        return new StoredEvidence(EvidenceStore.write(ws.dir(), evidence), evidence);
    }

    static String reference(Path workspaceDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path root = workspaceDir.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    static String sha256(Path file) {
        // A FIFO or a device would block or never end: only a regular file is hashed (exit 2 otherwise).
        dev.cutover.config.InputFiles.requireRegular(file);
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.USAGE, "cannot read evidence file " + file + ": " + e.getMessage(), "check the file");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
