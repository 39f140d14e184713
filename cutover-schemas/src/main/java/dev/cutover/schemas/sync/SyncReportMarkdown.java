package dev.cutover.schemas.sync;

import dev.cutover.schemas.sync.SyncReport.Action;
import dev.cutover.schemas.sync.SyncReport.IdOutcome;
import dev.cutover.schemas.sync.SyncReport.Level;
import dev.cutover.schemas.sync.SyncReport.SubjectResult;
import dev.cutover.schemas.sync.SyncReport.VersionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code schemas sync}'s report as Markdown: a summary, one table row per version, then ids, levels and the map. */
public final class SyncReportMarkdown {
    private SyncReportMarkdown() {}

    public static String render(SyncReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Schemas sync")
                .append(r.dryRun() ? " (dry run: nothing written)" : "")
                .append("\n\n");
        md.append("From profile `")
                .append(r.sourceProfile())
                .append("` (")
                .append(r.sourceUrl())
                .append(") to profile `")
                .append(r.targetProfile())
                .append("` (")
                .append(r.targetUrl())
                .append("), subjects matching `")
                .append(r.subjectsPattern())
                .append("`.\n\n");
        md.append(summary(r)).append("\n\n");
        md.append("Global compatibility: ").append(level(r.global())).append(".\n\n");
        if (!r.subjects().isEmpty()) {
            md.append("| subject | version | source id | target version | target id | ids | result |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
            for (SubjectResult s : r.subjects()) {
                for (VersionResult v : s.versions()) {
                    md.append("| `")
                            .append(cell(s.subject()))
                            .append("` | ")
                            .append(v.sourceVersion())
                            .append(v.deleted() ? " (soft-deleted)" : "")
                            .append(" | ")
                            .append(v.sourceId())
                            .append(" | ")
                            .append(
                                    v.targetVersion().isPresent()
                                            ? v.targetVersion().getAsInt()
                                            : "—")
                            .append(" | ")
                            .append(v.targetId().isPresent() ? v.targetId().getAsInt() : "—")
                            .append(" | ")
                            .append(ids(v.idOutcome()))
                            .append(" | ")
                            .append(cell(result(r, v)))
                            .append(" |\n");
                }
            }
            md.append("\n## Subjects\n\n");
            for (SubjectResult s : r.subjects()) {
                md.append("- `").append(s.subject()).append("`: compatibility ").append(level(s.compatibility()));
                if (s.loweredToNone()) {
                    md.append(" (NONE while its versions were written)");
                }
                if (!s.referencedBy().isEmpty()) {
                    md.append("; synced because ")
                            .append(String.join(", ", s.referencedBy()))
                            .append(" reference it (outside the subjects asked for)");
                }
                if (!s.onlyOnTarget().isEmpty()) {
                    md.append("; only on the target, left as they are: versions ")
                            .append(s.onlyOnTarget());
                }
                md.append("\n");
            }
        }
        if (!r.onlyOnTarget().isEmpty()) {
            md.append("\nOnly on the target (left as they are): ")
                    .append(String.join(
                            ", ",
                            r.onlyOnTarget().stream().map(s -> "`" + s + "`").toList()))
                    .append(".\n");
        }
        if (!r.pinned().isEmpty()) {
            md.append("\nPinned to their level because the global level changed (subjects the source does not"
                    + " have, or outside the subjects asked for): ");
            md.append(String.join(
                            ", ",
                            r.pinned().stream().map(SyncReportMarkdown::pinned).toList()))
                    .append(".\n");
        }
        Map<Integer, Integer> changed = new TreeMap<>();
        r.ids().forEach((s, t) -> {
            if (!s.equals(t)) {
                changed.put(s, t);
            }
        });
        md.append("\n## Ids\n\n");
        if (changed.isEmpty()) {
            md.append(r.ids().isEmpty() ? "No id checked." : "Every id checked is the same on the target.");
        } else {
            md.append("Source id → target id where they differ: ");
            List<String> pairs = new ArrayList<>();
            changed.forEach((s, t) -> pairs.add(s + " → " + t));
            md.append(String.join(", ", pairs)).append(".");
        }
        md.append("\n\n").append(mapLine(r)).append("\n");
        if (!r.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append("\n"));
        }
        return md.toString();
    }

    private static String summary(SyncReport r) {
        long registered = count(r, Action.REGISTERED) + count(r, Action.WOULD_REGISTER);
        long present = count(r, Action.PRESENT);
        long softDeleted = r.subjects().stream()
                .flatMap(s -> s.versions().stream())
                .filter(VersionResult::softDeleted)
                .count();
        String verdict = r.failed() > 0
                ? "**Partly refused**: " + r.failed() + " refused or skipped (see the table)."
                : r.changes() == 0 ? "**Nothing to change**: the target already holds everything." : "**Done**.";
        return verdict + " " + r.subjects().size() + " subject(s); " + registered + " version(s) "
                + (r.dryRun() ? "would be registered" : "registered") + ", " + present + " already present, "
                + softDeleted + " soft-deleted" + (r.dryRun() ? " (would be)" : "") + ".";
    }

    private static long count(SyncReport r, Action action) {
        return r.subjects().stream().mapToLong(s -> s.count(action)).sum();
    }

    private static String result(SyncReport r, VersionResult v) {
        String text =
                switch (v.action()) {
                    case PRESENT -> "already present";
                    case REGISTERED -> "registered";
                    case WOULD_REGISTER -> "would register";
                    case REFUSED -> "refused";
                    case SKIPPED -> "skipped";
                };
        if (v.softDeleted()) {
            text += r.dryRun() ? ", would soft-delete" : ", soft-deleted";
        }
        String shown = text;
        return v.problem().map(p -> shown + ": " + p).orElse(shown);
    }

    private static String ids(IdOutcome outcome) {
        return switch (outcome) {
            case SAME -> "same";
            case KEPT -> "kept (IMPORT)";
            case MAPPED -> "mapped";
            case CONFLICT -> "conflict: id taken on the target, mapped";
            case IGNORED -> "mapped: the target ignored the explicit id";
            case UNKNOWN -> "—";
        };
    }

    private static String level(Level l) {
        String text =
                switch (l.action()) {
                    case UNCHANGED -> l.after() + " (unchanged)";
                    case SET -> l.changed() ? l.before() + " → " + l.after() + " (level set)" : l.after() + " (kept)";
                    case REMOVED ->
                        l.changed()
                                ? l.before() + " → " + l.after() + " (own level removed: follows the global one)"
                                : l.after() + " (follows the global one)";
                    case PINNED -> (l.changed() ? l.before() + " → " : "") + l.after() + " (set on the subject)";
                };
        return text + l.problem().map(p -> "; refused: " + p).orElse("");
    }

    private static String pinned(Level l) {
        return "`" + l.subject().orElse("") + "` at " + l.after()
                + l.problem().map(p -> " (refused: " + p + ")").orElse("");
    }

    private static String mapLine(SyncReport r) {
        return switch (r.map().write()) {
            case WRITTEN ->
                "Id map written: `" + r.map().path() + "` (" + r.map().entries() + " entries).";
            case UNCHANGED ->
                "Id map unchanged: `" + r.map().path() + "` (" + r.map().entries() + " entries).";
            case NOT_WRITTEN -> "Dry run: the id map `" + r.map().path() + "` was not written.";
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
