package dev.cutover.bench;

import dev.cutover.link.engine.LinkEngine;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.engine.Takeover;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.GroupOffsetTranslator;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;

/** cutover's own link as a benchmark contender: the engine in this process, a fresh link (name) per run. */
public final class CutoverLinkReplicator implements Replicator {
    private final Takeover takeover;
    private final String group;

    /** @param group a source group whose offsets are translated through the link's map and committed on the target */
    public CutoverLinkReplicator(Takeover takeover, String group) {
        this.takeover = takeover;
        this.group = group;
    }

    @Override
    public boolean translatesGroupOffsets() {
        return true;
    }

    @Override
    public String name() {
        return "cutover link";
    }

    @Override
    public Handle start(CopyJob job) {
        Map<String, Object> source = job.source();
        Map<String, Object> target = job.target();
        LinkSettings settings = LinkSettings.defaults(
                        "bench-" + UUID.randomUUID().toString().substring(0, 8))
                .include(java.util.regex.Pattern.quote(job.topic()));
        LinkEngine engine = new LinkEngine(source, target, settings, new LinkEngine.Listener() {}, takeover);
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(engine::run, "bench-cutover-link");
        thread.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
        thread.start();
        // Like `cutover offsets sync --wait`: as soon as the link has passed the group's offsets, move the group.
        Thread groupSync = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            Thread.sleep(1000);
                            if (syncGroup(source, target, settings)) {
                                return;
                            }
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            // not yet: the map or the group is not there yet
                        }
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
                if (failure[0] != null) {
                    throw new IllegalStateException("the cutover link failed: " + failure[0], failure[0]);
                }
                return engine.copiedTotal();
            }

            @Override
            public void close() {
                groupSync.interrupt();
                engine.stop();
                try {
                    thread.join(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                engine.close();
            }
        };
    }

    /** The running link: counts what it committed, keeps its offset map in {@code __cutover.<link>.offsets}. */
    public interface Handle extends Replicator.Counting, Replicator.KeepsOffsetMap {}

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
            var translation = new GroupOffsetTranslator(maps).toTarget(committed);
            if (!translation.complete()) {
                return false;
            }
            t.alterConsumerGroupOffsets(group, translation.translated()).all().get();
            return true;
        }
    }
}
