package dev.cutover.link.groups;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.groups.GroupSync.PartitionChange;
import dev.cutover.link.groups.GroupSync.Refusal;
import dev.cutover.offsets.Direction;
import dev.cutover.offsets.GroupOffsetTranslator;
import dev.cutover.offsets.OffsetMapFormatException;
import dev.cutover.offsets.OffsetTranslation;
import dev.cutover.offsets.OffsetTranslation.Exact;
import dev.cutover.offsets.OffsetTranslation.NoMap;
import dev.cutover.offsets.OffsetTranslation.NotCovered;
import dev.cutover.offsets.OffsetTranslation.NotYetReplicated;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.offsets.TranslatedGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads consumer groups' committed offsets, translates them with the link's offset maps ({@link
 * GroupOffsetTranslator}, the one translation), and syncs them to the target.
 *
 * <p>Exactness: a translated offset is the one at which a consumer on the other cluster reads exactly the records the
 * group had not read yet, none twice and none skipped (see {@link PartitionOffsetMap#translate}). Where no such offset
 * exists (yet), nothing is guessed: the partition is reported with the reason, and {@link #sync} refuses the group.
 *
 * <p>Safety of {@link #sync}: it writes only the group's committed offsets, and only on the {@link Direction#to()}
 * cluster (the target forward; the source in {@link Direction#REVERSE}, for a group going back); the cluster read from
 * is never written. A group is written only as a whole (every committed partition exact), only while it has no members
 * on the cluster written nor, unless {@link SyncOptions#allowActiveMembers()} says why, on the cluster it is read from,
 * and never backwards unless {@link SyncOptions#allowRewind()}. A group unknown on the cluster it is read from (no
 * committed offsets, not known there) is a usage error, not a result.
 */
public final class GroupOffsets {
    private static final Logger LOG = LoggerFactory.getLogger(GroupOffsets.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final GroupAdmin source;
    private final GroupAdmin target;
    private final OffsetMaps maps;

    /**
     * @param source Admin on the source cluster (written only by a {@link Direction#REVERSE} sync)
     * @param target Admin on the target cluster (written only by a {@link Direction#FORWARD} sync)
     * @param maps the link's offset maps
     * @param timeout for each Admin call
     */
    public GroupOffsets(Admin source, Admin target, OffsetMaps maps, Duration timeout) {
        this.source = new GroupAdmin(source, "source", timeout);
        this.target = new GroupAdmin(target, "target", timeout);
        this.maps = maps;
    }

    /** The group's committed offsets on the {@link Direction#from()} cluster, each translated to the other. */
    public TranslatedGroup translate(String group, Direction direction) {
        Map<TopicPartition, OffsetAndMetadata> committed = read(direction).committed(group);
        GroupPresence.requireKnown(read(direction), group, committed);
        return translate(group, direction, committed, loadMaps());
    }

    private static TranslatedGroup translate(
            String group,
            Direction direction,
            Map<TopicPartition, OffsetAndMetadata> committed,
            Map<TopicPartition, PartitionOffsetMap> maps) {
        return new GroupOffsetTranslator(maps).translate(group, direction, committed);
    }

    /**
     * Syncs the named groups, one result per group in the given order. The wait for the link ({@link
     * SyncOptions#waitTimeout()}) is shared by all groups of the call.
     */
    public List<GroupSync> sync(List<String> groups, SyncOptions options) {
        GroupAdmin from = read(options.direction());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
        for (String group : groups) {
            committed.put(group, from.committed(group));
        }
        committed.forEach((group, offsets) -> GroupPresence.requireKnown(from, group, offsets));
        return syncAll(committed, options);
    }

    /**
     * Syncs every group on the {@link Direction#from()} cluster that has committed offsets on partitions the link
     * replicates; other groups are {@link GroupSync.Skipped}.
     */
    public List<GroupSync> syncAll(SyncOptions options) {
        GroupAdmin from = read(options.direction());
        Map<TopicPartition, PartitionOffsetMap> linked = loadMaps();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = from.committed(from.groups());
        List<GroupSync> skipped = new ArrayList<>();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> candidates = new LinkedHashMap<>();
        committed.forEach((group, offsets) -> {
            if (offsets.keySet().stream().anyMatch(linked::containsKey)) {
                candidates.put(group, offsets);
            } else {
                skipped.add(new GroupSync.Skipped(
                        group,
                        offsets.isEmpty()
                                ? "no committed offsets"
                                : "no committed offsets on partitions the link replicates"));
            }
        });
        List<GroupSync> out = new ArrayList<>(syncAll(candidates, options));
        out.addAll(skipped);
        out.sort(Comparator.comparing(GroupSync::group));
        return out;
    }

    private List<GroupSync> syncAll(Map<String, Map<TopicPartition, OffsetAndMetadata>> committed, SyncOptions o) {
        long deadline = System.nanoTime() + o.waitTimeout().toNanos();
        List<GroupSync> out = new ArrayList<>();
        committed.forEach((group, offsets) -> out.add(syncOne(group, offsets, o, deadline)));
        return out;
    }

    private GroupSync syncOne(
            String group, Map<TopicPartition, OffsetAndMetadata> committed, SyncOptions o, long deadline) {
        GroupAdmin to = write(o.direction());
        if (committed.isEmpty()) {
            return new GroupSync.Refused(
                    group,
                    Refusal.NOTHING_COMMITTED,
                    "group '" + group + "' has no committed offsets on the "
                            + o.direction().from(),
                    List.of());
        }
        Optional<GroupPresence.Live> liveAtHome = GroupPresence.live(read(o.direction()), group);
        if (liveAtHome.isPresent() && o.allowActiveMembers().isEmpty()) {
            GroupPresence.Live l = liveAtHome.get();
            return new GroupSync.Refused(
                    group,
                    Refusal.ACTIVE_ON_SOURCE,
                    "group '" + group + "' is " + l.state() + " on the "
                            + o.direction().from() + " with "
                            + l.members().size() + " member(s): offsets they commit after the sync would not move,"
                            + " and the group would read those records again; stop its consumers there first, or"
                            + " say why it is safe with --allow-active-members REASON",
                    l.members());
        }
        List<String> activeOnSource =
                liveAtHome.map(GroupPresence.Live::members).orElse(List.of());
        Optional<GroupPresence.Live> liveThere = GroupPresence.live(to, group);
        if (liveThere.isPresent()) {
            GroupPresence.Live l = liveThere.get();
            return new GroupSync.Refused(
                    group,
                    Refusal.ACTIVE_MEMBERS,
                    "group '" + group + "' is " + l.state() + " on the " + to.cluster() + " with "
                            + l.members().size() + " member(s); offsets of a live group cannot be changed",
                    l.members());
        }
        TranslatedGroup t = translate(group, o.direction(), committed, loadMaps());
        while (waitingHelps(t) && System.nanoTime() < deadline) {
            sleep(Math.min(POLL.toNanos(), Math.max(0, deadline - System.nanoTime())));
            t = translate(group, o.direction(), committed, loadMaps());
        }
        Optional<GroupSync.Refused> untranslatable = untranslatable(t, o);
        if (untranslatable.isPresent()) {
            return untranslatable.get();
        }
        Map<TopicPartition, OffsetAndMetadata> before = to.committed(group);
        List<PartitionChange> changes = new ArrayList<>();
        for (Exact e : t.only(Exact.class)) {
            OffsetAndMetadata b = before.get(e.partition());
            changes.add(new PartitionChange(
                    e.partition(),
                    e.committed(),
                    Optional.ofNullable(b).map(OffsetAndMetadata::offset),
                    e.translated()));
        }
        List<PartitionChange> rewinds =
                changes.stream().filter(PartitionChange::rewinds).toList();
        if (!rewinds.isEmpty() && !o.allowRewind()) {
            return new GroupSync.Refused(
                    group,
                    Refusal.WOULD_REWIND,
                    "group '" + group + "' is ahead on the " + to.cluster() + " on " + rewinds.size()
                            + " partition(s); committing would make it read records again",
                    rewinds.stream()
                            .map(c -> c.partition() + ": " + to.cluster() + " has "
                                    + c.before().orElseThrow()
                                    + ", translation is " + c.after() + " ("
                                    + (c.before().orElseThrow() - c.after())
                                    + " back)")
                            .toList());
        }
        if (o.dryRun()) {
            return new GroupSync.WouldCommit(group, changes, activeOnSource);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (PartitionChange c : changes) {
            // Leader epochs are per cluster: the target's are unrelated, so none is sent.
            offsets.put(c.partition(), new OffsetAndMetadata(c.after(), Optional.empty(), metadata(committed, c)));
        }
        Optional<Throwable> failed = to.alter(group, offsets);
        if (failed.isPresent()) {
            Throwable f = failed.get();
            boolean busyNow = f instanceof UnknownMemberIdException
                    || f instanceof GroupNotEmptyException
                    || f instanceof RebalanceInProgressException;
            return new GroupSync.Refused(
                    group,
                    busyNow ? Refusal.ACTIVE_MEMBERS : Refusal.WRITE_FAILED,
                    busyNow
                            ? "group '" + group + "' became active on the " + to.cluster() + " while syncing"
                            : "committing offsets of group '" + group + "' on the " + to.cluster() + " failed",
                    List.of(f.getClass().getSimpleName() + ": " + f.getMessage()));
        }
        LOG.info("group {}: committed {} partition(s) on the {}", group, offsets.size(), to.cluster());
        return new GroupSync.Committed(group, changes, activeOnSource);
    }

    private static String metadata(Map<TopicPartition, OffsetAndMetadata> committed, PartitionChange c) {
        OffsetAndMetadata m = committed.get(c.partition());
        return m == null ? "" : m.metadata();
    }

    private static boolean waitingHelps(TranslatedGroup t) {
        return !t.only(NotYetReplicated.class).isEmpty()
                && t.only(NotCovered.class).isEmpty()
                && t.only(NoMap.class).isEmpty();
    }

    private static Optional<GroupSync.Refused> untranslatable(TranslatedGroup t, SyncOptions o) {
        List<String> details = new ArrayList<>();
        for (OffsetTranslation p : t.partitions()) {
            if (p instanceof NoMap n) {
                details.add(n.partition() + ": committed " + n.committed() + ", the link has no offset map for it");
            } else if (p instanceof NotCovered n) {
                details.add(n.partition() + ": committed " + n.committed() + " is before the link's start at "
                        + n.coveredFrom());
            }
        }
        if (!details.isEmpty()) {
            return Optional.of(new GroupSync.Refused(
                    t.group(),
                    Refusal.UNTRANSLATABLE,
                    details.size() + " committed offset(s) of group '" + t.group() + "' have no exact translation",
                    details));
        }
        List<NotYetReplicated> behind = t.only(NotYetReplicated.class);
        if (behind.isEmpty()) {
            return Optional.empty();
        }
        long total = behind.stream().mapToLong(NotYetReplicated::behind).sum();
        return Optional.of(new GroupSync.Refused(
                t.group(),
                Refusal.LINK_BEHIND,
                "the link has not yet replicated up to the committed offsets of group '" + t.group()
                        + "' after waiting " + o.waitTimeout().toMillis() + " ms: at most " + total
                        + " record(s) behind",
                behind.stream()
                        .map(b -> b.partition() + ": committed " + b.committed() + ", link at " + b.replicatedUpTo()
                                + " (at most " + b.behind() + " record(s) behind)")
                        .toList()));
    }

    private Map<TopicPartition, PartitionOffsetMap> loadMaps() {
        try {
            return maps.load();
        } catch (OffsetMapFormatException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "cannot decode the link's offset maps on the target: " + e.getMessage(),
                    "use a cutover at least as new as the one that runs the link",
                    e);
        } catch (KafkaException | IllegalStateException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "cannot read the link's offset maps from the target: " + e.getMessage(),
                    "check that the target is reachable and that the profile may read the link's internal topics",
                    e);
        }
    }

    private GroupAdmin read(Direction d) {
        return d == Direction.FORWARD ? source : target;
    }

    private GroupAdmin write(Direction d) {
        return d == Direction.FORWARD ? target : source;
    }

    private static void sleep(long nanos) {
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the link", e);
        }
    }
}
