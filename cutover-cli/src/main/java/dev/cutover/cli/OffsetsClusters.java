package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.Workspace;
import dev.cutover.link.groups.GroupOffsets;
import dev.cutover.link.groups.OffsetMaps;
import dev.cutover.link.state.LinkTopics;
import java.time.Duration;
import java.util.Optional;

/**
 * The source and target connections of a workspace and the link's offset maps, for the {@code offsets} commands:
 * composition only; connecting (and its failures, named by profile) is {@link ClusterConnection}'s.
 */
final class OffsetsClusters implements AutoCloseable {
    private final Workspace workspace;
    private final ClusterConnection source;
    private final ClusterConnection target;
    private final GroupOffsets offsets;
    private final String link;

    private OffsetsClusters(
            Workspace workspace,
            String link,
            ClusterConnection source,
            ClusterConnection target,
            GroupOffsets offsets) {
        this.workspace = workspace;
        this.link = link;
        this.source = source;
        this.target = target;
        this.offsets = offsets;
    }

    /**
     * @param link {@code --link}, or empty for the link {@code link start} would run by default (the only link of
     *     cutover.yaml, its {@code default} link, or {@code default})
     */
    static OffsetsClusters open(Workspace ws, Optional<String> link) {
        LinkTopics topics = LinkTopics.named(ws.config().resolveLink(link).name());
        ClusterConnection source = ClusterConnection.open(ws.profile("source"));
        try {
            ClusterConnection target = ClusterConnection.open(ws.profile("target"));
            try {
                var targetProfile = target.profile();
                OffsetMaps stored =
                        OffsetMaps.stored(targetProfile.clientProperties(), topics, targetProfile.timeout());
                OffsetMaps maps = () -> {
                    try {
                        return stored.load();
                    } catch (CutoverException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw ClusterConnection.failure(targetProfile, e, "read the link's offset maps");
                    }
                };
                Duration timeout = max(source.profile().timeout(), targetProfile.timeout());
                return new OffsetsClusters(
                        ws,
                        topics.link(),
                        source,
                        target,
                        new GroupOffsets(source.admin(), target.admin(), maps, timeout));
            } catch (RuntimeException e) {
                target.close();
                throw e;
            }
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The link whose maps are used, as resolved from {@code --link} and cutover.yaml. */
    String link() {
        return link;
    }

    GroupOffsets offsets() {
        return offsets;
    }

    Workspace workspace() {
        return workspace;
    }

    /** The target's cluster id, for the evidence these commands write. */
    String targetClusterId() {
        return target.clusterId();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            target.close();
        }
    }
}
