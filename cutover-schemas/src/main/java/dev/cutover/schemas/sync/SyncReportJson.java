package dev.cutover.schemas.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.sync.SyncReport.Level;
import dev.cutover.schemas.sync.SyncReport.SubjectResult;
import dev.cutover.schemas.sync.SyncReport.VersionResult;
import java.io.UncheckedIOException;
import java.util.Locale;

/** {@code schemas sync --output json}: the report as documented in docs/schemas.md ({@code "version": 1}). */
public final class SyncReportJson {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SyncReportJson() {}

    public static String render(SyncReport report) {
        ObjectNode root = JSON.createObjectNode()
                .put("version", VERSION)
                .put("kind", "schemas-sync")
                .put("source", report.sourceProfile())
                .put("target", report.targetProfile())
                .put("sourceRegistry", report.sourceUrl())
                .put("targetRegistry", report.targetUrl())
                .put("subjectsPattern", report.subjectsPattern())
                .put("dryRun", report.dryRun())
                .put("changes", report.changes())
                .put("failed", report.failed())
                .put("exitCode", report.exitCode());
        root.set("globalCompatibility", level(report.global()));
        ArrayNode subjects = root.putArray("subjects");
        report.subjects().forEach(s -> subjects.add(subject(s)));
        ArrayNode only = root.putArray("onlyOnTarget");
        report.onlyOnTarget().forEach(only::add);
        ArrayNode pinned = root.putArray("pinned");
        report.pinned().forEach(l -> pinned.add(level(l)));
        ArrayNode ids = root.putArray("ids");
        report.ids().forEach((s, t) -> ids.addObject().put("source", s).put("target", t));
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        root.putObject("idMap")
                .put("path", report.map().path().toString())
                .put("write", word(report.map().write()))
                .put("entries", report.map().entries());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode subject(SubjectResult s) {
        ObjectNode node = JSON.createObjectNode().put("subject", s.subject());
        ArrayNode by = node.putArray("referencedBy");
        s.referencedBy().forEach(by::add);
        ArrayNode versions = node.putArray("versions");
        s.versions().forEach(v -> versions.add(version(v)));
        node.set("compatibility", level(s.compatibility()));
        node.put("loweredToNoneWhileWriting", s.loweredToNone());
        ArrayNode only = node.putArray("onlyOnTargetVersions");
        s.onlyOnTarget().forEach(only::add);
        return node;
    }

    private static ObjectNode version(VersionResult v) {
        ObjectNode node = JSON.createObjectNode()
                .put("sourceVersion", v.sourceVersion())
                .put("sourceId", v.sourceId())
                .put("deleted", v.deleted())
                .put("action", word(v.action()));
        if (v.targetVersion().isPresent()) {
            node.put("targetVersion", v.targetVersion().getAsInt());
        } else {
            node.putNull("targetVersion");
        }
        if (v.targetId().isPresent()) {
            node.put("targetId", v.targetId().getAsInt());
        } else {
            node.putNull("targetId");
        }
        node.put("ids", word(v.idOutcome())).put("softDeleted", v.softDeleted());
        v.problem().ifPresentOrElse(p -> node.put("problem", p), () -> node.putNull("problem"));
        return node;
    }

    private static ObjectNode level(Level l) {
        ObjectNode node = JSON.createObjectNode();
        l.subject().ifPresent(s -> node.put("subject", s));
        node.put("before", l.before()).put("after", l.after()).put("action", word(l.action()));
        l.problem().ifPresent(p -> node.put("problem", p));
        return node;
    }

    static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
