package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Workspace;
import dev.cutover.link.deploy.ConnectorPlan;
import dev.cutover.link.engine.LinkEvent;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.groups.GroupOffsets;
import dev.cutover.link.groups.GroupSync;
import dev.cutover.link.groups.OffsetMaps;
import dev.cutover.link.groups.OffsetsProof;
import dev.cutover.link.groups.SyncOptions;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.PartitionOffsetMap;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/** The demo's link step: runs the link until every partition is caught up, then reports what it did. */
final class DemoLink {
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);

    /**
     * The group whose position the demo moves with {@code offsets sync}: the nightly audit-archiver (no members between
     * runs). billing, a running process, moves in its rollback rehearsal and its wave instead.
     */
    static final List<String> MOVED_GROUPS = List.of("audit-archiver");

    private DemoLink() {}

    /** The link, left running for the steps after it (a wave waits on it), and the evidence its group move wrote. */
    record Running(LinkHandle link, List<String> evidence, DemoMetrics metrics) implements AutoCloseable {
        @Override
        public void close() {
            metrics.close();
            link.close();
        }
    }

    /** Starts the link, waits until it caught up, then moves one group; the link keeps running. */
    static Running run(Workspace ws, PrintWriter out) {
        Map<String, Object> source = ws.profile("source").clientProperties();
        Map<String, Object> target = ws.profile("target").clientProperties();
        // as cutover.yaml configures the default link (the demo excludes the dual-written invoices there)
        dev.cutover.config.LinkConfig config = ws.config().resolveLink(java.util.Optional.empty());
        LinkSettings settings = LinkSettings.of(config)
                .lease(Duration.ofSeconds(5), Duration.ofSeconds(1))
                .schemaIds(dev.cutover.link.schemas.SchemaIdPolicy.of(
                        config, ws.profile("source"), ws.profile("target"), ws.dir()));
        long t0 = System.nanoTime();
        java.util.concurrent.CountDownLatch caughtUp = new java.util.concurrent.CountDownLatch(1);
        LinkHandle link = LinkService.start(source, target, settings, event -> {
            if (event instanceof LinkEvent.CaughtUp) {
                caughtUp.countDown();
            }
        });
        DemoMetrics metrics = DemoMetrics.start(ws, link);
        try {
            awaitCaughtUp(link, caughtUp, target, settings);
            if (link.failure().isPresent()) {
                if (link.failure().get() instanceof dev.cutover.api.CutoverException ce) {
                    throw ce;
                }
                throw new IllegalStateException(
                        "the demo link failed: " + link.failure().get(),
                        link.failure().get());
            }
            LinkState.Snapshot state = LinkState.read(target, settings.topics(), Duration.ofSeconds(30));
            Map<org.apache.kafka.common.TopicPartition, PartitionOffsetMap> maps = OffsetMapStore.load(
                            target, settings.topics(), Duration.ofSeconds(30))
                    .maps();
            long runs = maps.values().stream()
                    .mapToLong(PartitionOffsetMap::runCount)
                    .sum();
            long topics = state.partitions().keySet().stream()
                    .map(tp -> tp.topic())
                    .distinct()
                    .count();
            long errors = state.partitions().values().stream()
                    .filter(p -> p.state() == dev.cutover.link.state.PartitionState.ERROR)
                    .count();
            out.printf(
                    "      copied %d records of %d topics (%d partitions) in %.1f s; %d partition(s) in error%n",
                    link.copied(), topics, state.partitions().size(), (System.nanoTime() - t0) / 1e9, errors);
            out.printf(
                    "      offset map: %d run(s) for %d partitions (gaps come from transaction markers and aborted"
                            + " records, which are never copied)%n",
                    runs, maps.size());
            out.println(
                    "      the link keeps running for the steps below (see it with: ./cutover link status --workspace "
                            + ws.dir() + ")");
            metrics.printLink(out);
            printScaleOut(ws, out);
            return new Running(link, syncGroup(ws, source, target, settings, out), metrics);
        } catch (RuntimeException e) {
            metrics.close();
            link.close();
            throw e;
        }
    }

    /**
     * Beyond one machine the same link runs as a Kafka Connect connector: what {@code link deploy} would submit for this
     * workspace's link (its dry run: nothing is contacted, secrets stay provider references).
     */
    private static void printScaleOut(Workspace ws, PrintWriter out) {
        LinkConfig link = ws.config().resolveLink(java.util.Optional.empty());
        try {
            ConnectorPlan plan = ConnectorPlan.of(
                    ConnectorPlan.defaultName(link.name()), link, ws.profile("source"), ws.profile("target"), 2);
            out.println("      beyond one machine, the same link runs on Kafka Connect workers, exactly once with the"
                    + " same offset map: connector " + plan.connector() + ", "
                    + plan.config().size()
                    + " settings, 2 tasks (see them: ./cutover link deploy --workspace " + ws.dir()
                    + " --dry-run; docs/scale.md)");
        } catch (dev.cutover.api.CutoverException e) {
            out.println("      beyond one machine the link runs on Kafka Connect (docs/scale.md); this workspace's"
                    + " connector cannot be planned: " + e.getMessage());
        }
    }

    /**
     * Moves one seeded group's committed offsets to the target, exactly, as `cutover offsets sync` does, and records
     * the same evidence, which the readiness step then uses.
     */
    private static List<String> syncGroup(
            Workspace ws,
            Map<String, Object> source,
            Map<String, Object> target,
            LinkSettings settings,
            PrintWriter out) {
        try (Admin s = Admin.create(source);
                Admin t = Admin.create(target)) {
            GroupOffsets offsets = new GroupOffsets(
                    s, t, OffsetMaps.stored(target, settings.topics(), Duration.ofSeconds(30)), Duration.ofSeconds(30));
            List<GroupSync> results = offsets.sync(MOVED_GROUPS, SyncOptions.defaults());
            String targetId = t.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            List<String> evidence = OffsetsEvidence.write(
                    ws, targetId, OffsetsProof.of(settings.topics().link(), results, SyncOptions.defaults()), out);
            for (GroupSync result : results) {
                if (result instanceof GroupSync.Committed c) {
                    for (GroupSync.PartitionChange change : c.changes()) {
                        out.printf(
                                "      offsets sync: group %s on %s: committed %d on the source -> %d on the target"
                                        + " (exact: it resumes at the first record it had not read)%n",
                                c.group(), change.partition(), change.committed(), change.after());
                    }
                } else {
                    out.println("      offsets sync: " + result);
                }
            }
            return evidence;
        } catch (ExecutionException | TimeoutException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "cannot read the target's cluster id: " + e.getMessage(),
                    "the demo's clusters run in this process; see the log",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted", "run the demo again", e);
        }
    }

    /**
     * Until a checkpoint finds every partition caught up (the estate keeps producing, so this is a moment), bounded;
     * the demo goes on with what was copied if the link does not get there in time.
     */
    private static void awaitCaughtUp(
            LinkHandle link,
            java.util.concurrent.CountDownLatch caughtUp,
            Map<String, Object> target,
            LinkSettings settings) {
        try {
            long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
            while (!caughtUp.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (link.failure().isPresent() || System.nanoTime() > deadline) {
                    return;
                }
                // The estate keeps producing: a few records behind at a checkpoint is caught up enough for the demo.
                LinkState.Snapshot state = LinkState.read(target, settings.topics(), Duration.ofSeconds(30));
                if (!state.partitions().isEmpty()
                        && state.partitions().values().stream().allMatch(p -> p.lagRecords() <= 5)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
