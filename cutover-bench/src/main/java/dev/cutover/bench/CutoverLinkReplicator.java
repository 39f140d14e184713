package dev.cutover.bench;

import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.engine.RestartPolicy;
import dev.cutover.link.engine.Takeover;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.Direction;
import dev.cutover.offsets.GroupOffsetTranslator;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/** cutover's own link as a benchmark contender: the engine in this process, a fresh link (name) per run. */
public final class CutoverLinkReplicator implements Replicator {
    private final Takeover takeover;
    private final String group;

    private final boolean metrics;
    private final java.util.Optional<dev.cutover.link.schemas.SchemaIdPolicy> schemaIds;

    /**
     * @param group a source group whose offsets are translated through the link's map and committed on the target
     * @param metrics whether the link's meters are bound to a Prometheus registry that is scraped every second, as a
     *     Prometheus server would (at 1 s, 15 times more often than usual): the cost of {@code --metrics-address}
     */
    public CutoverLinkReplicator(Takeover takeover, String group, boolean metrics) {
        this(takeover, group, metrics, java.util.Optional.empty());
    }

    /** @param schemaIds how the link checks or rewrites the schema ids of wire-format values, if it does */
    public CutoverLinkReplicator(
            Takeover takeover,
            String group,
            boolean metrics,
            java.util.Optional<dev.cutover.link.schemas.SchemaIdPolicy> schemaIds) {
        this.takeover = takeover;
        this.group = group;
        this.metrics = metrics;
        this.schemaIds = schemaIds;
    }

    @Override
    public boolean translatesGroupOffsets() {
        return true;
    }

    @Override
    public String name() {
        String name = metrics ? LinkBenchmark.CUTOVER_LINK + " + metrics" : LinkBenchmark.CUTOVER_LINK;
        return schemaIds
                .map(p -> name + " + schema ids "
                        + (p.mode() == dev.cutover.config.SchemaIds.REWRITE ? "rewritten" : "checked"))
                .orElse(name);
    }

    @Override
    public Handle start(CopyJob job) {
        Map<String, Object> source = job.source();
        Map<String, Object> target = job.target();
        LinkSettings settings = LinkSettings.defaults(
                        "bench-" + UUID.randomUUID().toString().substring(0, 8))
                .include(java.util.regex.Pattern.quote(job.topic()))
                .schemaIds(schemaIds);
        LinkHandle link = LinkService.start(source, target, settings, event -> {}, takeover, RestartPolicy.never());
        java.util.concurrent.ScheduledExecutorService scraper = metrics ? scrapeEverySecond(link) : null;
        // Like `cutover offsets sync --wait`: as soon as the link covers the group's offsets, move the group.
        Thread groupSync = new Thread(
                () -> {
                    try {
                        Map<TopicPartition, Long> committed = awaitCommitted(source);
                        link.awaitCoverage(committed, Duration.ofMinutes(30));
                        syncGroup(source, target, settings);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        groupSyncFailure[0] = e;
                    }
                },
                "bench-cutover-group-sync");
        groupSync.setDaemon(true);
        groupSync.start();
        return new Handle() {
            @Override
            public String offsetMapTopic() {
                return settings.topics().offsets();
            }

            @Override
            public long copied() {
                if (link.failure().isPresent()) {
                    throw new IllegalStateException(
                            "the cutover link failed: " + link.failure().get(),
                            link.failure().get());
                }
                return link.copied();
            }

            @Override
            public void close() {
                groupSync.interrupt();
                if (scraper != null) {
                    scraper.shutdownNow();
                }
                link.close();
            }
        };
    }

    /** Binds the link's meters to a Prometheus registry with the JVM's, and scrapes it every second. */
    private static java.util.concurrent.ScheduledExecutorService scrapeEverySecond(LinkHandle link) {
        var registry = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
        link.bindTo(registry);
        var scraper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-metrics-scrape");
            t.setDaemon(true);
            return t;
        });
        scraper.scheduleAtFixedRate(registry::scrape, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        return scraper;
    }

    private final Exception[] groupSyncFailure = new Exception[1];

    /** The running link: counts what it committed, keeps its offset map in {@code __cutover.<link>.offsets}. */
    public interface Handle extends Replicator.Counting, Replicator.KeepsOffsetMap {}

    /** The group's committed source offsets, once it has any (the bench commits them before the copy starts). */
    private Map<TopicPartition, Long> awaitCommitted(Map<String, Object> source) throws Exception {
        try (Admin s = Admin.create(source)) {
            while (true) {
                var committed = s.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get();
                if (!committed.isEmpty()) {
                    Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
                    committed.forEach((tp, om) -> offsets.put(tp, om.offset()));
                    return offsets;
                }
                Thread.sleep(200);
            }
        }
    }

    /** What `cutover offsets sync` does for one group: translate its source offsets exactly, commit them on the target. */
    private boolean syncGroup(Map<String, Object> source, Map<String, Object> target, LinkSettings settings)
            throws Exception {
        var maps = OffsetMapStore.load(target, settings.topics(), Duration.ofSeconds(60))
                .maps();
        try (Admin s = Admin.create(source);
                Admin t = Admin.create(target)) {
            var committed = s.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            if (committed.isEmpty()) {
                return false;
            }
            var translation = new GroupOffsetTranslator(maps).translate(group, Direction.FORWARD, committed);
            if (!translation.complete()) {
                return false;
            }
            t.alterConsumerGroupOffsets(group, translation.toCommit(committed))
                    .all()
                    .get();
            return true;
        }
    }
}
