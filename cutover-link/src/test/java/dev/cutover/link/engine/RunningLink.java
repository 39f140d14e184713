package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.sync.SyncReport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A link running while a test changes the clusters under it; records what the link told its listener. {@link
 * #close()} stops it (a clean stop writes a last checkpoint) and fails if the link failed.
 */
final class RunningLink implements AutoCloseable, Consumer<LinkEvent> {
    final LinkHandle handle;
    final LinkSettings settings;
    final List<String> infos = new CopyOnWriteArrayList<>();
    final List<SyncReport.Item> topicItems = new CopyOnWriteArrayList<>();
    final Map<TopicPartition, String> errors = new ConcurrentHashMap<>();
    final List<LinkEvent> events = new CopyOnWriteArrayList<>();

    private RunningLink(Map<String, Object> sourceProps, Map<String, Object> targetProps, LinkSettings settings) {
        this.settings = settings;
        this.handle = LinkHarness.start(sourceProps, targetProps, settings, this);
    }

    static RunningLink start(Map<String, Object> sourceProps, Map<String, Object> targetProps, LinkSettings settings)
            throws Exception {
        RunningLink link = new RunningLink(sourceProps, targetProps, settings);
        assertThat(link.handle.awaitStarted(LinkHarness.TIMEOUT))
                .as("link started; failure: %s", link.handle.failure())
                .isTrue();
        return link;
    }

    /** Polls until the condition holds; fails at the harness timeout, or at once if the link failed. */
    void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LinkHarness.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(handle.failure()).as("link failure").isEmpty();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + LinkHarness.TIMEOUT + "; link said " + infos);
            }
            Thread.sleep(100);
        }
    }

    boolean told(String fragment) {
        return infos.stream().anyMatch(m -> m.contains(fragment));
    }

    @Override
    public void accept(LinkEvent event) {
        events.add(event);
        if (event instanceof LinkEvent.Info info) {
            infos.add(info.message());
        } else if (event instanceof LinkEvent.TopicSynced synced) {
            topicItems.add(synced.item());
            infos.add("topic " + synced.item().subject() + ": "
                    + synced.item().outcome().name().toLowerCase() + " "
                    + synced.item().detail());
        } else if (event instanceof LinkEvent.PartitionStopped stopped) {
            errors.put(stopped.partition(), stopped.reason());
        }
    }

    /** Stops the link; restores the interrupt flag rather than declaring InterruptedException (-Xlint:try). */
    @Override
    public void close() {
        handle.stop();
        try {
            assertThat(handle.awaitEnded(LinkHarness.TIMEOUT)).as("link ended").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(handle.failure()).as("link failure").isEmpty();
    }
}
