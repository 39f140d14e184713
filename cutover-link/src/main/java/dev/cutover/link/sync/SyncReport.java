package dev.cutover.link.sync;

import dev.cutover.api.Finding;
import dev.cutover.api.Reason;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a sync did, item by item, or with {@code dryRun} what it would do (then no item was applied, and {@link
 * Outcome#CREATED} reads "would be created"). Every planned item appears: nothing is summarised away.
 *
 * @param kind which sync: {@code topics}, {@code acls} or {@code quotas}
 * @param dryRun true when nothing was applied
 * @param items one line per topic, ACL binding or quota entity (several per topic when configs were adjusted)
 * @param findings observations about the clusters rather than about one item (no authorizer, missing credentials)
 */
public record SyncReport(String kind, boolean dryRun, List<Item> items, List<Finding> findings) {
    public SyncReport {
        Objects.requireNonNull(kind, "kind");
        items = List.copyOf(items);
        findings = List.copyOf(findings);
    }

    public enum Outcome {
        CREATED,
        ALTERED,
        PARTITIONS_ADDED,
        UNCHANGED,
        /** Left alone because following the source would break something; the detail says what. */
        REFUSED,
        /** The cluster rejected it; the detail holds the error. Other items are not affected. */
        FAILED,
        /** A source setting the target does not get as-is (by rule), with the reason. */
        ADJUSTED,
        /** A topic kept off the target by the built-in exclusions. */
        EXCLUDED,
        /** Not copied: already present, or of a kind the sync does not copy; the detail says which. */
        SKIPPED
    }

    /** One line of the report; {@code detail} never holds secrets. */
    public record Item(String subject, Outcome outcome, String detail) {
        public Item {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public List<Item> items(Outcome outcome) {
        return items.stream().filter(i -> i.outcome() == outcome).toList();
    }

    public List<Item> itemsFor(String subject) {
        return items.stream().filter(i -> i.subject().equals(subject)).toList();
    }

    /** {@link Reason#PARTLY_REFUSED} when an item was refused or failed (exit code 1), else empty. */
    public Optional<Reason> problem() {
        boolean bad = items.stream().anyMatch(i -> i.outcome() == Outcome.REFUSED || i.outcome() == Outcome.FAILED);
        return bad ? Optional.of(Reason.PARTLY_REFUSED) : Optional.empty();
    }

    /**
     * For a topics sync: the topics asked for that the link cannot copy as things stand, by name, with the reason:
     * refused by the planner ({@code "refused: <why>"}) or a change the target rejected or did not answer ({@code
     * "create failed: <exception>: <message>"}, {@code "alter configs failed: ..."}, {@code "add partitions failed:
     * ..."}). A topic with several such items gets their reasons joined by {@code "; "}. Empty for a dry run without
     * refusals and for the other kinds of sync. The link never skips a topic silently: {@code link status} lists these
     * and exits 1. A {@code "create failed: TopicExistsException"} is usually the target's metadata lagging a create
     * of an earlier sync (see {@link TopicSync}) and clears at the next refresh.
     */
    public Map<String, String> unlinkable() {
        if (!"topics".equals(kind)) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        for (Item item : items) {
            String reason;
            if (item.outcome() == Outcome.REFUSED) {
                reason = "refused: " + item.detail();
            } else if (item.outcome() == Outcome.FAILED) {
                reason = item.detail();
            } else {
                continue;
            }
            out.merge(item.subject(), reason, (a, b) -> a + "; " + b);
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind + (dryRun ? " sync (dry run, nothing applied)" : " sync") + "\n");
        items.forEach(i -> text.append("  ")
                .append(i.outcome())
                .append(' ')
                .append(i.subject())
                .append(i.detail().isEmpty() ? "" : ": " + i.detail())
                .append('\n'));
        findings.forEach(f -> text.append("  ")
                .append(f.severity())
                .append(' ')
                .append(f.code())
                .append(' ')
                .append(f.subject())
                .append(": ")
                .append(f.message())
                .append('\n'));
        return text.toString();
    }
}
