package dev.cutover.readiness.evidence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cutover.config.Redactor;
import dev.cutover.readiness.Area;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One piece of evidence that a workload is ready in one decision area: a result a cutover command proved, or a
 * person's attestation. Stored as one JSON file under {@code DIR/evidence/} (see {@link EvidenceStore}); schema version
 * {@value #SCHEMA_VERSION}, documented in {@code docs/readiness.md}. Fields are only added within a version.
 *
 * <p>Invariant: no secret is ever part of it. Detail values are passed through {@link Redactor} here, in the
 * constructor, so every path that creates evidence (commands, attestations, files read back) is covered.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param kind what produced it: {@value #ATTESTATION}, {@value #OFFSETS_TRANSLATE}, {@value #OFFSETS_SYNC},
 *     {@value #PROBE}, {@value #VERIFY}; later issues add e.g. {@code rehearsal}
 * @param workload the workload it is about (a manifest name, or a group id no workload claims)
 * @param area the decision area it supports
 * @param producedBy the command that wrote it, e.g. {@code cutover offsets sync}
 * @param cutoverVersion the version of cutover that wrote it
 * @param host the machine it ran on
 * @param user the operating-system user it ran as
 * @param by who attests it (attestations), else {@code null}
 * @param takenAt when, ISO-8601 UTC
 * @param targetClusterId the id of the target cluster it was taken against, or {@code null} if it names none
 * @param result pass or fail
 * @param details what was proven, as text, sorted by key (e.g. {@code group}, {@code partitions}, {@code note})
 * @param file an attached file (relative to the workspace when inside it), or {@code null}
 * @param fileSha256 the SHA-256 of that file when the evidence was taken (hex), or {@code null}
 * @param preview true when it records what a command saw without doing it ({@code offsets translate}, {@code offsets
 *     sync --dry-run}): kept for people, never counted as a pass by readiness. Files written before the field existed
 *     have none; they are previews when their kind is {@value #OFFSETS_TRANSLATE} or their details say {@code
 *     dryRun=true}, as those commands wrote them.
 */
public record Evidence(
        int schemaVersion,
        String kind,
        String workload,
        Area area,
        String producedBy,
        String cutoverVersion,
        String host,
        String user,
        String by,
        String takenAt,
        String targetClusterId,
        Result result,
        Map<String, String> details,
        String file,
        String fileSha256,
        boolean preview) {
    public static final int SCHEMA_VERSION = 1;
    public static final String ATTESTATION = "attestation";
    public static final String OFFSETS_TRANSLATE = "offsets-translate";
    public static final String OFFSETS_SYNC = "offsets-sync";
    /** Written by {@code cutover probe}, one record per area it covers (protocol, topics, identity). */
    public static final String PROBE = "probe";
    /**
     * {@code cutover verify}: record-level parity of one linked topic (area topics), named by detail {@value
     * #TOPIC}; read by the topic rules ({@code TOPIC-013}, {@code TOPIC-014}).
     */
    public static final String VERIFY = "verify";
    /**
     * Written by a wave at the confirmation of a stateful move (Kafka Streams, read-process-write, Kafka Connect), area
     * state: what moved and the record-level comparison of its written topics; read by rule {@code STATE-005}.
     */
    public static final String WAVE_MOVE = "wave-move";
    /** Detail naming the consumer group that offsets evidence is about. */
    public static final String GROUP = "group";
    /** Detail naming the topic that verify evidence is about. */
    public static final String TOPIC = "topic";

    /** Whether the evidence shows the thing worked. */
    public enum Result {
        PASS,
        FAIL;

        @JsonValue
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Result fromYaml(String text) {
            return switch (text) {
                case "pass" -> PASS;
                case "fail" -> FAIL;
                default -> throw new IllegalArgumentException("result must be pass or fail, not '" + text + "'");
            };
        }
    }

    public Evidence {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + schemaVersion + " is not supported (this cutover"
                    + " reads version " + SCHEMA_VERSION + "); upgrade cutover");
        }
        requireText(kind, "kind");
        requireText(workload, "workload");
        Objects.requireNonNull(area, "area is required");
        requireText(producedBy, "producedBy");
        requireText(takenAt, "takenAt");
        try {
            Instant.parse(takenAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("takenAt '" + takenAt + "' is not an ISO-8601 UTC time");
        }
        Objects.requireNonNull(result, "result is required");
        Map<String, String> safe = new TreeMap<>();
        if (details != null) {
            details.forEach((k, v) -> safe.put(k, Redactor.redactValue(k, v)));
        }
        details = Collections.unmodifiableMap(safe);
        by = by == null ? null : Redactor.redactText(by);
        preview = preview || OFFSETS_TRANSLATE.equals(kind) || "true".equals(details.get("dryRun"));
    }

    /**
     * What one record of its kind is about, beside workload, area and kind: the topic for {@value #VERIFY} evidence
     * (one record per topic), else the group when it names one (offsets evidence, one per group), else empty. Only
     * the newest record of the same workload, area, kind and scope counts: a record about one topic or group never
     * replaces one about another.
     */
    public String scope() {
        String key = VERIFY.equals(kind) ? TOPIC : GROUP;
        return Objects.requireNonNullElse(details.get(key), "");
    }

    public Instant takenAtInstant() {
        return Instant.parse(takenAt);
    }

    public boolean passed() {
        return result == Result.PASS;
    }

    /** A pass that readiness may count: passed, and not a preview. */
    public boolean proves() {
        return passed() && !preview;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
