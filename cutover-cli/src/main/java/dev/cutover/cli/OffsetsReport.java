package dev.cutover.cli;

import dev.cutover.inventory.report.Markdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.link.groups.GroupSync;
import dev.cutover.link.groups.GroupSync.Committed;
import dev.cutover.link.groups.GroupSync.PartitionChange;
import dev.cutover.link.groups.GroupSync.Refusal;
import dev.cutover.link.groups.GroupSync.Refused;
import dev.cutover.link.groups.GroupSync.Skipped;
import dev.cutover.link.groups.GroupSync.WouldCommit;
import dev.cutover.link.groups.SyncOptions;
import dev.cutover.offsets.Direction;
import dev.cutover.offsets.OffsetTranslation;
import dev.cutover.offsets.OffsetTranslation.Exact;
import dev.cutover.offsets.OffsetTranslation.NoMap;
import dev.cutover.offsets.OffsetTranslation.NotCovered;
import dev.cutover.offsets.OffsetTranslation.NotYetReplicated;
import dev.cutover.offsets.TranslatedGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the {@code offsets} commands' results as Markdown or JSON.
 *
 * <p>JSON, version 1. {@code offsets translate}: {@code {version, kind: "offsets-translate", link, group, direction
 * ("forward"|"reverse"), from, to (cluster names), complete, partitions: [{topic, partition, status ("exact",
 * "not-yet-replicated", "not-covered", "no-map"), committed, translated, replicatedUpTo, behind, coveredFrom,
 * message}]}}; fields that do not apply to a status are null. {@code offsets sync}: {@code {version, kind:
 * "offsets-sync", link, direction, from, to, dryRun, allowRewind, allowActiveMembers (the reason, or null), waitMs, summary: {committed, wouldCommit, refused, skipped}, groups:
 * [{group, status ("committed", "would-commit", "refused", "skipped"), refusal (a {@link Refusal} name or null),
 * message, details: [text], partitions: [{topic, partition, committed, before (null if none), after}]}]}}.
 */
final class OffsetsReport {
    static final int VERSION = 1;

    private OffsetsReport() {}

    // --- JSON documents

    record TranslationDoc(
            int version,
            String kind,
            String link,
            String group,
            String direction,
            String from,
            String to,
            boolean complete,
            List<TranslationRow> partitions) {}

    record TranslationRow(
            String topic,
            int partition,
            String status,
            long committed,
            Long translated,
            Long replicatedUpTo,
            Long behind,
            Long coveredFrom,
            String message) {}

    record SyncDoc(
            int version,
            String kind,
            String link,
            String direction,
            String from,
            String to,
            boolean dryRun,
            boolean allowRewind,
            String allowActiveMembers,
            long waitMs,
            Summary summary,
            List<GroupDoc> groups) {}

    record Summary(long committed, long wouldCommit, long refused, long skipped) {}

    record GroupDoc(
            String group,
            String status,
            String refusal,
            String message,
            List<String> details,
            List<ChangeRow> partitions) {}

    record ChangeRow(String topic, int partition, long committed, Long before, long after) {}

    // --- translate

    static String translation(String link, TranslatedGroup t, OutputFormat format) {
        List<TranslationRow> rows =
                t.partitions().stream().map(OffsetsReport::row).toList();
        if (format == OutputFormat.JSON) {
            return ReportFiles.json(new TranslationDoc(
                    VERSION,
                    "offsets-translate",
                    link,
                    t.group(),
                    lower(t.direction()),
                    t.direction().from(),
                    t.direction().to(),
                    t.complete(),
                    rows));
        }
        String from = t.direction().from();
        String to = t.direction().to();
        Markdown md = new Markdown().heading(1, "Offsets of group " + t.group() + ": " + from + " → " + to);
        long exact = t.only(Exact.class).size();
        md.paragraph("Link " + Markdown.code(link) + ". " + exact + " of "
                + t.partitions().size()
                + " committed partition(s) translate exactly"
                + (t.complete() ? "." : "; the others say why not (nothing is guessed)."));
        if (t.partitions().isEmpty()) {
            md.paragraph("The group has no committed offsets on the " + from + ": check its name.");
        }
        List<List<String>> table = new ArrayList<>();
        for (TranslationRow r : rows) {
            table.add(List.of(
                    Markdown.code(r.topic()),
                    String.valueOf(r.partition()),
                    String.valueOf(r.committed()),
                    r.translated() == null ? "—" : String.valueOf(r.translated()),
                    Markdown.text(r.status() + (r.message() == null ? "" : ": " + r.message()))));
        }
        md.table(List.of("topic", "partition", "committed (" + from + ")", "offset on " + to, "status"), table);
        return md.toString();
    }

    private static TranslationRow row(OffsetTranslation p) {
        String topic = p.partition().topic();
        int partition = p.partition().partition();
        if (p instanceof Exact e) {
            return new TranslationRow(
                    topic, partition, p.status(), e.committed(), e.translated(), null, null, null, null);
        }
        if (p instanceof NotYetReplicated n) {
            return new TranslationRow(
                    topic,
                    partition,
                    p.status(),
                    n.committed(),
                    null,
                    n.replicatedUpTo(),
                    n.behind(),
                    null,
                    "the link is at " + n.replicatedUpTo() + ", at most " + n.behind() + " record(s) behind");
        }
        if (p instanceof NotCovered n) {
            return new TranslationRow(
                    topic,
                    partition,
                    p.status(),
                    n.committed(),
                    null,
                    null,
                    null,
                    n.coveredFrom(),
                    "the link started at " + n.coveredFrom() + "; " + n.why());
        }
        NoMap n = (NoMap) p;
        return new TranslationRow(
                topic,
                partition,
                p.status(),
                n.committed(),
                null,
                null,
                null,
                null,
                "the link has no offset map for this partition (it does not replicate it)");
    }

    // --- sync

    static String sync(String link, SyncOptions options, List<GroupSync> results, OutputFormat format) {
        Direction d = options.direction();
        List<GroupDoc> groups = results.stream().map(g -> group(g, d)).toList();
        Summary summary = new Summary(
                count(results, Committed.class),
                count(results, WouldCommit.class),
                count(results, Refused.class),
                count(results, Skipped.class));
        if (format == OutputFormat.JSON) {
            return ReportFiles.json(new SyncDoc(
                    VERSION,
                    "offsets-sync",
                    link,
                    lower(d),
                    d.from(),
                    d.to(),
                    options.dryRun(),
                    options.allowRewind(),
                    options.allowActiveMembers().orElse(null),
                    options.waitTimeout().toMillis(),
                    summary,
                    groups));
        }
        Markdown md = new Markdown()
                .heading(
                        1,
                        "Offset sync: " + d.from() + " → " + d.to()
                                + (options.dryRun() ? " (dry run: nothing written)" : ""));
        md.paragraph("Link " + Markdown.code(link) + ": " + summary.committed() + " committed, "
                + summary.wouldCommit() + " would commit, " + summary.refused() + " refused, " + summary.skipped()
                + " skipped.");
        md.table(
                List.of("group", "result", "detail"),
                groups.stream()
                        .map(g -> List.of(
                                Markdown.code(g.group()),
                                g.refusal() == null ? g.status() : g.status() + " (" + Markdown.code(g.refusal()) + ")",
                                Markdown.text(g.message())))
                        .toList());
        List<List<String>> changes = new ArrayList<>();
        for (GroupDoc g : groups) {
            for (ChangeRow c : g.partitions()) {
                changes.add(List.of(
                        Markdown.code(g.group()),
                        Markdown.code(c.topic()),
                        String.valueOf(c.partition()),
                        String.valueOf(c.committed()),
                        c.before() == null ? "—" : String.valueOf(c.before()),
                        String.valueOf(c.after())));
            }
        }
        if (!changes.isEmpty()) {
            md.heading(2, options.dryRun() ? "Offsets that would be committed" : "Committed offsets");
            md.table(
                    List.of("group", "topic", "partition", d.from() + " offset", d.to() + " before", d.to() + " after"),
                    changes);
        }
        List<GroupDoc> refused =
                groups.stream().filter(g -> g.refusal() != null).toList();
        if (!refused.isEmpty()) {
            md.heading(2, "Refused: what to do");
            List<String> items = new ArrayList<>();
            for (GroupDoc g : refused) {
                StringBuilder item = new StringBuilder(Markdown.code(g.group()) + " — " + Markdown.code(g.refusal())
                        + ": " + Markdown.text(hint(Refusal.valueOf(g.refusal()), d)));
                g.details().forEach(line -> item.append("\n  - ").append(Markdown.text(line)));
                items.add(item.toString());
            }
            md.bullets(items);
        }
        return md.toString();
    }

    private static GroupDoc group(GroupSync g, Direction d) {
        if (g instanceof Committed c) {
            return new GroupDoc(
                    g.group(),
                    g.status(),
                    null,
                    "committed on the " + d.to() + activeNote(c.activeOnSource(), d),
                    c.activeOnSource(),
                    rows(c.changes()));
        }
        if (g instanceof WouldCommit w) {
            return new GroupDoc(
                    g.group(),
                    g.status(),
                    null,
                    "would be committed (dry run)" + activeNote(w.activeOnSource(), d),
                    w.activeOnSource(),
                    rows(w.changes()));
        }
        if (g instanceof Refused r) {
            return new GroupDoc(g.group(), g.status(), r.refusal().name(), r.message(), r.details(), List.of());
        }
        Skipped s = (Skipped) g;
        return new GroupDoc(g.group(), g.status(), null, s.why(), List.of(), List.of());
    }

    private static String activeNote(List<String> members, Direction d) {
        return members.isEmpty()
                ? ""
                : ", although " + members.size() + " member(s) were active on the " + d.from()
                        + " (--allow-active-members)";
    }

    private static List<ChangeRow> rows(List<PartitionChange> changes) {
        return changes.stream()
                .map(c -> new ChangeRow(
                        c.partition().topic(),
                        c.partition().partition(),
                        c.committed(),
                        c.before().orElse(null),
                        c.after()))
                .toList();
    }

    /** What to do about a refusal; {@code from} and {@code to} are the clusters read and written ({@link Direction}). */
    static String hint(Refusal refusal, Direction d) {
        return switch (refusal) {
            case ACTIVE_MEMBERS -> "stop the group's consumers on the " + d.to() + ", then run sync again";
            case ACTIVE_ON_SOURCE ->
                "stop the group's consumers on the " + d.from() + " (offsets they commit after the sync are not"
                        + " moved), then run sync again; or rerun with --allow-active-members REASON if they commit"
                        + " nothing more";
            case WOULD_REWIND ->
                "the group has consumed further on the " + d.to() + "; rerun with --allow-rewind only if it"
                        + " should read those records again";
            case LINK_BEHIND -> "check that the link runs and catches up, then rerun (or give a longer --wait)";
            case UNTRANSLATABLE ->
                "those records were never copied (partition not linked, or committed before the"
                        + " link started); see 'cutover offsets translate' and reset the group deliberately if needed";
            case NOTHING_COMMITTED -> "check the group's name; it has no committed offsets on the " + d.from();
            case WRITE_FAILED -> "the " + d.to() + " refused the commit; see the error and retry";
        };
    }

    private static long count(List<GroupSync> results, Class<?> type) {
        return results.stream().filter(type::isInstance).count();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
