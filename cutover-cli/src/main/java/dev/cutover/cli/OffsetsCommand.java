package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Durations;
import dev.cutover.link.groups.GroupSync;
import dev.cutover.link.groups.OffsetsProof;
import dev.cutover.link.groups.SyncOptions;
import dev.cutover.offsets.Direction;
import dev.cutover.offsets.TranslatedGroup;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "offsets",
        mixinStandardHelpOptions = true,
        description = {
            "Moves consumer groups' positions across the link, exactly.",
            "",
            "For every record it copies, the link records which source offset became which target offset",
            "(its offset map, kept in the link's internal topics on the target). With it, a group's",
            "committed source offset translates to the one target offset at which a consumer reads exactly",
            "the records the group had not read on the source: none twice, none skipped, even across",
            "aborted transactions, transaction markers and compaction, which leave no copy on the target.",
            "Where no exact offset exists (yet), nothing is guessed: the partition is reported with the",
            "reason."
        },
        subcommands = {OffsetsCommand.Translate.class, OffsetsCommand.Sync.class},
        footer = {
            "",
            "Exit codes: 0 everything translated / synced, 1 a partition untranslatable or a group refused,",
            "            2 usage or config error, 3 cluster unreachable or denied."
        })
final class OffsetsCommand {

    @Command(
            name = "translate",
            mixinStandardHelpOptions = true,
            description = {
                "Shows a group's committed offsets and their exact translation to the other cluster. Reads",
                "only; writes nothing to either cluster. A forward translation is recorded in",
                "WORKSPACE/evidence/ as a preview (area offsets): readiness never counts it as a pass, since",
                "the group may still be running on the source; 'offsets sync' records the evidence that counts.",
                "A group unknown to the cluster it is read from (no committed offsets, no such group) is a",
                "usage error (exit 2) and records nothing.",
                "",
                "forward: offsets committed on the source → where the group resumes on the target.",
                "reverse: offsets committed on the target (a group that moved) → where it resumes on the",
                "         source, for a rollback.",
                "",
                "Per partition the result is one of:",
                "  exact               the offset to commit on the other cluster;",
                "  not-yet-replicated  the link has not copied up to the committed offset yet (its position",
                "                       is shown): wait for it, or check that it runs;",
                "  not-covered         the group committed before the point where the link started; the",
                "                       records in between were never copied, so no exact offset exists;",
                "  no-map              the link does not replicate this partition."
            },
            footer = {
                "",
                "Exit codes: 0 every partition exact, 1 any other (or no committed offsets), 2 usage (an",
                "            unknown group) or config error, 3 cluster unreachable or denied."
            })
    static final class Translate implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The consumer group.")
        String group;

        @Option(
                names = "--direction",
                paramLabel = "forward|reverse",
                defaultValue = "forward",
                description = "forward (source → target) or reverse (target → source); default: ${DEFAULT-VALUE}.")
        Direction direction;

        @Mixin
        Options.LinkRef link;

        @Mixin
        Options.MdOrJson output;

        @Override
        public Integer call() {
            TranslatedGroup result;
            String linkName;
            try (OffsetsClusters clusters = OffsetsClusters.open(workspace.load(), link.name())) {
                linkName = clusters.link();
                result = clusters.offsets().translate(group, direction);
                OffsetsEvidence.write(
                        clusters,
                        OffsetsProof.of(linkName, result).stream().toList(),
                        spec.commandLine().getErr());
            }
            var out = spec.commandLine().getOut();
            out.print(OffsetsReport.translation(linkName, result, output.format));
            out.flush();
            return result.complete() ? 0 : 1;
        }
    }

    @Command(
            name = "sync",
            mixinStandardHelpOptions = true,
            description = {
                "Commits groups' exactly translated source offsets on the target, so that each group,",
                "started on the target, continues where it stopped on the source. Forward, it never writes",
                "to the source. A group is written as a whole or not at all; the rest still sync.",
                "",
                "--direction reverse moves groups back (a rollback, or its rehearsal): it reads each group's",
                "offsets on the TARGET, translates them back through the link's offset map and commits them",
                "on the SOURCE, so the group, restarted on the source, reads exactly the records it had not",
                "read on the target. The group's offsets are all it writes there. Below, for reverse, read",
                "'source' as the target (where the offsets are read) and 'target' as the source.",
                "",
                "A group is REFUSED (nothing written, exit 1) when:",
                "  ACTIVE_ON_SOURCE  it still has members on the source (each named with client id and",
                "                    host): offsets they commit after the sync would not move, and the group",
                "                    would read those records again on the target. Stop them and run again,",
                "                    or say why it is safe with --allow-active-members REASON (recorded in",
                "                    the evidence);",
                "  ACTIVE_MEMBERS    it has members on the target: stop its consumers there and run again;",
                "  WOULD_REWIND      it already committed later offsets on the target (it has consumed",
                "                    there): committing would make it read records again. Both offsets are",
                "                    shown; rerun with --allow-rewind only if re-reading is what you want;",
                "  LINK_BEHIND       the link had not copied up to the group's offsets within --wait: the",
                "                    lag is shown; check that the link runs, then rerun (or wait longer);",
                "  UNTRANSLATABLE    a partition is not replicated by the link, or the group committed",
                "                    before the link started: see 'cutover offsets translate';",
                "  NOTHING_COMMITTED the group is known to the source but has no committed offsets.",
                "A group the source does not know at all (no committed offsets, no such group: usually a",
                "typo) is a usage error (exit 2); nothing is synced and no evidence is written.",
                "",
                "--dry-run computes and reports everything, and writes nothing to the clusters.",
                "Each group's outcome is recorded as readiness evidence in WORKSPACE/evidence/: area offsets",
                "forward, area rollback reverse; a dry run's as a preview, which readiness never counts."
            },
            footer = {
                "",
                "Exit codes: 0 every group committed (or skipped), 1 any group refused, 2 usage (an unknown",
                "            group, bad options) or config error, 3 cluster unreachable or denied."
            })
    static final class Sync implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;

        static final class Selection {
            @Option(
                    names = "--group",
                    required = true,
                    arity = "1..*",
                    paramLabel = "GROUP",
                    description = "Groups to sync.")
            List<String> groups;

            @Option(
                    names = "--all",
                    required = true,
                    description = "Every group on the source with committed offsets on linked partitions;"
                            + " other groups are reported as skipped.")
            boolean all;
        }

        @Option(
                names = "--direction",
                paramLabel = "forward|reverse",
                defaultValue = "forward",
                description = "forward (source → target) or reverse (target → source: a group going back);"
                        + " default: ${DEFAULT-VALUE}.")
        Direction direction;

        @Option(names = "--dry-run", description = "Compute and report; write nothing.")
        boolean dryRun;

        @Option(names = "--allow-rewind", description = "Commit even where the target group is ahead (it re-reads).")
        boolean allowRewind;

        @Option(
                names = "--allow-active-members",
                paramLabel = "REASON",
                description = "Sync groups that still have members on the source, because REASON (recorded in the"
                        + " evidence), e.g. 'consumers paused, commit nothing'.")
        String allowActiveMembers;

        @Option(
                names = "--wait",
                paramLabel = "DURATION",
                defaultValue = "30s",
                converter = DurationConverter.class,
                description = "How long to wait for the link to pass the groups' offsets, e.g. 500ms, 30s, 2m"
                        + " (default: ${DEFAULT-VALUE}).")
        Duration wait;

        @Mixin
        Options.LinkRef link;

        @Mixin
        Options.MdOrJson output;

        @Override
        public Integer call() {
            if (allowActiveMembers != null && allowActiveMembers.isBlank()) {
                throw new CutoverException(
                        Reason.USAGE,
                        "--allow-active-members needs a reason",
                        "say why syncing a group whose consumers still run on the source is safe");
            }
            SyncOptions options =
                    new SyncOptions(dryRun, allowRewind, wait, direction, Optional.ofNullable(allowActiveMembers));
            List<GroupSync> results;
            String linkName;
            try (OffsetsClusters clusters = OffsetsClusters.open(workspace.load(), link.name())) {
                linkName = clusters.link();
                results = selection.all
                        ? clusters.offsets().syncAll(options)
                        : clusters.offsets().sync(selection.groups, options);
                OffsetsEvidence.write(
                        clusters,
                        OffsetsProof.of(linkName, results, options),
                        spec.commandLine().getErr());
            }
            var out = spec.commandLine().getOut();
            out.print(OffsetsReport.sync(linkName, options, results, output.format));
            out.flush();
            return results.stream().anyMatch(GroupSync.Refused.class::isInstance) ? 1 : 0;
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value)
                    .orElseThrow(() -> new TypeConversionException(
                            "'" + value + "' is not a duration; write e.g. 500ms, 30s or 2m"));
        }
    }
}
