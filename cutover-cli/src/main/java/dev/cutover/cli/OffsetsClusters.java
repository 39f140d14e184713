package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Workspace;
import dev.cutover.link.groups.GroupOffsets;
import dev.cutover.link.groups.OffsetMaps;
import dev.cutover.link.state.LinkTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/** The source and target Admin clients of a workspace and the link's offset maps, for the {@code offsets} commands. */
final class OffsetsClusters implements AutoCloseable {
    private final Workspace workspace;
    private final Admin source;
    private final Admin target;
    private final GroupOffsets offsets;
    private final String link;

    private OffsetsClusters(Workspace workspace, String link, Admin source, Admin target, GroupOffsets offsets) {
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
    static OffsetsClusters open(Path workspaceDir, java.util.Optional<String> link) {
        Workspace ws = Workspace.load(workspaceDir);
        LinkTopics topics;
        try {
            topics = LinkTopics.named(ws.config().resolveLink(link).name());
        } catch (IllegalArgumentException e) {
            throw new CutoverException(Reason.USAGE, "--link: " + e.getMessage(), "name an existing link");
        }
        ConnectionProfile sourceProfile = ws.profile("source");
        ConnectionProfile targetProfile = ws.profile("target");
        Duration timeout = max(sourceProfile.timeout(), targetProfile.timeout());
        Admin source = admin(sourceProfile);
        Admin target;
        try {
            target = admin(targetProfile);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        OffsetMaps maps = OffsetMaps.stored(targetProfile.clientProperties(), topics, targetProfile.timeout());
        return new OffsetsClusters(ws, topics.link(), source, target, new GroupOffsets(source, target, maps, timeout));
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
        try {
            return target.describeCluster()
                    .clusterId()
                    .get(workspace.profile("target").timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "cannot read the target's cluster id: " + e.getClass().getSimpleName(),
                    "check that the target runs",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted", null, e);
        }
    }

    private static Admin admin(ConnectionProfile profile) {
        try {
            return Admin.create(profile.clientProperties());
        } catch (KafkaException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "cannot create a client for profile '" + profile.name() + "': " + e.getMessage(),
                    "check the profile's properties in cutover.yaml",
                    e);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public void close() {
        try {
            source.close(Duration.ofSeconds(5));
        } finally {
            target.close(Duration.ofSeconds(5));
        }
    }
}
