package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Workspace;
import dev.cutover.link.groups.GroupOffsets;
import dev.cutover.link.groups.OffsetMaps;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.orchestrator.journal.JournalEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The wave's connections: the source, and the target when it answers. A rollback runs with the target down (that is
 * often why one rolls back), so the target is opened on first use and its failure kept, for the steps to say what they
 * could not do.
 */
final class WaveClusters implements AutoCloseable {
    private final Workspace workspace;
    private final String link;
    private ClusterConnection source;
    private ClusterConnection target;
    private CutoverException targetFailure;

    WaveClusters(Workspace workspace, String link) {
        this.workspace = workspace;
        this.link = link;
    }

    ConnectionProfile sourceProfile() {
        return workspace.profile("source");
    }

    ConnectionProfile targetProfile() {
        return workspace.profile("target");
    }

    ConnectionProfile profile(Side side) {
        return side == Side.SOURCE ? sourceProfile() : targetProfile();
    }

    String link() {
        return link;
    }

    synchronized ClusterConnection source() {
        if (source == null) {
            source = ClusterConnection.open(sourceProfile());
        }
        return source;
    }

    /**
     * The target, once it answered (its cluster id, within the profile's timeout), or the failure that kept it away,
     * thrown again on every call: the caller says what it skips.
     */
    synchronized ClusterConnection target() {
        if (target == null) {
            if (targetFailure != null) {
                throw targetFailure;
            }
            ClusterConnection opened = null;
            try {
                opened = ClusterConnection.open(targetProfile());
                opened.clusterId(); // the client is lazy: ask once, within the profile's timeout, that it answers
                target = opened;
            } catch (CutoverException e) {
                if (opened != null) {
                    opened.close();
                }
                targetFailure = e;
                throw e;
            }
        }
        return target;
    }

    ClusterConnection on(Side side) {
        return side == Side.SOURCE ? source() : target();
    }

    /** Group watching on one side. */
    dev.cutover.orchestrator.watch.GroupWatch watch(Side side) {
        ClusterConnection c = on(side);
        return new dev.cutover.orchestrator.watch.GroupWatch(
                c.admin(), side.profileName(), c.profile().timeout());
    }

    /** The target if it answers, else empty. */
    Optional<ClusterConnection> targetIfUp() {
        try {
            return Optional.of(target());
        } catch (CutoverException e) {
            return Optional.empty();
        }
    }

    /**
     * Exact group offsets through the link's stored offset map; once the journal shows a producer move that turned
     * topics around, composed with the reverse copy's map (on the source: its principal then needs {@code READ} on
     * {@code __cutover.<link>-reverse.offsets} there), so that positions in either copied range translate.
     */
    GroupOffsets groupOffsets(List<JournalEntry> journal) {
        ConnectionProfile t = targetProfile();
        ConnectionProfile s = sourceProfile();
        OffsetMaps forward = OffsetMaps.stored(t.clientProperties(), LinkTopics.named(link), t.timeout());
        OffsetMaps maps = !turnedAround(journal)
                ? forward
                : OffsetMaps.turnedAround(
                        forward,
                        OffsetMaps.stored(
                                s.clientProperties(),
                                LinkTopics.named(dev.cutover.link.engine.LinkSettings.reverseName(link)),
                                s.timeout()));
        Duration timeout = max(sourceProfile().timeout(), t.timeout());
        return new GroupOffsets(source().admin(), target().admin(), maps, timeout);
    }

    /** Whether a producer move of this workspace ever turned a topic around (or a rollback copied one back). */
    static boolean turnedAround(List<JournalEntry> journal) {
        return journal.stream()
                .anyMatch(e -> e.step().equals(Steps.DRAIN_FORWARD)
                                && "true".equals(e.figures().get("reverse"))
                        || e.step().equals(Steps.ROLLBACK_DRAIN_REVERSE));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public synchronized void close() {
        try {
            if (source != null) {
                source.close();
            }
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    /** A side of the migration. */
    enum Side {
        SOURCE,
        TARGET;

        String profileName() {
            return this == SOURCE ? "source" : "target";
        }
    }
}
