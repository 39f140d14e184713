package dev.cutover.link.groups;

import dev.cutover.offsets.Direction;
import dev.cutover.offsets.OffsetTranslation;
import dev.cutover.offsets.TranslatedGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@code offsets} command proved about one group, to be kept as readiness evidence (area offsets, or rollback
 * for a {@link Direction#REVERSE} sync): the command, whether the group passed, and the facts behind it. The decision lives here so that every caller (the
 * CLI, the wave orchestrator) records the same evidence for the same result.
 *
 * <ul>
 *   <li>A forward translation passes when every partition translates exactly; a reverse one is about a rollback, not
 *       about where the group resumes, and proves nothing here.
 *   <li>A sync passes when the group was committed (or, with {@code --dry-run}, would be), and fails when it was
 *       refused, with the refusal's code; a skipped group proves nothing.
 * </ul>
 *
 * @param direction which way the offsets moved: a {@link Direction#REVERSE} sync shows a group's way back to the source
 *     (kept as rollback evidence), a forward one its move to the target (offsets evidence)
 * @param details facts for the evidence record: always {@code link}; {@code direction} for syncs; {@code partitions},
 *     {@code exact}, {@code dryRun}, {@code refusal}, {@code note}, {@code activeMembers} and {@code
 *     activeMembersAllowedBecause} where they apply
 */
public record OffsetsProof(Step step, String group, Direction direction, boolean passed, Map<String, String> details) {
    /** The command that proved it. */
    public enum Step {
        /** {@code offsets translate}, forward. */
        TRANSLATE("cutover offsets translate"),
        /** {@code offsets sync}. */
        SYNC("cutover offsets sync"),
        /** {@code offsets sync --dry-run}. */
        SYNC_DRY_RUN("cutover offsets sync --dry-run");

        private final String command;

        Step(String command) {
            this.command = command;
        }

        /** The command line that proved it, for the evidence's provenance. */
        public String command() {
            return command;
        }
    }

    public OffsetsProof {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(direction, "direction");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * True when the proof only shows what would happen ({@code translate}, {@code sync --dry-run}): recorded as a
     * preview, which readiness never counts as a pass.
     */
    public boolean preview() {
        return step != Step.SYNC;
    }

    /** The command line that proved it, for the evidence's provenance. */
    public String command() {
        return step.command() + (direction == Direction.REVERSE ? " --direction reverse" : "");
    }

    /** What a translation proves: only a forward one proves anything. */
    public static Optional<OffsetsProof> of(String link, TranslatedGroup result) {
        if (result.direction() != Direction.FORWARD) {
            return Optional.empty();
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("link", link);
        details.put("partitions", Integer.toString(result.partitions().size()));
        details.put(
                "exact",
                Integer.toString(result.only(OffsetTranslation.Exact.class).size()));
        return Optional.of(
                new OffsetsProof(Step.TRANSLATE, result.group(), Direction.FORWARD, result.complete(), details));
    }

    /** What a sync proves, one per group that was committed, would be, or was refused. */
    public static List<OffsetsProof> of(String link, List<GroupSync> results) {
        return of(link, results, SyncOptions.defaults());
    }

    /**
     * As {@link #of(String, List)}; a group synced although it had members on the cluster read from records them
     * ({@code activeMembers}) and the operator's reason ({@code activeMembersAllowedBecause}).
     */
    public static List<OffsetsProof> of(String link, List<GroupSync> results, SyncOptions options) {
        List<OffsetsProof> proofs = new ArrayList<>();
        for (GroupSync r : results) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("link", link);
            details.put("direction", options.direction().name().toLowerCase(Locale.ROOT));
            Direction d = options.direction();
            if (r instanceof GroupSync.Committed c) {
                details.put("partitions", Integer.toString(c.changes().size()));
                activeMembers(details, c.activeOnSource(), options);
                proofs.add(new OffsetsProof(Step.SYNC, c.group(), d, true, details));
            } else if (r instanceof GroupSync.WouldCommit w) {
                details.put("partitions", Integer.toString(w.changes().size()));
                activeMembers(details, w.activeOnSource(), options);
                details.put("dryRun", "true");
                proofs.add(new OffsetsProof(Step.SYNC_DRY_RUN, w.group(), d, true, details));
            } else if (r instanceof GroupSync.Refused f) {
                details.put("refusal", f.refusal().name());
                details.put("note", f.message());
                proofs.add(new OffsetsProof(Step.SYNC, f.group(), d, false, details));
            }
        }
        return proofs;
    }

    private static void activeMembers(Map<String, String> details, List<String> members, SyncOptions options) {
        if (!members.isEmpty()) {
            details.put("activeMembers", String.join("; ", members));
            details.put(
                    "activeMembersAllowedBecause", options.allowActiveMembers().orElse("(no reason given)"));
        }
    }
}
